// A carrier's answer applied to a stored shipment (events kept as shipment events, status, times), and the exception it is in.
import { createHash } from 'node:crypto';
import type { LiveTracking } from '../carriers/adapter.js';
import { resolveStatus } from '../carriers/merge.js';
import type { ShipmentStatus } from '../contract/tracking-view.js';
import type { StoredShipmentEvent, StoredShipmentWithEvents } from '../sync/stored-order.js';
import { canonicalTime, newestFirst } from '../sync/stored-shipment-rules.js';
import { carrierDisplayName } from './carrier-adapters.js';

/** Event ids the watcher makes start with this, so they are never taken for Shopify's own. */
export const CARRIER_EVENT_PREFIX = 'carrier:';

/**
 * Normalised status → the FulfillmentEventStatus a carrier event is stored under, so every reader
 * of `shipment_events` (the tracking view, the overview) reads it like Shopify's. A status Shopify
 * has no value for is stored as `CARRIER_<STATUS>` (open text; read back as `unknown`).
 */
const EVENT_STATUS: Readonly<Partial<Record<ShipmentStatus, string>>> = {
  label_created: 'LABEL_PRINTED',
  in_transit: 'IN_TRANSIT',
  out_for_delivery: 'OUT_FOR_DELIVERY',
  ready_for_pickup: 'READY_FOR_PICKUP',
  attempted_delivery: 'ATTEMPTED_DELIVERY',
  delayed: 'DELAYED',
  delivered: 'DELIVERED',
  failure: 'FAILURE',
};

export function storedEventStatus(status: ShipmentStatus): string {
  return EVENT_STATUS[status] ?? `CARRIER_${status.toUpperCase()}`;
}

/** Whether a stored event came from a carrier through the watcher (not from Shopify). */
export function isCarrierEvent(event: Pick<StoredShipmentEvent, 'eventGid'>): boolean {
  return event.eventGid.startsWith(CARRIER_EVENT_PREFIX);
}

/**
 * The shipment after a carrier's answer. Carrier events join the stored ones under stable ids
 * (`carrier:` + a hash of fulfilment, status, time and text: a repeated poll adds nothing). The
 * status is the furthest along of the stored one, the carrier's summary and its newest event
 * (`resolveStatus`: delivered beats everything, cancelled stays). Delivery and in-transit times are
 * filled from the carrier where Shopify had none; the latest estimate replaces the stored one and
 * the first ever seen is kept. `carrierCode` (an override) replaces the stored code, and the
 * merchant's carrier name with the catalogue's.
 */
export function applyCarrierTracking(
  shipment: StoredShipmentWithEvents,
  live: LiveTracking,
  carrierCode?: string,
): StoredShipmentWithEvents {
  const byGid = new Map(shipment.events.map((event) => [event.eventGid, event]));
  // Shopify's copy of a carrier event (relayed by Shopify, or our own write-back) stands for it.
  const shopifyHas = new Set(
    shipment.events
      .filter((event) => !isCarrierEvent(event))
      .map((event) => `${event.status} ${Date.parse(event.happenedAt)}`),
  );
  for (const event of live.events) {
    const at = canonicalTime(event.at);
    if (Number.isNaN(Date.parse(at))) continue;
    const status = storedEventStatus(event.status);
    if (shopifyHas.has(`${status} ${Date.parse(at)}`)) continue;
    const eventGid = `${CARRIER_EVENT_PREFIX}${hash(
      [shipment.fulfillmentGid, event.rawStatus ?? status, at, event.message ?? ''].join('\n'),
    )}`;
    byGid.set(eventGid, {
      eventGid,
      fulfillmentGid: shipment.fulfillmentGid,
      status,
      happenedAt: at,
      message: event.message ?? null,
      // Carrier places are a terminal or a town, never the shopper's door (adapters keep no street).
      city: event.location ?? null,
      province: null,
      country: null,
      estimatedDeliveryAt: null,
    });
  }
  const events = newestFirst([...byGid.values()]);
  const status = resolveStatus(shipment.status, live, live.events);
  const oldestFirst = [...live.events].reverse();
  const deliveredAt =
    status === 'delivered'
      ? (shipment.deliveredAt ??
        optional(live.deliveredAt) ??
        optional(live.events.find((e) => e.status === 'delivered')?.at))
      : shipment.deliveredAt;
  const inTransitAt =
    shipment.inTransitAt ??
    optional(
      oldestFirst.find((e) => e.status === 'in_transit' || e.status === 'out_for_delivery')?.at,
    );
  // In the form the store keeps (`timestamptz`): a carrier's date without a time is its midnight
  // UTC, as the stored copy reads back, so an unchanged estimate is no change.
  const estimate = optional(live.estimatedDeliveryAt) ?? shipment.estimatedDeliveryAt;
  return {
    ...shipment,
    status,
    events,
    carrierCode: carrierCode ?? shipment.carrierCode,
    carrierName:
      (carrierCode ? carrierDisplayName(carrierCode) : undefined) ?? shipment.carrierName,
    deliveredAt: deliveredAt ?? null,
    inTransitAt: inTransitAt ?? null,
    estimatedDeliveryAt: estimate,
    firstEstimatedDeliveryAt: shipment.firstEstimatedDeliveryAt ?? estimate,
  };
}

/**
 * The shipment with the carrier events just written back renamed to the ids Shopify gave them
 * (`gid://shopify/FulfillmentEvent/…`): the `fulfillment_events/create` webhook that follows then
 * replaces the event instead of adding a second copy. `written`: status (FulfillmentEventStatus),
 * the time sent, and Shopify's event id.
 */
export function adoptShopifyEventIds(
  shipment: StoredShipmentWithEvents,
  written: readonly { status: string; happenedAt: string; eventId: string }[],
): StoredShipmentWithEvents {
  const idOf = new Map(written.map((w) => [`${w.status} ${Date.parse(w.happenedAt)}`, w.eventId]));
  const taken = new Set(shipment.events.map((e) => e.eventGid));
  return {
    ...shipment,
    events: shipment.events.map((event) => {
      if (!isCarrierEvent(event)) return event;
      const id = idOf.get(`${event.status} ${Date.parse(event.happenedAt)}`);
      if (!id || taken.has(id)) return event;
      taken.add(id);
      idOf.delete(`${event.status} ${Date.parse(event.happenedAt)}`);
      return { ...event, eventGid: id };
    }),
  };
}

/** Whether writing `next` over `before` changes anything a reader sees. */
export function shipmentChanged(
  before: StoredShipmentWithEvents,
  next: StoredShipmentWithEvents,
): boolean {
  return JSON.stringify(before) !== JSON.stringify(next);
}

/** What the merchant should look at, in order of weight; null when the shipment is fine. */
export type ShipmentException =
  | 'returned_to_sender'
  | 'failure'
  | 'attempted_delivery'
  | 'stalled'
  | 'late';

const DAY_MS = 86_400_000;

/**
 * The exception a shipment is in at `now` (ms since epoch): returned to sender, failure and failed
 * attempt by status (issue 13, rule 3); then stalled (`stalled`, from src/core/stalled.ts
 * `isStalled`); then late: its estimated delivery passed without delivery. An estimate without a
 * time (`2026-11-20`) passes at the end of that day (UTC), so no one is called late on the day.
 */
export function shipmentException(
  shipment: { status: string; estimatedDeliveryAt: string | null },
  stalled: boolean,
  now: number,
): ShipmentException | null {
  if (shipment.status === 'returned_to_sender') return 'returned_to_sender';
  if (shipment.status === 'failure') return 'failure';
  if (shipment.status === 'attempted_delivery') return 'attempted_delivery';
  if (shipment.status === 'delivered' || shipment.status === 'cancelled') return null;
  if (stalled) return 'stalled';
  const eta = shipment.estimatedDeliveryAt;
  if (eta) {
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(eta);
    const due = Date.parse(eta) + (dateOnly ? DAY_MS : 0);
    if (!Number.isNaN(due) && now >= due) return 'late';
  }
  return null;
}

function optional(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const text = canonicalTime(value);
  return Number.isNaN(Date.parse(text)) ? undefined : text;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}
