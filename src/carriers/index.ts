// Carrier tracking entry point: identifies carriers, adds links and live events to a TrackingView.
// PROVISIONAL: the signatures are fixed; the implementation is being completed with its tests.
import type { TrackingView } from '../contract/tracking-view.js';
import type { Clock, Fetch, Logger } from '../core/ports.js';

export interface CarrierConfig {
  bring?: { uid: string; key: string; url?: string; clientUrl?: string };
  postnord?: { key: string; url?: string };
  dhl?: { key: string; url?: string };
  seventeenTrack?: { key: string; url?: string };
}

export interface CarrierDeps {
  fetch: Fetch;
  clock: Clock;
  logger: Logger;
}

/** Never rejects: on any carrier fault it returns the view it was given, flagged `liveTracking: 'unavailable'`. */
export type TrackingEnricher = (view: TrackingView, signal?: AbortSignal) => Promise<TrackingView>;

export function carrierConfigFromEnv(_env: Record<string, string | undefined>): CarrierConfig {
  return {};
}

export function createTrackingEnricher(
  _config: CarrierConfig,
  _deps: CarrierDeps,
): TrackingEnricher {
  return async (view) => view;
}
