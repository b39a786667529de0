import { describe, expect, it } from 'vitest';
import type { LiveTracking } from '../carriers/adapter.js';
import type { TrackingEvent } from '../contract/tracking-view.js';
import { storedOrder } from '../testing/stored-orders.js';
import {
  applyCarrierTracking,
  isCarrierEvent,
  shipmentChanged,
  shipmentException,
  storedEventStatus,
} from './tracking-update.js';

const DAY = 86_400_000;
const shipment = () => {
  const s = storedOrder(1).shipments[0];
  if (!s) throw new Error('fixture has a shipment');
  return s;
};
const event = (status: TrackingEvent['status'], at: string, raw = status.toUpperCase()) =>
  ({ status, at, rawStatus: raw, message: `${status} text`, source: 'carrier' }) as TrackingEvent;
const live = (events: TrackingEvent[], extra: Partial<LiveTracking> = {}): LiveTracking => ({
  found: true,
  status: events[0]?.status ?? 'unknown',
  events,
  ...extra,
});

describe('applyCarrierTracking', () => {
  it('adds carrier events under stable ids, so a repeated answer changes nothing', () => {
    const answer = live([
      event('out_for_delivery', '2026-11-03T08:00:00+01:00'),
      event('in_transit', '2026-11-02T08:00:00+01:00'),
    ]);
    const once = applyCarrierTracking(shipment(), answer);
    const twice = applyCarrierTracking(once, answer);
    expect(shipmentChanged(once, twice)).toBe(false);
    expect(once.events.filter(isCarrierEvent).map((e) => [e.status, e.happenedAt])).toEqual([
      ['OUT_FOR_DELIVERY', '2026-11-03T07:00:00Z'],
      ['IN_TRANSIT', '2026-11-02T07:00:00Z'],
    ]);
    // Shopify's own event is kept, and the newest comes first.
    expect(once.events.map((e) => e.status)).toEqual([
      'OUT_FOR_DELIVERY',
      'IN_TRANSIT',
      'IN_TRANSIT',
    ]);
    expect(once.status).toBe('out_for_delivery');
  });

  it('a delivery sets the status and time; estimates in the stored form, the first one kept', () => {
    const next = applyCarrierTracking(
      shipment(),
      live([event('delivered', '2026-11-03T12:00:00Z')], {
        estimatedDeliveryAt: '2026-11-03',
      }),
    );
    expect(next).toMatchObject({
      status: 'delivered',
      deliveredAt: '2026-11-03T12:00:00Z',
      estimatedDeliveryAt: '2026-11-03T00:00:00Z',
      firstEstimatedDeliveryAt: '2026-11-04T00:00:00Z',
    });
  });

  it('never moves a shipment back, and a cancelled one stays cancelled', () => {
    const out = { ...shipment(), status: 'out_for_delivery' as const };
    expect(
      applyCarrierTracking(out, live([event('in_transit', '2026-11-02T08:00:00Z')])).status,
    ).toBe('out_for_delivery');
    const cancelled = { ...shipment(), status: 'cancelled' as const };
    expect(
      applyCarrierTracking(cancelled, live([event('delivered', '2026-11-02T08:00:00Z')])).status,
    ).toBe('cancelled');
  });

  it("an override replaces the carrier's code and the merchant's name with the catalogue's", () => {
    const next = applyCarrierTracking(
      { ...shipment(), carrierName: 'Other' },
      live([]),
      'postnord',
    );
    expect([next.carrierCode, next.carrierName]).toEqual(['postnord', 'PostNord']);
  });

  it('stores statuses Shopify has no value for under an open name read back as unknown', () => {
    expect(storedEventStatus('returned_to_sender')).toBe('CARRIER_RETURNED_TO_SENDER');
    expect(storedEventStatus('attempted_delivery')).toBe('ATTEMPTED_DELIVERY');
  });
});

describe('shipmentException', () => {
  const NOW = Date.parse('2026-11-20T12:00:00Z');
  it.each([
    ['returned_to_sender', null, true, 'returned_to_sender'],
    ['failure', null, true, 'failure'],
    ['attempted_delivery', '2026-11-01', false, 'attempted_delivery'],
    ['in_transit', '2026-11-01T00:00:00Z', true, 'stalled'],
    ['in_transit', '2026-11-20T11:59:00Z', false, 'late'],
    ['in_transit', '2026-11-20T12:01:00Z', false, null],
    // A date without a time passes at the end of that day.
    ['in_transit', '2026-11-20', false, null],
    ['in_transit', '2026-11-19', false, 'late'],
    ['delivered', '2026-11-01', true, null],
    ['some_new_status', null, false, null],
  ])('%s, estimate %s, stalled %s → %s', (status, eta, stalled, expected) => {
    expect(shipmentException({ status, estimatedDeliveryAt: eta }, stalled, NOW)).toBe(expected);
  });

  it('a day later the same shipment is late', () => {
    const s = { status: 'in_transit', estimatedDeliveryAt: '2026-11-20' };
    expect(shipmentException(s, false, NOW + DAY)).toBe('late');
  });
});
