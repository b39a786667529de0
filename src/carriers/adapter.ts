// The shape every live carrier adapter shares: one tracking number in, normalised events out.
import type { ShipmentStatus, TrackingEvent } from '../contract/tracking-view.js';
import type { Fetch } from '../core/ports.js';

/** What a carrier said about one tracking number, already normalised. */
export interface LiveTracking {
  /** False when the carrier answered but does not know the number (yet). */
  found: boolean;
  /** The carrier's own summary status, `unknown` when it gives none or one we do not know. */
  status: ShipmentStatus;
  rawStatus?: string;
  /** Newest first, each with `source: 'carrier'`, the carrier's raw code and its text's language. */
  events: TrackingEvent[];
  estimatedDeliveryAt?: string;
  deliveredAt?: string;
}

export interface AdapterRequest {
  fetch: Fetch;
  /** Aborts on the per-carrier timeout, the total budget or the caller giving up. */
  signal: AbortSignal;
  /** The shopper's language (BCP 47 primary subtag, one we ship), asked for where the carrier offers it. */
  language?: string | undefined;
}

export interface CarrierAdapter {
  /** Short name for logs and cache keys, e.g. `bring`. */
  readonly name: string;
  /** Throws a CarrierFault on anything but a usable answer. */
  track(trackingNumber: string, request: AdapterRequest): Promise<LiveTracking>;
}

export const NOT_FOUND: LiveTracking = { found: false, status: 'unknown', events: [] };
