// Rules every source shares when it builds a stored shipment: times, carrier, status, estimates, event order.

import { identifyCarrier } from '../carriers/identify.js';
import type { ShipmentStatus } from '../contract/tracking-view.js';
import { shipmentStatusFromDisplay, shipmentStatusFromEvent } from '../core/shopify-status.js';
import type { StoredShipmentEvent, StoredTracking } from './stored-order.js';

/**
 * One spelling per instant: `2026-11-02T09:14:03Z` (milliseconds only when not zero), whatever the
 * source's offset (REST webhooks send `+01:00`). Text that is not a time is returned unchanged so
 * the caller's validation, not this function, decides what to do with it.
 */
export function canonicalTime(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** `canonicalTime` for optional values; blank becomes null. */
export function optionalTime(value: string | null | undefined): string | null {
  return value == null || value.trim() === '' ? null : canonicalTime(value);
}

/** Milliseconds of a time, or NaN. */
export function instant(value: string | null | undefined): number {
  return value == null ? Number.NaN : Date.parse(value);
}

/** Shopify's company name as the merchant chose it, and our code for the carrier if we know it. */
export function storedTracking(
  company: string | null | undefined,
  number: string | null | undefined,
  url: string | null | undefined,
): StoredTracking {
  const carrier = identifyCarrier({ company, trackingNumber: number });
  return {
    carrierName: company ?? null,
    carrierCode: carrier?.code ?? null,
    number: number ?? null,
    url: url ?? null,
  };
}

/** Entries with nothing in them say nothing (the tracking view ignores them too). */
export function hasTracking(t: {
  company?: string | null | undefined;
  number?: string | null | undefined;
  url?: string | null | undefined;
}): boolean {
  return Boolean(t.company?.trim() || t.number?.trim() || t.url?.trim());
}

/**
 * Newest first, as the tracking view shows them; equal or unparseable times keep their order, and
 * unparseable ones go last (the same rule as src/core/order-to-view.ts).
 */
export function newestFirst(events: StoredShipmentEvent[]): StoredShipmentEvent[] {
  const key = (e: StoredShipmentEvent) => {
    const ms = instant(e.happenedAt);
    return Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY;
  };
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => key(b.e) - key(a.e) || a.i - b.i)
    .map(({ e }) => e);
}

/**
 * The normalised status: delivered when Shopify has a delivery time, else what the display status
 * says, else the newest event's (the same precedence as the tracking view).
 */
export function normalisedShipmentStatus(
  deliveredAt: string | null,
  displayStatus: string | null,
  eventsNewestFirst: StoredShipmentEvent[],
): ShipmentStatus {
  if (deliveredAt) return 'delivered';
  const fromDisplay = shipmentStatusFromDisplay(displayStatus);
  if (fromDisplay !== 'unknown') return fromDisplay;
  const newest = eventsNewestFirst[0];
  return newest ? shipmentStatusFromEvent(newest.status) : 'unknown';
}

/**
 * The first delivery estimate known from a snapshot: the estimate carried by the oldest event that
 * has one, else the shipment's current estimate.
 */
export function firstEstimate(
  eventsNewestFirst: StoredShipmentEvent[],
  current: string | null,
): string | null {
  for (let i = eventsNewestFirst.length - 1; i >= 0; i--) {
    const estimate = eventsNewestFirst[i]?.estimatedDeliveryAt;
    if (estimate) return estimate;
  }
  return current;
}
