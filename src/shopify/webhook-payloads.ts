// zod schemas of the REST-shaped webhook bodies order sync reads: only the fields it uses; the rest is dropped.
import { z } from 'zod';

const OpenEnum = z.string().max(100);
const Str = z.string().max(5000);
const Gid = z.string().min(1).max(200);
/** REST ids are JSON numbers (some libraries send strings); kept as decimal text. */
const RestId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,30}$/)])
  .transform((id) => String(id));

export const RestFulfillmentLineItemSchema = z.object({
  id: RestId.nullish(),
  admin_graphql_api_id: Gid.nullish(),
  name: Str,
  quantity: z.number().int().nullish(),
});

/** A fulfillment as `fulfillments/create|update` send it, and inside an order's `fulfillments`. */
export const RestFulfillmentSchema = z.object({
  id: RestId,
  admin_graphql_api_id: Gid.nullish(),
  order_id: RestId.nullish(),
  status: OpenEnum.nullish(),
  created_at: Str,
  updated_at: Str.nullish(),
  shipment_status: OpenEnum.nullish(),
  tracking_company: Str.nullish(),
  tracking_number: Str.nullish(),
  tracking_numbers: z.array(Str).nullish(),
  tracking_url: Str.nullish(),
  tracking_urls: z.array(Str).nullish(),
  line_items: z.array(RestFulfillmentLineItemSchema).nullish(),
  /** The shipping address; only its country code is read. */
  destination: z.object({ country_code: Str.nullish() }).nullish(),
});
export type RestFulfillment = z.infer<typeof RestFulfillmentSchema>;

export const RestLineItemSchema = z.object({
  id: RestId,
  admin_graphql_api_id: Gid.nullish(),
  name: Str,
  quantity: z.number().int(),
  product_id: RestId.nullish(),
});

/** `orders/create`, `orders/updated`, `orders/cancelled` (and `orders/fulfilled`, `orders/paid`). */
export const RestOrderSchema = z.object({
  id: RestId,
  admin_graphql_api_id: Gid.nullish(),
  name: Str,
  confirmation_number: Str.nullish(),
  /** Read only to fingerprint it. */
  email: Str.nullish(),
  contact_email: Str.nullish(),
  /**
   * Not Shopify's: the email's keyed fingerprint, put in place of `email` when the delivery was
   * queued (src/sync/queue-payload.ts); null when the order has no email.
   */
  email_fingerprint: z.object({ value: z.string().max(100), version: z.number().int() }).nullish(),
  created_at: Str,
  processed_at: Str.nullish(),
  updated_at: Str,
  cancelled_at: Str.nullish(),
  financial_status: OpenEnum.nullish(),
  fulfillment_status: OpenEnum.nullish(),
  customer: z.object({ id: RestId, admin_graphql_api_id: Gid.nullish() }).nullish(),
  /** Only its country code is read. */
  shipping_address: z.object({ country_code: Str.nullish() }).nullish(),
  line_items: z.array(RestLineItemSchema).default([]),
  fulfillments: z.array(RestFulfillmentSchema).default([]),
});
export type RestOrder = z.infer<typeof RestOrderSchema>;

/** `orders/delete`: the id and nothing else. */
export const RestOrderDeleteSchema = z.object({ id: RestId });
export type RestOrderDelete = z.infer<typeof RestOrderDeleteSchema>;

/** `fulfillment_events/create`. Street, zip and coordinates are not read (on delivery: the shopper's door). */
export const RestFulfillmentEventSchema = z.object({
  id: RestId,
  admin_graphql_api_id: Gid.nullish(),
  fulfillment_id: RestId,
  order_id: RestId,
  status: OpenEnum,
  message: Str.nullish(),
  happened_at: Str,
  city: Str.nullish(),
  province: Str.nullish(),
  country: Str.nullish(),
  estimated_delivery_at: Str.nullish(),
  updated_at: Str.nullish(),
});
export type RestFulfillmentEvent = z.infer<typeof RestFulfillmentEventSchema>;
