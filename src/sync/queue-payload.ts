// What an order or fulfilment webhook keeps while it waits in the job queue: the fields the handlers read, the email only as its fingerprint.
//
// A queued job is a row in pg-boss's table, and a deleted row stays in the database files until
// they are rewritten: so Shopify's payload (the shopper's email, name, addresses, phone, note) is
// cut down at receipt, before it is queued, to what src/sync/order-webhooks.ts reads.
import {
  RestFulfillmentEventSchema,
  RestFulfillmentSchema,
  RestOrderDeleteSchema,
  RestOrderSchema,
} from '../shopify/webhook-payloads.js';
import type { EmailFingerprinter } from './email-fingerprint.js';

const ORDER_TOPICS = new Set(['orders/create', 'orders/updated', 'orders/cancelled']);
const FULFILLMENT_TOPICS = new Set(['fulfillments/create', 'fulfillments/update']);

/**
 * The payload to queue for `topic`: for the order sync's topics, the handler's schema applied (every
 * field it does not read dropped) and, for orders, `email`/`contact_email` replaced by
 * `email_fingerprint` (the shop's keyed HMAC, made by `fingerprinter`); null when the payload does
 * not fit the schema (the handler then logs and drops it, as it would have). Other topics unchanged.
 */
export async function queueableSyncPayload(
  topic: string,
  payload: unknown,
  fingerprinter: () => Promise<EmailFingerprinter>,
): Promise<unknown> {
  if (ORDER_TOPICS.has(topic)) {
    const parsed = RestOrderSchema.safeParse(payload);
    if (!parsed.success) return null;
    const { email, contact_email, email_fingerprint, ...order } = parsed.data;
    const fingerprint =
      email_fingerprint !== undefined
        ? email_fingerprint
        : (await fingerprinter())(email ?? contact_email);
    return { ...order, email_fingerprint: fingerprint };
  }
  if (topic === 'orders/delete') return minimal(RestOrderDeleteSchema.safeParse(payload));
  if (FULFILLMENT_TOPICS.has(topic)) return minimal(RestFulfillmentSchema.safeParse(payload));
  if (topic === 'fulfillment_events/create') {
    return minimal(RestFulfillmentEventSchema.safeParse(payload));
  }
  return payload;
}

function minimal(parsed: { success: true; data: unknown } | { success: false }): unknown {
  return parsed.success ? parsed.data : null;
}
