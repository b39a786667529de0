import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seedOrders } from '../../demo/shopify/seed-orders.js';
import {
  fulfillmentEventPayload,
  fulfillmentPayload,
  orderPayload,
} from '../../demo/shopify/webhook-payloads.js';
import { RestOrderSchema } from '../shopify/webhook-payloads.js';
import { createEmailFingerprinter } from './email-fingerprint.js';
import { orderWebhookToUpdate } from './from-webhooks.js';
import { queueableSyncPayload } from './queue-payload.js';

const NOW = Date.UTC(2026, 10, 30, 12);
const fingerprint = createEmailFingerprinter(randomBytes(32));
const fingerprinter = async () => fingerprint;
const orders = seedOrders(new Date(NOW));
const order = orders.find(
  (o) => o.email && o.shippingAddress && o.customer && o.fulfillments.length,
);
if (!order?.email || !order.shippingAddress || !order.customer) {
  throw new Error('the seed has no shipped order with an email, an address and a customer');
}
const address = order.shippingAddress;
/** What must never wait in the queue: the shopper's email, names, street, zip and phone. */
const PERSONAL = [
  order.email,
  address.firstName,
  address.lastName,
  address.address1,
  address.zip,
  order.customer.firstName,
].filter((s): s is string => typeof s === 'string' && s.length > 2);

describe('the order sync payload as it waits in the job queue', () => {
  it('keeps no personal field of an order, and its email only as the fingerprint the handler would make', async () => {
    const raw = orderPayload(order);
    expect(JSON.stringify(raw)).toContain(order.email);
    const queued = await queueableSyncPayload('orders/updated', raw, fingerprinter);
    const text = JSON.stringify(queued);
    for (const value of PERSONAL) expect(text).not.toContain(value);
    const fromQueue = orderWebhookToUpdate(RestOrderSchema.parse(queued), fingerprint);
    const fromRaw = orderWebhookToUpdate(RestOrderSchema.parse(raw), fingerprint);
    expect(fromQueue.row.emailFingerprint).not.toBeNull();
    expect(fromQueue).toEqual(fromRaw);
  });

  it('keeps no personal field of a fulfilment or a tracking event', async () => {
    const f = order.fulfillments[0];
    if (!f) throw new Error('no fulfilment');
    const queued = await queueableSyncPayload(
      'fulfillments/update',
      fulfillmentPayload(order, f),
      fingerprinter,
    );
    expect(queued).not.toBeNull();
    const text = JSON.stringify(queued);
    for (const value of PERSONAL) expect(text).not.toContain(value);
    const event = f.events[0];
    if (event) {
      const queuedEvent = await queueableSyncPayload(
        'fulfillment_events/create',
        fulfillmentEventPayload(order, f, event),
        fingerprinter,
      );
      expect(queuedEvent).not.toBeNull();
      for (const value of PERSONAL) expect(JSON.stringify(queuedEvent)).not.toContain(value);
    }
  });

  it('queues null for a payload its handler could not read, and other topics unchanged', async () => {
    expect(await queueableSyncPayload('orders/create', { id: 'x' }, fingerprinter)).toBeNull();
    expect(await queueableSyncPayload('fulfillments/create', 'text', fingerprinter)).toBeNull();
    const other = { shop_domain: 'a.myshopify.com' };
    expect(await queueableSyncPayload('shop/redact', other, fingerprinter)).toBe(other);
  });
});
