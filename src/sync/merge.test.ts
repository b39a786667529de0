import { describe, expect, it } from 'vitest';
import { createEmailFingerprinter } from './email-fingerprint.js';
import { ALL_DETAIL_ORDERS } from './fixtures/admin-orders.js';
import { adminOrderToStored } from './from-admin-order.js';
import { mergeOrderSnapshot, mergeShipment, shouldApply } from './merge.js';
import type { StoredOrder, StoredShipmentWithEvents } from './stored-order.js';

const fingerprint = createEmailFingerprinter(new Uint8Array(32).fill(1));

describe('shouldApply: an older payload never overwrites a newer state', () => {
  it.each([
    [null, '2026-11-05T10:00:00Z', true, 'nothing stored yet'],
    [undefined, null, true, 'nothing stored, no stamp'],
    ['garbage', '2026-11-05T10:00:00Z', true, 'stored stamp unreadable'],
    ['2026-11-05T10:00:00Z', '2026-11-05T10:00:01Z', true, 'newer'],
    ['2026-11-05T10:00:00Z', '2026-11-05T10:00:00Z', true, 'the same (a repeated webhook)'],
    ['2026-11-05T10:00:00Z', '2026-11-05T11:00:00+01:00', true, 'the same instant in another zone'],
    ['2026-11-05T10:00:00Z', '2026-11-05T09:59:59Z', false, 'older'],
    ['2026-11-05T10:00:00Z', '2026-11-05T10:30:00+01:00', false, 'older, in another zone'],
    ['2026-11-05T10:00:00Z', null, false, 'no stamp over a stamped state'],
    ['2026-11-05T10:00:00Z', 'not a time', false, 'an unreadable stamp over a stamped state'],
  ])('stored %j, incoming %j → %j (%s)', (existing, incoming, expected, _why) => {
    expect(shouldApply(existing, incoming)).toBe(expected);
  });
});

function delivered(): StoredOrder {
  const live = ALL_DETAIL_ORDERS.deliveredOrder;
  if (!live) throw new Error('fixture');
  return adminOrderToStored(live, fingerprint);
}

describe('mergeOrderSnapshot', () => {
  it('stores a first snapshot as it is', () => {
    expect(mergeOrderSnapshot(null, delivered())).toEqual(delivered());
  });

  it('ignores a snapshot older than the stored order', () => {
    const stored = delivered();
    expect(mergeOrderSnapshot(stored, { ...stored, updatedAt: '2026-11-01T00:00:00Z' })).toBeNull();
  });

  it('keeps stored events beyond the snapshot and the first estimate ever seen', () => {
    const stored = delivered();
    const shipment = stored.shipments[0] as StoredShipmentWithEvents;
    const oldEvent = {
      ...(shipment.events.at(-1) as StoredShipmentWithEvents['events'][number]),
      eventGid: 'gid://shopify/FulfillmentEvent/ancient',
      happenedAt: '2026-11-03T14:00:00Z',
    };
    const before: StoredOrder = {
      ...stored,
      shipments: [
        {
          ...shipment,
          firstEstimatedDeliveryAt: '2026-11-04T16:00:00Z',
          events: [...shipment.events, oldEvent],
        },
      ],
    };
    const next = mergeOrderSnapshot(before, { ...stored, updatedAt: '2026-11-12T00:00:00Z' });
    expect(next?.shipments[0]?.events.map((e) => e.eventGid)).toContain(oldEvent.eventGid);
    expect(next?.shipments[0]?.events).toHaveLength(shipment.events.length + 1);
    expect(next?.shipments[0]?.firstEstimatedDeliveryAt).toBe('2026-11-04T16:00:00Z');
    expect(next?.shipments[0]?.estimatedDeliveryAt).toBe('2026-11-05T16:00:00Z');
  });
});

describe('mergeShipment', () => {
  const shipment = () => delivered().shipments[0] as StoredShipmentWithEvents;

  it('keeps stored times and tracking a REST state does not carry', () => {
    const stored = shipment();
    const rest = {
      ...stored,
      updatedAt: '2026-11-06T00:00:00Z',
      displayStatus: null,
      carrierName: null,
      carrierCode: null,
      trackingNumber: null,
      trackingUrl: null,
      inTransitAt: null,
      deliveredAt: null,
      estimatedDeliveryAt: null,
      lineItems: [],
    };
    const merged = mergeShipment(stored, rest);
    expect(merged).toMatchObject({
      updatedAt: '2026-11-06T00:00:00Z',
      displayStatus: 'DELIVERED',
      status: 'delivered',
      trackingNumber: stored.trackingNumber,
      inTransitAt: stored.inTransitAt,
      deliveredAt: stored.deliveredAt,
      lineItems: stored.lineItems,
    });
  });

  it('gives a new fulfillment without carrier news the display status Shopify would', () => {
    const fresh = { ...shipment(), displayStatus: null, deliveredAt: null, events: [] };
    const { events: _e, ...incoming } = fresh;
    expect(mergeShipment(undefined, incoming).displayStatus).toBe('FULFILLED');
    expect(mergeShipment(undefined, { ...incoming, recordStatus: 'CANCELLED' })).toMatchObject({
      displayStatus: 'CANCELED',
      status: 'cancelled',
    });
  });
});
