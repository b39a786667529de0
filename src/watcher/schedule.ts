// When the watcher next asks a carrier about a shipment: from its state, its failures, the carrier's wishes and quota.
import type { ShipmentStatus } from '../contract/tracking-view.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A shipment this old (from when it was shipped) is no longer watched: carriers drop it too. */
export const MAX_WATCH_AGE_MS = 60 * DAY;
/** First wait after a failed poll (network fault, 5xx, 429); doubled per consecutive failure. */
export const BACKOFF_BASE_MS = 5 * MINUTE;
/** Longest wait after failures: a carrier that is down for a day is still asked once a day. */
export const BACKOFF_CAP_MS = DAY;

/**
 * Regular interval per state, [shortest, longest]: each shipment gets a fixed point in the range
 * (from its key), so shipments labelled together do not all come due in the same minute.
 * Out for delivery changes within hours; a label may wait days for its first scan.
 */
const INTERVALS: Partial<Record<ShipmentStatus, readonly [number, number]>> = {
  out_for_delivery: [HOUR, HOUR],
  attempted_delivery: [2 * HOUR, 3 * HOUR],
  ready_for_pickup: [6 * HOUR, 8 * HOUR],
  delayed: [3 * HOUR, 5 * HOUR],
  failure: [6 * HOUR, 8 * HOUR],
  in_transit: [4 * HOUR, 6 * HOUR],
  label_created: [12 * HOUR, 24 * HOUR],
};
/** States a carrier will not change any more: never polled again. */
const FINAL: ReadonlySet<string> = new Set(['delivered', 'cancelled', 'returned_to_sender']);
/** Any other status (`unknown`, a carrier's new value) is polled like a parcel in transit. */
const DEFAULT_INTERVAL = INTERVALS.in_transit as readonly [number, number];

export interface ScheduledShipment {
  /** Stable id (the fulfilment's GID): spreads shipments within an interval. */
  key: string;
  /** Normalised status (open string: a value this code does not know is polled like in_transit). */
  status: string;
  /** Epoch ms the shipment left (fulfilment created); the 60-day age counts from here. */
  shippedAt: number;
  /** Epoch ms of the last poll attempt, successful or not; undefined when never polled. */
  lastPolledAt: number | undefined;
  /** Failed polls in a row (0 after a success). */
  consecutiveFailures: number;
  /** Epoch ms before which the carrier asked not to be called (its Retry-After, made absolute). */
  retryAfterUntil?: number | undefined;
}

export interface CarrierQuota {
  /** Requests the carrier allows per day for this key; undefined when unlimited. */
  requestsPerDay: number | undefined;
  /** Shipments of this carrier (and key) currently watched: the quota is spread over them. */
  watchedShipments: number;
}

/**
 * When to poll next, in epoch ms (never before `now`: due now is `now`), or null when the shipment
 * is no longer watched: delivered, cancelled, returned to sender, or shipped 60 days ago or more.
 * Rules, in order:
 * 1. The state's interval after the last poll (never polled: due now); after failures instead
 *    `BACKOFF_BASE_MS · 2^(failures−1)`, at most `BACKOFF_CAP_MS`.
 * 2. Not before the carrier's Retry-After.
 * 3. Not more often than the quota allows when spread evenly: `DAY · watched / requestsPerDay`
 *    between two polls of one shipment.
 * 4. Null when that time is past the 60-day age.
 */
export function nextPollAt(
  shipment: ScheduledShipment,
  now: number,
  quota: CarrierQuota,
): number | null {
  if (FINAL.has(shipment.status)) return null;
  const ageLimit = shipment.shippedAt + MAX_WATCH_AGE_MS;
  if (now >= ageLimit) return null;

  const last = shipment.lastPolledAt;
  let next = now;
  if (last !== undefined) {
    const wait =
      shipment.consecutiveFailures > 0
        ? backoffMs(shipment.consecutiveFailures)
        : intervalMs(shipment.status, shipment.key);
    next = Math.max(next, last + wait, last + quotaSpacingMs(quota));
  }
  if (shipment.retryAfterUntil !== undefined) next = Math.max(next, shipment.retryAfterUntil);
  return next >= ageLimit ? null : next;
}

/** The wait after `failures` failed polls in a row (≥ 1): exponential from 5 min, capped at a day. */
export function backoffMs(failures: number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  return Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_CAP_MS);
}

/** The regular interval of a state for this shipment: a fixed point of the state's range. */
export function intervalMs(status: string, key: string): number {
  const [low, high] = INTERVALS[status as ShipmentStatus] ?? DEFAULT_INTERVAL;
  return low + Math.floor((high - low) * unitHash(key));
}

/** Shortest spacing between polls of one shipment that keeps the carrier within its daily quota. */
export function quotaSpacingMs(quota: CarrierQuota): number {
  if (quota.requestsPerDay === undefined || quota.requestsPerDay <= 0) return 0;
  return Math.ceil((DAY * Math.max(quota.watchedShipments, 1)) / quota.requestsPerDay);
}

/**
 * Epoch ms a carrier's `Retry-After` points at: delta seconds (`120`) or an HTTP date; undefined
 * when absent or unreadable. Seconds, not milliseconds, as RFC 9110 says.
 */
export function retryAfterUntil(
  header: string | null | undefined,
  now: number,
): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return now + Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(now, date);
}

/** FNV-1a of the key, as a number in [0, 1): the same key always lands on the same point. */
function unitHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 2 ** 32;
}
