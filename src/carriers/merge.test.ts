import { describe, expect, it } from 'vitest';
import type { Shipment, TrackingEvent } from '../contract/tracking-view.js';
import type { LiveTracking } from './adapter.js';
import { isStalled, mergeEvents, mergeShipment, resolveStatus } from './merge.js';

const shopifyEvent = (status: TrackingEvent['status'], at: string): TrackingEvent => ({
  status,
  at,
  source: 'shopify',
  rawStatus: status.toUpperCase(),
});
const carrierEvent = (status: TrackingEvent['status'], at: string, raw = 'X'): TrackingEvent => ({
  status,
  at,
  source: 'carrier',
  rawStatus: raw,
});

function shipment(overrides: Partial<Shipment> = {}): Shipment {
  return { status: 'in_transit', events: [], lineItems: [], ...overrides };
}

function live(overrides: Partial<LiveTracking> = {}): LiveTracking {
  return { found: true, status: 'unknown', events: [], ...overrides };
}

describe('mergeEvents', () => {
  it('drops a Shopify event that repeats a carrier event within the tolerance, keeping the carrier one', () => {
    const merged = mergeEvents(
      [shopifyEvent('in_transit', '2026-03-10T10:20:00Z')],
      [carrierEvent('in_transit', '2026-03-10T10:00:00Z', 'TERMINAL')],
    );
    expect(merged).toEqual([carrierEvent('in_transit', '2026-03-10T10:00:00Z', 'TERMINAL')]);
  });

  it('keeps events of the same status that are further apart, and events of other statuses', () => {
    const merged = mergeEvents(
      [
        shopifyEvent('in_transit', '2026-03-10T08:00:00Z'),
        shopifyEvent('label_created', '2026-03-09T10:00:00Z'),
      ],
      [carrierEvent('in_transit', '2026-03-10T10:00:00Z')],
    );
    expect(merged.map((event) => [event.status, event.source])).toEqual([
      ['in_transit', 'carrier'],
      ['in_transit', 'shopify'],
      ['label_created', 'shopify'],
    ]);
  });

  it('compares times across time zones', () => {
    const merged = mergeEvents(
      [shopifyEvent('delivered', '2026-03-12T13:40:00Z')],
      [carrierEvent('delivered', '2026-03-12T14:32:10+01:00')],
    );
    expect(merged).toHaveLength(1);
  });

  it('never merges unknown events, which may be different things', () => {
    const merged = mergeEvents(
      [shopifyEvent('unknown', '2026-03-10T10:00:00Z')],
      [carrierEvent('unknown', '2026-03-10T10:00:00Z')],
    );
    expect(merged).toHaveLength(2);
  });

  it('orders everything newest first', () => {
    const merged = mergeEvents(
      [shopifyEvent('label_created', '2026-03-01T00:00:00Z')],
      [
        carrierEvent('in_transit', '2026-03-02T00:00:00Z'),
        carrierEvent('delivered', '2026-03-04T00:00:00Z'),
      ],
    );
    expect(merged.map((event) => event.at)).toEqual([
      '2026-03-04T00:00:00Z',
      '2026-03-02T00:00:00Z',
      '2026-03-01T00:00:00Z',
    ]);
  });
});

describe('resolveStatus', () => {
  it('lets delivered beat everything, even an older delivered event under newer noise', () => {
    const events = [
      carrierEvent('unknown', '2026-03-13T00:00:00Z'),
      carrierEvent('delivered', '2026-03-12T00:00:00Z'),
    ];
    expect(resolveStatus('out_for_delivery', live({ status: 'unknown' }), events)).toBe(
      'delivered',
    );
    expect(resolveStatus('delivered', live({ status: 'in_transit' }), [])).toBe('delivered');
  });

  it('never lets a carrier "unknown" override a known Shopify status', () => {
    expect(resolveStatus('ready_for_pickup', live(), [carrierEvent('unknown', '2026-03-13')])).toBe(
      'ready_for_pickup',
    );
  });

  it('takes the carrier’s further-along status over Shopify’s', () => {
    const events = [carrierEvent('out_for_delivery', '2026-03-13T00:00:00Z')];
    expect(resolveStatus('in_transit', live({ status: 'out_for_delivery' }), events)).toBe(
      'out_for_delivery',
    );
  });

  it('prefers the fresher carrier news when both are as far along', () => {
    const events = [carrierEvent('attempted_delivery', '2026-03-13T00:00:00Z')];
    expect(resolveStatus('out_for_delivery', live(), events)).toBe('attempted_delivery');
  });

  it('keeps Shopify’s status when the carrier lags behind', () => {
    const events = [carrierEvent('in_transit', '2026-03-13T00:00:00Z')];
    expect(resolveStatus('ready_for_pickup', live({ status: 'in_transit' }), events)).toBe(
      'ready_for_pickup',
    );
  });

  it('keeps a cancelled fulfilment cancelled', () => {
    expect(resolveStatus('cancelled', live({ status: 'in_transit' }), [])).toBe('cancelled');
  });
});

describe('mergeShipment', () => {
  it('takes the carrier’s estimate and delivery time, keeping Shopify’s fields otherwise', () => {
    const merged = mergeShipment(
      shipment({ trackingNumber: 'T1', estimatedDeliveryAt: '2026-03-15' }),
      live({
        status: 'delivered',
        estimatedDeliveryAt: '2026-03-12',
        deliveredAt: '2026-03-12T14:32:10+01:00',
        events: [carrierEvent('delivered', '2026-03-12T14:32:10+01:00', 'DELIVERED')],
      }),
    );
    expect(merged).toMatchObject({
      status: 'delivered',
      trackingNumber: 'T1',
      estimatedDeliveryAt: '2026-03-12',
      deliveredAt: '2026-03-12T14:32:10+01:00',
    });
    expect(merged.events[0]).toMatchObject({ source: 'carrier', rawStatus: 'DELIVERED' });
  });
});

describe('isStalled', () => {
  const now = Date.parse('2026-03-20T12:00:00Z');

  it('flags a shipment whose newest event is older than the limit', () => {
    const stale = shipment({ events: [carrierEvent('in_transit', '2026-03-14T12:00:00Z')] });
    expect(isStalled(stale, now, 5)).toBe(true);
    expect(isStalled(stale, now, 7)).toBe(false);
  });

  it('does not flag finished shipments', () => {
    const events = [carrierEvent('delivered', '2026-01-01T00:00:00Z')];
    expect(isStalled(shipment({ status: 'delivered', events }), now, 5)).toBe(false);
    expect(isStalled(shipment({ status: 'cancelled', events }), now, 5)).toBe(false);
  });

  it('falls back to the ship date for a tracked shipment without events', () => {
    const quiet = shipment({ trackingNumber: 'T', shippedAt: '2026-03-01T00:00:00Z' });
    expect(isStalled(quiet, now, 5)).toBe(true);
    expect(isStalled({ ...quiet, trackingNumber: undefined }, now, 5)).toBe(false);
  });
});
