// zod schemas for the answers to ORDER_FIND_QUERY and ORDER_DETAIL_QUERY: the find-then-detail lookup.
import { z } from 'zod';
import {
  FulfillmentEventNodeSchema,
  FulfillmentNodeSchema,
  FulfillmentOrderNodeSchema,
  ShopifyOrderSchema,
} from './order-schema.js';

const Str = z.string().max(5000);
const Gid = z.string().min(1).max(200);
const Connection = <T extends z.ZodType>(node: T) => z.object({ nodes: z.array(node) });

/** One candidate of ORDER_FIND_QUERY. */
export const OrderFindNodeSchema = z.object({
  id: Gid,
  name: Str,
  confirmationNumber: Str.nullish(),
  email: Str.nullish(),
  customer: z.object({ id: Gid }).nullish(),
});
export type OrderFindNode = z.infer<typeof OrderFindNodeSchema>;

/** `data` of ORDER_FIND_QUERY. */
export const OrderFindDataSchema = z.object({ orders: Connection(OrderFindNodeSchema) });
export type OrderFindData = z.infer<typeof OrderFindDataSchema>;

export const DetailEventSchema = FulfillmentEventNodeSchema.extend({
  id: Gid,
  estimatedDeliveryAt: Str.nullish(),
});

export const DetailFulfillmentSchema = FulfillmentNodeSchema.extend({
  id: Gid,
  updatedAt: Str.nullish(),
  events: Connection(DetailEventSchema),
  fulfillmentLineItems: Connection(
    z.object({
      quantity: z.number().int().nullish(),
      lineItem: z.object({ id: Gid.nullish(), name: Str }),
    }),
  ),
});

export const DetailFulfillmentOrderSchema = FulfillmentOrderNodeSchema.extend({ id: Gid });

/**
 * An order as ORDER_DETAIL_QUERY returns it. A superset of `ShopifyOrder`: the tracking view can be
 * drawn from it directly, and the store maps it with `liveOrderToStored`.
 */
export const OrderDetailSchema = ShopifyOrderSchema.extend({
  id: Gid,
  confirmationNumber: Str.nullish(),
  updatedAt: Str,
  shippingAddress: z.object({ countryCodeV2: Str.nullish() }).nullish(),
  lineItems: Connection(
    z.object({
      id: Gid,
      name: Str,
      quantity: z.number().int(),
      product: z.object({ id: Gid }).nullish(),
    }),
  ),
  fulfillments: z.array(DetailFulfillmentSchema),
  fulfillmentOrders: Connection(DetailFulfillmentOrderSchema),
});
export type OrderDetail = z.infer<typeof OrderDetailSchema>;
export type DetailFulfillment = z.infer<typeof DetailFulfillmentSchema>;
export type DetailEvent = z.infer<typeof DetailEventSchema>;

/** `data` of ORDER_DETAIL_QUERY (`order` is null for an unknown or deleted id). */
export const OrderDetailDataSchema = z.object({ order: OrderDetailSchema.nullable() });
export type OrderDetailData = z.infer<typeof OrderDetailDataSchema>;
