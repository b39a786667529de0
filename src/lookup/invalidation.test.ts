import { describe, expect, it } from 'vitest';
import type { ShopifyOrder } from '../shopify/order-schema.js';
import { createInProcessInvalidationBus } from '../sync/invalidation.js';
import { adminOrder, ORDER_EMAIL } from '../testing/admin-orders.js';
import { json } from '../testing/fake-admin.js';
import { lookupRequest, SHOP } from '../testing/signed.js';
import { testApp } from '../testing/test-app.js';
import type { OrderSource } from './find-order.js';

function countingSource(order: () => ShopifyOrder) {
  const calls = { find: 0 };
  const source: OrderSource = {
    async findOrder(query) {
      calls.find += 1;
      return query.email === ORDER_EMAIL ? order() : null;
    },
    async customerOrders() {
      return { orders: [] };
    },
  };
  return { source, calls };
}

describe('lookup cache invalidation', () => {
  it('a store write announced on the bus drops every cached view of that order, and only of that shop and order', async () => {
    let status = 'IN_TRANSIT';
    const { source, calls } = countingSource(
      () =>
        adminOrder({
          displayFulfillmentStatus: 'FULFILLED',
          name: '#1001',
          status,
        }) as unknown as ShopifyOrder,
    );
    const bus = createInProcessInvalidationBus();
    const t = testApp(() => json({}), {}, { orders: source, invalidations: bus });
    const ask = () => t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    expect(calls.find).toBe(1);
    // Another shop's or another order's change keeps the view.
    await bus.publish([
      {
        shop: 'other.myshopify.com',
        orderName: '#1001',
        confirmationNumber: null,
        customerGid: null,
      },
      { shop: SHOP, orderName: '#1002', confirmationNumber: null, customerGid: null },
    ]);
    await ask();
    expect(calls.find).toBe(1);
    status = 'DELIVERED';
    await bus.publish([
      { shop: SHOP, orderName: '#1001', confirmationNumber: 'KX7P2M9QD', customerGid: null },
    ]);
    expect((await ask()).status).toBe(200);
    expect(calls.find).toBe(2);
    // A lookup by confirmation number is cached under that key, and dropped by the same change.
    const byCode = () =>
      t.handler(
        lookupRequest({ orderNumber: 'KX7P2M9QD', email: ORDER_EMAIL }, { ip: '203.0.113.8' }),
      );
    await byCode();
    await byCode();
    expect(calls.find).toBe(3);
    await bus.publish([
      { shop: SHOP, orderName: '#1001', confirmationNumber: 'KX7P2M9QD', customerGid: null },
    ]);
    await byCode();
    expect(calls.find).toBe(4);
  });
});
