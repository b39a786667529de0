import { describe, expect, it } from 'vitest';
import { cancelOrder, deliverOrder, OrderActionError, shipOrder } from './order-actions.js';
import { seedOrders } from './seed-orders.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const tracking = {
  company: 'Bring',
  number: '70701234567890123',
  url: 'https://tracking.bring.com/tracking/70701234567890123',
};

describe('order actions', () => {
  it('ships an unfulfilled order, then delivers it, with Shopify’s webhooks', () => {
    const orders = seedOrders(NOW);
    const order = orders.find(
      (o) => !o.cancelledAt && o.fulfillments.length === 0 && o.requiresShipping,
    );
    if (!order) throw new Error('seed has no unshipped order');
    const before = order.updatedAt;

    const shipped = shipOrder(order, tracking, NOW);
    expect(shipped.webhooks.map((w) => w.topic)).toEqual(['fulfillments/create', 'orders/updated']);
    expect(shipped.webhooks[0]?.payload).toMatchObject({
      tracking_number: tracking.number,
      tracking_numbers: [tracking.number],
      tracking_company: 'Bring',
      order_id: Number(order.legacyResourceId),
    });
    expect(order.displayFulfillmentStatus).toBe('FULFILLED');
    expect(order.fulfillments).toHaveLength(1);
    expect(Date.parse(order.updatedAt)).toBeGreaterThan(Date.parse(before));
    expect(() => shipOrder(order, tracking, NOW)).toThrow(OrderActionError);

    const delivered = deliverOrder(order, new Date(NOW.getTime() + 3600_000));
    expect(delivered.webhooks.map((w) => w.topic)).toEqual([
      'fulfillment_events/create',
      'fulfillments/update',
      'orders/updated',
    ]);
    expect(delivered.webhooks[0]?.payload).toMatchObject({ status: 'delivered' });
    expect(delivered.webhooks[1]?.payload).toMatchObject({ shipment_status: 'delivered' });
    expect(order.fulfillments[0]?.deliveredAt).toBe(
      new Date(NOW.getTime() + 3600_000).toISOString(),
    );
  });

  it('cancels an order and refuses to cancel it twice; never moves updatedAt backwards', () => {
    const orders = seedOrders(NOW);
    const order = orders.find((o) => !o.cancelledAt);
    if (!order) throw new Error('no open order');
    const past = new Date(Date.parse(order.updatedAt) - 86_400_000);
    const { webhooks } = cancelOrder(order, past);
    expect(webhooks.map((w) => w.topic)).toEqual(['orders/cancelled', 'orders/updated']);
    expect(webhooks[0]?.payload).toMatchObject({
      cancel_reason: 'customer',
      cancelled_at: order.cancelledAt,
    });
    expect(Date.parse(order.updatedAt)).toBeGreaterThan(past.getTime());
    expect(() => cancelOrder(order, NOW)).toThrow(/already cancelled/);
  });

  it('refuses to deliver an order never shipped', () => {
    const orders = seedOrders(NOW);
    const order = orders.find((o) => o.fulfillments.length === 0);
    if (!order) throw new Error('no unshipped order');
    expect(() => deliverOrder(order, NOW)).toThrow(OrderActionError);
  });
});
