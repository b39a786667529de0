// zod schemas for the Admin API answers to our queries: the only door Shopify data comes in by.
import { z } from 'zod';

// Enums stay open strings: a value Shopify adds tomorrow must not fail the lookup.
const OpenEnum = z.string().max(100);
const Str = z.string().max(5000);

const Connection = <T extends z.ZodType>(node: T) => z.object({ nodes: z.array(node) });

export const FulfillmentEventNodeSchema = z.object({
  status: OpenEnum,
  happenedAt: Str,
  message: Str.nullish(),
  city: Str.nullish(),
  province: Str.nullish(),
  country: Str.nullish(),
});

export const FulfillmentNodeSchema = z.object({
  status: OpenEnum,
  displayStatus: OpenEnum.nullish(),
  createdAt: Str,
  inTransitAt: Str.nullish(),
  deliveredAt: Str.nullish(),
  estimatedDeliveryAt: Str.nullish(),
  trackingInfo: z.array(
    z.object({ company: Str.nullish(), number: Str.nullish(), url: Str.nullish() }),
  ),
  events: Connection(FulfillmentEventNodeSchema),
  fulfillmentLineItems: Connection(
    z.object({ quantity: z.number().int().nullish(), lineItem: z.object({ name: Str }) }),
  ),
});

export const FulfillmentOrderNodeSchema = z.object({
  status: OpenEnum,
  fulfillAt: Str.nullish(),
  fulfillmentHolds: z.array(z.object({ reason: OpenEnum })),
});

export const ShopifyOrderSchema = z.object({
  name: Str,
  confirmationNumber: Str.nullish(),
  email: Str.nullish(),
  processedAt: Str,
  cancelledAt: Str.nullish(),
  displayFinancialStatus: OpenEnum.nullish(),
  displayFulfillmentStatus: OpenEnum,
  returnStatus: OpenEnum,
  customer: z.object({ id: Str }).nullish(),
  lineItems: Connection(
    z.object({
      name: Str,
      quantity: z.number().int(),
      product: z.object({ id: Str }).nullish(),
    }),
  ),
  fulfillments: z.array(FulfillmentNodeSchema),
  fulfillmentOrders: Connection(FulfillmentOrderNodeSchema),
});
export type ShopifyOrder = z.infer<typeof ShopifyOrderSchema>;
export type ShopifyFulfillment = z.infer<typeof FulfillmentNodeSchema>;
export type ShopifyFulfillmentEvent = z.infer<typeof FulfillmentEventNodeSchema>;
export type ShopifyFulfillmentOrder = z.infer<typeof FulfillmentOrderNodeSchema>;

/** `data` of ORDER_LOOKUP_QUERY. */
export const OrderLookupDataSchema = z.object({
  orders: Connection(ShopifyOrderSchema),
});
export type OrderLookupData = z.infer<typeof OrderLookupDataSchema>;

export const CustomerOrderNodeSchema = z.object({
  name: Str,
  processedAt: Str,
  cancelledAt: Str.nullish(),
  displayFinancialStatus: OpenEnum.nullish(),
  displayFulfillmentStatus: OpenEnum,
});

/** `data` of CUSTOMER_ORDERS_QUERY (customer is null when the id is unknown). */
export const CustomerOrdersDataSchema = z.object({
  customer: z.object({ orders: Connection(CustomerOrderNodeSchema) }).nullable(),
});
export type CustomerOrdersData = z.infer<typeof CustomerOrdersDataSchema>;
