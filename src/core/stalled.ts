// The stalled rule: a shipment not yet delivered whose carrier has said nothing for too long.
import type { ShipmentStatus } from '../contract/tracking-view.js';

/**
 * How fast a carrier's network moves, which decides how long silence is normal.
 *
 * - `express`: courier networks that scan at every hand-over and deliver in 1–3 days
 *   (DHL Express, UPS, FedEx, TNT, Purolator, Parcelforce, Chronopost, OnTrac, LSO, SF Express…).
 *   Three quiet days there means something is wrong.
 * - `postal`: national posts and their letter services, which scan at acceptance, export/import
 *   and delivery only (Posten Norge, PostNord, USPS, Royal Mail, Deutsche Post, La Poste…), and any
 *   tracking number in the UPU S10 format (`RR123456789NO`: two letters, nine digits, a country
 *   code), whatever carrier name the merchant typed: S10 numbers are only issued to postal items.
 *   A week of silence is common on a cross-border letter.
 * - `other`: everyone else, unrecognised carriers included (Bring parcels, DPD, GLS, Evri…).
 *
 * An express carrier code wins over an S10-shaped number (DHL Express never issues S10; if a
 * merchant picked it, their choice stands).
 */
export type CarrierClass = 'express' | 'postal' | 'other';

/** Days without a carrier event after which a shipment counts as stalled, per carrier class. */
export interface StalledThresholds {
  express: number;
  postal: number;
  other: number;
}

/** The defaults a shop starts with (issue 12): 3 days express, 7 postal, 5 for the rest. */
export const DEFAULT_STALLED_AFTER_DAYS: Readonly<StalledThresholds> = Object.freeze({
  express: 3,
  postal: 7,
  other: 5,
});

/** Smallest and largest threshold a shop may set, in whole days. */
export const STALLED_DAYS_MIN = 1;
export const STALLED_DAYS_MAX = 60;

/** Carrier codes (src/carriers/catalogue.ts) of express courier networks. */
export const EXPRESS_CARRIER_CODES: readonly string[] = [
  'dhl_express',
  'ups',
  'fedex',
  'tnt',
  'tnt_au',
  'purolator',
  'parcelforce',
  'chronopost',
  'ontrac',
  'lso',
  'sf_express',
  'dtd_express',
  'ctt_express',
  'aramex_au',
  'hunter_express',
  'allied_express',
];

/** Carrier codes of national posts (their parcel arms included when they share the network). */
export const POSTAL_CARRIER_CODES: readonly string[] = [
  'posten_norge',
  'postnord',
  'usps',
  'royal_mail',
  'deutsche_post',
  'la_poste',
  'colissimo',
  'canada_post',
  'australia_post',
  'japan_post',
  'correos',
  'correios',
  'postnl',
  'an_post',
  'bpost',
  'china_post',
  'ctt',
  'cyprus_post',
  'iceland_post',
  'israel_post',
  'la_poste_burkina_faso',
  'latvia_post',
  'lietuvos_pastas',
  'nz_post',
  'poste_italiane',
  'singpost',
  'swiss_post',
  'austrian_post',
];

/** UPU S10 item identifier after removing spaces and upper-casing: `AA` + 9 digits + `CC`. */
export const S10_PATTERN = /^[A-Z]{2}[0-9]{9}[A-Z]{2}$/;
/** The same pattern in POSIX regex syntax, for SQL (`~`). Kept beside the JS one on purpose. */
export const S10_PATTERN_SQL = '^[A-Z]{2}[0-9]{9}[A-Z]{2}$';

/** Statuses after which silence is expected: the parcel's journey is over. */
export const FINISHED_STATUSES: readonly ShipmentStatus[] = [
  'delivered',
  'returned_to_sender',
  'cancelled',
];

const DAY_MS = 86_400_000;
const express = new Set(EXPRESS_CARRIER_CODES);
const postal = new Set(POSTAL_CARRIER_CODES);

/** Tracking number as compared against S10: spaces removed, upper case. */
export function compactTrackingNumber(trackingNumber: string): string {
  return trackingNumber.replace(/\s+/g, '').toUpperCase();
}

/**
 * The carrier class of a shipment from its carrier code (our code from src/carriers, null when the
 * carrier was not recognised) and its tracking number. Rules in `CarrierClass`'s docstring.
 */
export function carrierClass(
  carrierCode: string | null,
  trackingNumber: string | null,
): CarrierClass {
  if (carrierCode !== null && express.has(carrierCode)) return 'express';
  if (carrierCode !== null && postal.has(carrierCode)) return 'postal';
  if (trackingNumber !== null && S10_PATTERN.test(compactTrackingNumber(trackingNumber)))
    return 'postal';
  return 'other';
}

/** What the rule reads of a stored shipment. */
export interface StalledCandidate {
  status: ShipmentStatus;
  carrierCode: string | null;
  trackingNumber: string | null;
  /** When the fulfilment was created (ISO-8601): the clock starts here when no event came yet. */
  shippedAt: string;
  /** The newest carrier event's time (ISO-8601), or null when the carrier has said nothing. */
  lastEventAt: string | null;
}

/**
 * The last sign of life: the newest event, or the shipping time when there is none (a label never
 * scanned stalls like a parcel that stopped moving). Milliseconds since the epoch.
 */
export function lastActivityAt(shipment: StalledCandidate): number {
  const shipped = Date.parse(shipment.shippedAt);
  if (shipment.lastEventAt === null) return shipped;
  const last = Date.parse(shipment.lastEventAt);
  // An event dated before the fulfilment (clock skew at a carrier) must not age the parcel.
  return Math.max(last, shipped);
}

/**
 * Whether a shipment is stalled at `now` (ms since epoch): its status is not one of
 * FINISHED_STATUSES and at least `thresholds[class]` whole days (of 24 h) passed since its last
 * activity. Thresholds are in days. Pure; the overview's SQL (src/overview/stalled-sql.ts) states
 * the same rule and a test holds them equal.
 */
export function isStalled(
  shipment: StalledCandidate,
  thresholds: StalledThresholds,
  now: number,
): boolean {
  if (FINISHED_STATUSES.includes(shipment.status)) return false;
  const days = thresholds[carrierClass(shipment.carrierCode, shipment.trackingNumber)];
  return now - lastActivityAt(shipment) >= days * DAY_MS;
}
