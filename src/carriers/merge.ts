// Shopify's view of a shipment + a carrier's live answer → one shipment: events de-duplicated, status decided, stalled flagged.
import type { Shipment, ShipmentStatus, TrackingEvent } from '../contract/tracking-view.js';
import type { LiveTracking } from './adapter.js';
import { newestFirst, timeOf } from './event-text.js';

/** Shopify often relays the carrier's own scans a little later; within this window they are one event. */
export const DUPLICATE_TOLERANCE_MS = 30 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** How far along the way a status is. Problems sit beside the step they happen at. */
const PROGRESS: Readonly<Record<ShipmentStatus, number>> = {
  unknown: 0,
  cancelled: 0,
  label_created: 1,
  in_transit: 2,
  delayed: 2,
  out_for_delivery: 3,
  ready_for_pickup: 3,
  attempted_delivery: 3,
  failure: 3,
  returned_to_sender: 4,
  delivered: 5,
};

/** All events newest first; a Shopify event that repeats a carrier event (same status, close in time) is dropped. */
export function mergeEvents(
  existing: readonly TrackingEvent[],
  carrier: readonly TrackingEvent[],
  toleranceMs = DUPLICATE_TOLERANCE_MS,
): TrackingEvent[] {
  const repeats = (event: TrackingEvent) =>
    event.status !== 'unknown' &&
    carrier.some(
      (fresh) =>
        fresh.status === event.status &&
        Math.abs(timeOf(fresh.at) - timeOf(event.at)) <= toleranceMs,
    );
  const kept = existing.filter((event) => !repeats(event));
  return newestFirst([...kept, ...carrier]);
}

/**
 * The most advanced reliable status: delivered beats everything; otherwise the furthest along of
 * Shopify's status, the carrier's summary and the newest meaningful event, fresher sources winning
 * ties. `unknown` never replaces a known status; a cancelled fulfilment stays cancelled.
 */
export function resolveStatus(
  shopify: ShipmentStatus,
  live: LiveTracking | undefined,
  events: readonly TrackingEvent[],
): ShipmentStatus {
  if (shopify === 'cancelled') return 'cancelled';
  const newestEvent = events.find((event) => event.status !== 'unknown')?.status ?? 'unknown';
  const candidates = [newestEvent, live?.status ?? 'unknown', shopify];
  if (candidates.includes('delivered') || events.some((e) => e.status === 'delivered')) {
    return 'delivered';
  }
  return candidates.reduce((best, next) => (PROGRESS[next] > PROGRESS[best] ? next : best));
}

/** Applies a live answer to a shipment. Shopify's own fields win where the carrier says nothing. */
export function mergeShipment(shipment: Shipment, live: LiveTracking): Shipment {
  const events = mergeEvents(shipment.events, live.events);
  const status = resolveStatus(shipment.status, live, events);
  const merged: Shipment = { ...shipment, events, status };
  const eta = live.estimatedDeliveryAt ?? shipment.estimatedDeliveryAt;
  if (eta) merged.estimatedDeliveryAt = eta;
  if (status === 'delivered') {
    const deliveredAt =
      shipment.deliveredAt ??
      live.deliveredAt ??
      events.find((event) => event.status === 'delivered')?.at;
    if (deliveredAt) merged.deliveredAt = deliveredAt;
  }
  return merged;
}

const FINISHED: ReadonlySet<ShipmentStatus> = new Set([
  'delivered',
  'cancelled',
  'returned_to_sender',
]);

/** Not finished and no news for more than `days`: measured from the newest event, else from shipping. */
export function isStalled(shipment: Shipment, now: number, days: number): boolean {
  if (FINISHED.has(shipment.status)) return false;
  const newest = shipment.events
    .map((event) => timeOf(event.at))
    .filter((time) => !Number.isNaN(time))
    .reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  const shipped =
    shipment.trackingNumber && shipment.shippedAt ? timeOf(shipment.shippedAt) : Number.NaN;
  const lastNews = Number.isFinite(newest) ? newest : shipped;
  if (Number.isNaN(lastNews)) return false;
  return now - lastNews > days * DAY_MS;
}
