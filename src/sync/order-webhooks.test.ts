import { describe, expect, it } from 'vitest';
import {
  cancelOrder,
  type OutgoingWebhook,
  recordFulfillmentEvent,
  shipOrder,
} from '../../demo/shopify/order-actions.js';
import { orderDeletePayload, orderPayload } from '../../demo/shopify/webhook-payloads.js';
import { databases } from '../db/testing.js';
import { SHOP, type SyncHarness, syncHarness } from '../testing/sync-harness.js';
import { SYNC_QUEUES } from './jobs.js';
import { ORDER_WEBHOOK_HANDLERS } from './webhook-handlers.js';

async function deliver(h: SyncHarness, w: OutgoingWebhook, id?: number) {
  const handler = ORDER_WEBHOOK_HANDLERS[w.topic];
  if (!handler) throw new Error(`no handler for ${w.topic}`);
  await handler(h.delivery(w, id), h.webhookDeps);
}

function unshipped(h: SyncHarness) {
  const order = h.orders.find((o) => o.fulfillments.length === 0 && !o.cancelledAt);
  if (!order) throw new Error('no unshipped seed order');
  return order;
}

describe.each(databases())('order webhooks (%s)', (kind) => {
  it('orders/create stores the order; a repeated delivery changes nothing', async () => {
    const h = await syncHarness(kind);
    const order = unshipped(h);
    const created: OutgoingWebhook = { topic: 'orders/create', payload: orderPayload(order) };
    await deliver(h, created, 1);
    const first = await h.repos.orders.get(SHOP, order.id);
    expect(first?.name).toBe(order.name);
    await deliver(h, created, 1);
    await deliver(h, created, 2);
    expect(await h.repos.orders.get(SHOP, order.id)).toEqual(first);
    expect(await h.repos.orders.count(SHOP)).toBe(1);
  });

  it('out of order: an older orders/updated after a newer one is ignored; events accumulate once', async () => {
    const h = await syncHarness(kind);
    const order = unshipped(h);
    const created = { topic: 'orders/create', payload: orderPayload(order) };
    h.now.ms += 60_000;
    const shipped = shipOrder(
      order,
      { company: 'Bring', number: 'CS111111111NO', url: null },
      new Date(h.now.ms),
    );
    const fulfillment = shipped.fulfillment;
    h.now.ms += 60_000;
    const evented = recordFulfillmentEvent(
      order,
      fulfillment,
      { status: 'IN_TRANSIT', city: 'Oslo', country: 'Norway', message: 'On its way' },
      new Date(h.now.ms),
    );
    h.now.ms += 60_000;
    const cancelled = cancelOrder(order, new Date(h.now.ms));
    // Newest first, then the older ones, each twice.
    for (const w of [...cancelled.webhooks, ...evented.webhooks, ...shipped.webhooks, created]) {
      await deliver(h, w);
      await deliver(h, w);
    }
    const stored = await h.repos.orders.get(SHOP, order.id);
    expect(stored?.cancelledAt).not.toBeNull();
    expect(stored?.shipments.map((s) => s.fulfillmentGid)).toEqual([fulfillment.id]);
    expect(stored?.shipments[0]?.trackingNumber).toBe('CS111111111NO');
    expect(stored?.shipments[0]?.events.map((e) => e.eventGid)).toEqual([evented.event.id]);
  });

  it('a fulfilment or event for an order not stored yet queues its read from Admin', async () => {
    const h = await syncHarness(kind);
    const order = unshipped(h);
    const shipped = shipOrder(
      order,
      { company: 'Bring', number: 'CS222222222NO', url: null },
      new Date(h.now.ms),
    );
    const fulfillmentCreate = shipped.webhooks.find((w) => w.topic === 'fulfillments/create');
    if (!fulfillmentCreate) throw new Error('no fulfillments/create');
    await deliver(h, fulfillmentCreate);
    expect(await h.repos.orders.count(SHOP)).toBe(0);
    expect(h.jobs.sent).toEqual([
      {
        queue: SYNC_QUEUES.fetchOrder,
        data: { shop: SHOP, orderGid: order.id },
        startAfterSeconds: undefined,
      },
    ]);
  });

  it('orders/delete removes the order, and a late update does not bring it back', async () => {
    const h = await syncHarness(kind);
    const order = unshipped(h);
    const created = { topic: 'orders/create', payload: orderPayload(order) };
    await deliver(h, created);
    await deliver(h, { topic: 'orders/delete', payload: orderDeletePayload(order) });
    expect(await h.repos.orders.count(SHOP)).toBe(0);
    await deliver(h, { topic: 'orders/updated', payload: orderPayload(order) });
    expect(await h.repos.orders.count(SHOP)).toBe(0);
  });

  it('every write announces the order so cached views are dropped', async () => {
    const h = await syncHarness(kind);
    const order = unshipped(h);
    await deliver(h, { topic: 'orders/create', payload: orderPayload(order) });
    expect(h.changes.map((c) => [c.shop, c.orderName, c.customerGid])).toEqual([
      [SHOP, order.name, order.customer?.id ?? null],
    ]);
  });

  it('a bad payload and an uninstalled shop are dropped without a write', async () => {
    const h = await syncHarness(kind);
    await deliver(h, { topic: 'orders/create', payload: { id: 'not a number' } });
    const order = unshipped(h);
    await h.repos.shops.markUninstalled(SHOP);
    await deliver(h, { topic: 'orders/create', payload: orderPayload(order) });
    expect(await h.repos.orders.count(SHOP)).toBe(0);
  });
});
