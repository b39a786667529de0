import { describe, expect, it } from 'vitest';
import { ADMIN_GRAPHQL_PATH, createAdminEmulator } from '../../demo/shopify/admin-emulator.js';
import { seedOrders } from '../../demo/shopify/seed-orders.js';
import { orderToTrackingView } from '../core/order-to-view.js';
import { OrderDetailDataSchema } from '../shopify/order-detail-schema.js';
import { ORDER_DETAIL_QUERY } from '../shopify/order-find-query.js';
import { createEmailFingerprinter } from './email-fingerprint.js';
import { ALL_DETAIL_ORDERS } from './fixtures/admin-orders.js';
import { adminOrderToStored } from './from-admin-order.js';
import { storedToShopifyOrder, VIEW_EVENTS_PER_SHIPMENT } from './stored-to-shopify-order.js';

const fingerprint = createEmailFingerprinter(new Uint8Array(32).fill(7));

// Fields the store deliberately lacks: the email (only its fingerprint is kept). Nothing the
// tracking view reads is missing, so the two views must be equal with no exception.
const viaStore = (order: Parameters<typeof adminOrderToStored>[0]) =>
  orderToTrackingView(storedToShopifyOrder(adminOrderToStored(order, fingerprint)));

describe('an order from the store draws the same tracking view as the live order', () => {
  it.each(Object.entries(ALL_DETAIL_ORDERS))('%s', (_name, live) => {
    expect(viaStore(live)).toEqual(orderToTrackingView(live));
  });

  it('the comparison can fail: a lost event changes the view', () => {
    const live = ALL_DETAIL_ORDERS.deliveredOrder;
    if (!live) throw new Error('fixture');
    const stored = adminOrderToStored(live, fingerprint);
    stored.shipments[0]?.events.pop();
    expect(orderToTrackingView(storedToShopifyOrder(stored))).not.toEqual(
      orderToTrackingView(live),
    );
  });

  it('gives the view the newest events only, as many as the live query reads', () => {
    const live = ALL_DETAIL_ORDERS.deliveredOrder;
    if (!live) throw new Error('fixture');
    const stored = adminOrderToStored(live, fingerprint);
    const shipment = stored.shipments[0];
    if (!shipment) throw new Error('fixture');
    const older = Array.from({ length: 12 }, (_, i) => ({
      ...shipment.events.at(-1),
      eventGid: `gid://shopify/FulfillmentEvent/old${i}`,
      status: 'IN_TRANSIT',
      happenedAt: `2026-11-01T0${i % 10}:00:00Z`,
    })) as typeof shipment.events;
    shipment.events = [...shipment.events, ...older];
    const events = storedToShopifyOrder(stored).fulfillments[0]?.events.nodes ?? [];
    expect(events).toHaveLength(VIEW_EVENTS_PER_SHIPMENT);
    expect(events[0]?.status).toBe('DELIVERED');
  });

  it('carries no email back out of the store', () => {
    const live = ALL_DETAIL_ORDERS.unfulfilledOrder;
    if (!live) throw new Error('fixture');
    expect(storedToShopifyOrder(adminOrderToStored(live, fingerprint)).email).toBeNull();
  });
});

describe("the demo shop's orders, read live with the detail query, look the same from the store", () => {
  const now = new Date('2026-11-26T12:00:00Z');
  const orders = seedOrders(now);
  const emulator = createAdminEmulator({
    orders,
    accessToken: 'shpat_test',
    clock: () => +now,
    bucket: { maximumAvailable: 1_000_000, restoreRate: 1_000_000 },
  });

  it.each(orders.map((o) => [o.name, o.id]))('%s', async (_name, id) => {
    const response = await emulator.handle(
      new Request(`http://shop.test${ADMIN_GRAPHQL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_test' },
        body: JSON.stringify({ query: ORDER_DETAIL_QUERY, variables: { id } }),
      }),
    );
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const parsed = OrderDetailDataSchema.safeParse(body.data);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const live = parsed.data?.order;
    if (!live) throw new Error(`no order ${id}`);
    expect(viaStore(live)).toEqual(orderToTrackingView(live));
  });
});
