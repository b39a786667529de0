import { describe, expect, it } from 'vitest';
import { expectedCounts, expectedShipments } from '../e2e/expected-board.js';
import {
  GENERATED_FIRST_NUMBER,
  GENERATED_ORDER_COUNT,
  generatedAdminOrders,
} from './seed-generated.js';
import { seedOrders } from './seed-orders.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const generated = generatedAdminOrders(NOW);
const all = [...seedOrders(NOW), ...generated];

describe('generated demo orders', () => {
  it('are as many as asked, numbered upwards in the order they were placed', () => {
    expect(generated).toHaveLength(GENERATED_ORDER_COUNT);
    expect(generated[0]?.name).toBe(`#${GENERATED_FIRST_NUMBER}`);
    for (let i = 1; i < generated.length; i++) {
      expect(generated[i]?.number).toBe((generated[i - 1]?.number ?? 0) + 1);
      expect(Date.parse(generated[i]?.processedAt ?? '')).toBeGreaterThanOrEqual(
        Date.parse(generated[i - 1]?.processedAt ?? ''),
      );
    }
    expect(generatedAdminOrders(NOW, 25)).toHaveLength(25);
  });

  it('never reuse a name or an id of the hand-written orders or of each other', () => {
    const ids = all.flatMap((o) => [
      o.id,
      ...o.lineItems.map((l) => l.id),
      ...o.fulfillmentOrders.map((f) => f.id),
      ...o.fulfillments.flatMap((f) => [f.id, ...f.events.map((e) => e.id)]),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(all.map((o) => o.name)).size).toBe(all.length);
    const codes = all.map((o) => o.confirmationNumber);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('are guest checkouts with an email and a shipping address', () => {
    for (const o of generated) {
      expect(o.customer).toBeNull();
      expect(o.email).toMatch(/^guest\d+@example\.net$/);
      expect(o.shippingAddress?.countryCodeV2).toMatch(/^[A-Z]{2}$/);
    }
  });

  it('cover every state of the board (a return only as a failed delivery, as Shopify reports it), several carriers and countries', () => {
    const counts = expectedCounts(generated, NOW.getTime());
    for (const key of [
      'unfulfilled',
      'on_hold',
      'scheduled',
      'label_created',
      'in_transit',
      'out_for_delivery',
      'ready_for_pickup',
      'attempted_delivery',
      'delayed',
      'stalled',
      'failure',
      'delivered',
      'cancelled',
    ] as const)
      expect(counts[key], key).toBeGreaterThan(0);
    expect(generated.filter((o) => o.cancelledAt).length).toBeGreaterThan(0);
    const shipments = expectedShipments(generated, NOW.getTime());
    const carriers = new Set(shipments.map((s) => s.carrierCode));
    expect(carriers).toEqual(
      new Set(['bring', 'posten_norge', 'postnord', 'dhl_express', 'ups', 'usps', 'gls', null]),
    );
    expect(new Set(shipments.map((s) => s.countryCode)).size).toBeGreaterThanOrEqual(6);
    // Most of an established shop's shipments have arrived.
    expect(counts.delivered).toBeGreaterThan(shipments.length / 2);
  });
});
