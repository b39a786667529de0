// The board's counts as the seed says they must be: each seeded Admin order put through the pure
// rules the sync and the overview use (status, carrier, stalled), counted by hand, not by SQL.
import {
  DEFAULT_STALLED_AFTER_DAYS,
  isStalled,
  type StalledThresholds,
} from '../../src/core/stalled.js';
import { COUNT_KEYS, type CountKey } from '../../src/overview/filters.js';
import {
  canonicalTime,
  hasTracking,
  newestFirst,
  normalisedShipmentStatus,
  optionalTime,
  storedTracking,
} from '../../src/sync/stored-shipment-rules.js';
import type { SeedFulfillment, SeedOrder } from '../shopify/seed-types.js';

/** One seeded shipment as the overview sees it. */
export interface ExpectedShipment {
  orderName: string;
  status: string;
  stalled: boolean;
  carrierCode: string | null;
  trackingNumber: string | null;
  countryCode: string | null;
}

export function expectedShipment(
  order: SeedOrder,
  f: SeedFulfillment,
  thresholds: StalledThresholds,
  now: number,
): ExpectedShipment {
  const events = newestFirst(
    f.events.map((e) => ({
      eventGid: e.id,
      fulfillmentGid: f.id,
      status: e.status,
      happenedAt: canonicalTime(e.happenedAt),
      message: e.message,
      city: e.city,
      province: e.province,
      country: e.country,
      estimatedDeliveryAt: optionalTime(e.estimatedDeliveryAt),
    })),
  );
  const tracking = f.trackingInfo
    .filter(hasTracking)
    .map((t) => storedTracking(t.company, t.number, t.url))[0];
  const status = normalisedShipmentStatus(optionalTime(f.deliveredAt), f.displayStatus, events);
  const carrierCode = tracking?.carrierCode ?? null;
  const trackingNumber = tracking?.number ?? null;
  return {
    orderName: order.name,
    status,
    stalled: isStalled(
      {
        status,
        carrierCode,
        trackingNumber,
        shippedAt: canonicalTime(f.createdAt),
        lastEventAt: events[0]?.happenedAt ?? null,
      },
      thresholds,
      now,
    ),
    carrierCode,
    trackingNumber,
    countryCode: order.shippingAddress?.countryCodeV2 ?? null,
  };
}

const WAITING: Record<string, CountKey> = {
  OPEN: 'unfulfilled',
  IN_PROGRESS: 'unfulfilled',
  ON_HOLD: 'on_hold',
  SCHEDULED: 'scheduled',
};

/**
 * Every count of `GET /api/overview` for `orders` at `now` (ms): shipments by status (a stalled
 * one also under its own), and orders not cancelled with a fulfilment order waiting, on hold or
 * scheduled (each order once per state).
 */
export function expectedCounts(
  orders: readonly SeedOrder[],
  now: number,
  thresholds: StalledThresholds = DEFAULT_STALLED_AFTER_DAYS,
): Record<CountKey, number> {
  const counts = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Record<CountKey, number>;
  for (const order of orders) {
    for (const f of order.fulfillments) {
      const s = expectedShipment(order, f, thresholds, now);
      counts[s.status as CountKey] += 1;
      if (s.stalled) counts.stalled += 1;
    }
    if (order.cancelledAt) continue;
    const states = new Set(order.fulfillmentOrders.flatMap((fo) => WAITING[fo.status] ?? []));
    for (const state of states) counts[state] += 1;
  }
  return counts;
}

/** Every seeded shipment, in seed order. */
export function expectedShipments(
  orders: readonly SeedOrder[],
  now: number,
  thresholds: StalledThresholds = DEFAULT_STALLED_AFTER_DAYS,
): ExpectedShipment[] {
  return orders.flatMap((o) => o.fulfillments.map((f) => expectedShipment(o, f, thresholds, now)));
}
