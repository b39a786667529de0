// zod schemas of the app and compliance webhook bodies: only the fields the handlers read.
import { z } from 'zod';

/** REST ids are JSON numbers (some senders quote them); kept as decimal text. */
export const RestId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,30}$/)])
  .transform((id) => String(id));

/** `app/scopes_update`: the scopes granted before and now (each an access scope handle). */
export const ScopesUpdatePayloadSchema = z.object({
  previous: z.array(z.string().max(200)).max(500).optional(),
  current: z.array(z.string().max(200)).max(500),
});

/** `customers/data_request`: who asks (the customer's REST id), which orders, the request's id. */
export const CustomersDataRequestPayloadSchema = z.object({
  shop_domain: z.string().max(255).optional(),
  customer: z.object({ id: RestId }),
  orders_requested: z.array(RestId).max(100_000).default([]),
  data_request: z.object({ id: RestId }).optional(),
});

/** `customers/redact`: the customer's REST id and the orders to erase. */
export const CustomersRedactPayloadSchema = z.object({
  shop_domain: z.string().max(255).optional(),
  customer: z.object({ id: RestId }),
  orders_to_redact: z.array(RestId).max(100_000).default([]),
});

/** `shop/redact`: only the shop; the body is checked so a stray body is not taken for one. */
export const ShopRedactPayloadSchema = z.object({
  shop_domain: z.string().max(255).optional(),
});

/** `gid://shopify/Order/123` from the REST id `123`. */
export const orderGid = (id: string): string => `gid://shopify/Order/${id}`;
/** `gid://shopify/Customer/123` from the REST id `123`. */
export const customerGid = (id: string): string => `gid://shopify/Customer/${id}`;
