// How a new state meets the stored one: an older payload never overwrites a newer state; events accumulate.
import type {
  StoredOrder,
  StoredShipment,
  StoredShipmentEvent,
  StoredShipmentWithEvents,
} from './stored-order.js';
import { instant, newestFirst, normalisedShipmentStatus } from './stored-shipment-rules.js';

/**
 * Whether a state stamped `incomingUpdatedAt` may replace one stamped `existingUpdatedAt` (Shopify's
 * `updated_at` of the same resource). Equal stamps apply, so a repeated webhook is harmless; a state
 * without a readable stamp never replaces one that has it; anything replaces a state without one.
 */
export function shouldApply(
  existingUpdatedAt: string | null | undefined,
  incomingUpdatedAt: string | null | undefined,
): boolean {
  const existing = instant(existingUpdatedAt);
  if (Number.isNaN(existing)) return true;
  const incoming = instant(incomingUpdatedAt);
  if (Number.isNaN(incoming)) return false;
  return incoming >= existing;
}

/** Events by GID: a repeated event replaces its earlier copy; the result is newest first. */
export function mergeEvents(
  existing: StoredShipmentEvent[],
  incoming: StoredShipmentEvent[],
): StoredShipmentEvent[] {
  const byGid = new Map<string, StoredShipmentEvent>();
  for (const e of existing) byGid.set(e.eventGid, e);
  for (const e of incoming) byGid.set(e.eventGid, e);
  return newestFirst([...byGid.values()]);
}

// What Shopify shows for a fulfillment no carrier has reported on yet.
function defaultDisplayStatus(recordStatus: string): string | null {
  if (recordStatus === 'CANCELLED') return 'CANCELED';
  if (recordStatus === 'SUCCESS') return 'FULFILLED';
  return null;
}

/**
 * Merges one shipment. When the incoming state is older than the stored one (by the fulfillment's
 * `updatedAt`) only its events are added. Otherwise its fields win, except where it says nothing:
 * a REST payload has no in-transit, delivered or estimated times and may lack tracking, so the
 * stored values stay. The first estimate ever seen is never replaced.
 */
export function mergeShipment(
  existing: StoredShipmentWithEvents | undefined,
  incoming: StoredShipment,
  incomingEvents: StoredShipmentEvent[] = [],
): StoredShipmentWithEvents {
  const events = mergeEvents(existing?.events ?? [], incomingEvents);
  let merged: StoredShipment;
  if (existing && !shouldApply(existing.updatedAt, incoming.updatedAt)) {
    merged = existing;
  } else {
    const hasTracking =
      incoming.carrierName !== null ||
      incoming.trackingNumber !== null ||
      incoming.trackingUrl !== null;
    const tracking = hasTracking || !existing ? incoming : existing;
    merged = {
      ...incoming,
      displayStatus:
        incoming.displayStatus ??
        existing?.displayStatus ??
        defaultDisplayStatus(incoming.recordStatus),
      carrierName: tracking.carrierName,
      carrierCode: tracking.carrierCode,
      trackingNumber: tracking.trackingNumber,
      trackingUrl: tracking.trackingUrl,
      moreTracking: tracking.moreTracking,
      createdAt: existing?.createdAt ?? incoming.createdAt,
      inTransitAt: incoming.inTransitAt ?? existing?.inTransitAt ?? null,
      deliveredAt: incoming.deliveredAt ?? existing?.deliveredAt ?? null,
      estimatedDeliveryAt: incoming.estimatedDeliveryAt ?? existing?.estimatedDeliveryAt ?? null,
      destinationCountryCode:
        incoming.destinationCountryCode ?? existing?.destinationCountryCode ?? null,
      lineItems: incoming.lineItems.length > 0 ? incoming.lineItems : (existing?.lineItems ?? []),
    };
  }
  const firstEstimatedDeliveryAt =
    existing?.firstEstimatedDeliveryAt ??
    merged.firstEstimatedDeliveryAt ??
    merged.estimatedDeliveryAt;
  return {
    ...merged,
    firstEstimatedDeliveryAt,
    status: normalisedShipmentStatus(merged.deliveredAt, merged.displayStatus, events),
    events,
  };
}

/**
 * Every incoming shipment merged with its stored self. Stored shipments keep their place (and stay
 * when the source omits them: a fulfillment is never deleted, only cancelled); new ones follow.
 */
export function mergeShipments(
  existing: StoredShipmentWithEvents[],
  incoming: Array<StoredShipment & { events?: StoredShipmentEvent[] }>,
): StoredShipmentWithEvents[] {
  const incomingByGid = new Map(incoming.map((s) => [s.fulfillmentGid, s]));
  const merge = (stored: StoredShipmentWithEvents | undefined, s: (typeof incoming)[number]) => {
    const { events, ...shipment } = s;
    return mergeShipment(stored, shipment, events ?? []);
  };
  const kept = existing.map((stored) => {
    const s = incomingByGid.get(stored.fulfillmentGid);
    return s ? merge(stored, s) : stored;
  });
  const known = new Set(existing.map((s) => s.fulfillmentGid));
  const added = incoming
    .filter((s) => !known.has(s.fulfillmentGid))
    .map((s) => merge(undefined, s));
  return [...kept, ...added];
}

/**
 * A whole order read from GraphQL (bulk, reconciliation or a live lookup) meets the stored one.
 * Returns null when the stored order is newer (nothing to write). Events the snapshot lacks (the
 * live query reads the newest 10) and shipments it lacks stay; first estimates stay.
 */
export function mergeOrderSnapshot(
  existing: StoredOrder | null,
  incoming: StoredOrder,
): StoredOrder | null {
  if (existing && !shouldApply(existing.updatedAt, incoming.updatedAt)) return null;
  return { ...incoming, shipments: mergeShipments(existing?.shipments ?? [], incoming.shipments) };
}
