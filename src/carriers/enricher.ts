// Adds carriers, links and live events to a TrackingView; any carrier fault degrades to Shopify's data, flagged.
import type { Shipment, TrackingView } from '../contract/tracking-view.js';
import { refreshDeliveryMilestones } from '../core/order-to-view.js';
import type { Clock, Fetch, Logger } from '../core/ports.js';
import { abortFault, untilAborted } from './abort.js';
import type { CarrierAdapter, LiveTracking } from './adapter.js';
import { createBringAdapter } from './bring/adapter.js';
import { createTimedCache } from './cache.js';
import { CarrierFault } from './carrier-fault.js';
import type { CarrierConfig } from './config.js';
import { createDhlAdapter } from './dhl/adapter.js';
import { compactTrackingNumber, identifyCarrier } from './identify.js';
import { keepShopperLanguage } from './language.js';
import { trackingLink } from './links.js';
import { isStalled, mergeShipment } from './merge.js';
import { createPostNordAdapter } from './postnord/adapter.js';
import { createSeventeenTrackAdapter } from './seventeen-track/adapter.js';

export interface CarrierDeps {
  fetch: Fetch;
  clock: Clock;
  logger: Logger;
}

/**
 * Never rejects: on any carrier fault it returns the view it was given, flagged `liveTracking: 'unavailable'`.
 * `language` (the shopper's BCP 47 primary subtag) is asked of carriers that offer it, and carrier
 * text in another language is dropped from the answer.
 */
export type TrackingEnricher = (
  view: TrackingView,
  signal?: AbortSignal,
  language?: string,
) => Promise<TrackingView>;

export const DEFAULTS = {
  timeoutMs: 2500,
  budgetMs: 4000,
  cacheTtlSeconds: 300,
  cacheMaxEntries: 1000,
  stalledAfterDays: 5,
} as const;

/** Carrier codes each direct adapter can answer for; everything else goes to the aggregator. */
const DIRECT_ROUTES: Readonly<Record<string, 'bring' | 'postnord' | 'dhl'>> = {
  bring: 'bring',
  posten_norge: 'bring',
  postnord: 'postnord',
  dhl: 'dhl',
  dhl_express: 'dhl',
  dhl_ecommerce: 'dhl',
  dhl_parcel: 'dhl',
  deutsche_post: 'dhl',
};

type LiveOutcome = { ok: true; tracking: LiveTracking } | { ok: false };

export function createTrackingEnricher(config: CarrierConfig, deps: CarrierDeps): TrackingEnricher {
  const timeoutMs = config.timeoutMs ?? DEFAULTS.timeoutMs;
  const budgetMs = config.budgetMs ?? DEFAULTS.budgetMs;
  const stalledAfterDays = config.stalledAfterDays ?? DEFAULTS.stalledAfterDays;
  const cache = createTimedCache<LiveTracking>({
    maxEntries: DEFAULTS.cacheMaxEntries,
    ttlMs: (config.cacheTtlSeconds ?? DEFAULTS.cacheTtlSeconds) * 1000,
    clock: deps.clock,
  });
  const inFlight = new Map<string, Promise<LiveTracking>>();
  const direct = {
    bring: config.bring ? createBringAdapter(config.bring) : undefined,
    postnord: config.postnord ? createPostNordAdapter(config.postnord) : undefined,
    dhl: config.dhl ? createDhlAdapter(config.dhl) : undefined,
  };
  const aggregator = config.seventeenTrack
    ? createSeventeenTrackAdapter(config.seventeenTrack)
    : undefined;

  const adapterFor = (code: string | undefined): CarrierAdapter | undefined => {
    const route = code ? DIRECT_ROUTES[code] : undefined;
    return (route && direct[route]) || aggregator;
  };

  /**
   * One request per number at a time, bounded by the per-carrier timeout. Its answer fills the
   * cache even when the lookup that asked has run out of budget and moved on.
   */
  const shared = (
    adapter: CarrierAdapter,
    number: string,
    language: string | undefined,
  ): Promise<LiveTracking> => {
    const key = `${adapter.name}:${number}:${language ?? ''}`;
    const cached = cache.get(key);
    if (cached) return Promise.resolve(cached);
    const pending = inFlight.get(key);
    if (pending) return pending;
    const request = adapter
      .track(number, { fetch: deps.fetch, signal: AbortSignal.timeout(timeoutMs), language })
      .then((tracking) => {
        cache.set(key, tracking);
        return tracking;
      })
      .finally(() => inFlight.delete(key));
    // Waiters may all have given up by the time it fails; the failure is theirs to log.
    request.catch(() => {});
    inFlight.set(key, request);
    return request;
  };

  const fetchLive = async (
    adapter: CarrierAdapter,
    number: string,
    budget: AbortSignal,
    language: string | undefined,
  ): Promise<LiveOutcome> => {
    try {
      return { ok: true, tracking: await untilAborted(shared(adapter, number, language), budget) };
    } catch (error) {
      const reason = budget.aborted ? abortFault(adapter.name, budget, error) : error;
      deps.logger.warn({ event: 'carrier_unavailable', carrier: adapter.name, ...fault(reason) });
      return { ok: false };
    }
  };

  const enrichShipment = async (
    shipment: Shipment,
    budget: AbortSignal,
    language: string | undefined,
  ): Promise<Shipment> => {
    let result: Shipment = { ...shipment };
    const carrier = identifyCarrier({
      company: shipment.carrier?.name,
      trackingNumber: shipment.trackingNumber,
    });
    if (carrier) result.carrier = carrier;
    const number = shipment.trackingNumber ? compactTrackingNumber(shipment.trackingNumber) : '';
    if (!result.trackingUrl && number) {
      const link = trackingLink(carrier?.code, number);
      if (link) result.trackingUrl = link;
    }
    const adapter =
      number && shipment.status !== 'cancelled' ? adapterFor(carrier?.code) : undefined;
    if (adapter) {
      const live = await fetchLive(adapter, number, budget, language);
      result = live.ok
        ? { ...mergeShipment(result, live.tracking), liveTracking: 'live' }
        : { ...result, liveTracking: 'unavailable' };
    }
    return { ...result, stalled: isStalled(result, deps.clock(), stalledAfterDays) };
  };

  return async (view, signal, language) => {
    try {
      const budgetSignal = AbortSignal.timeout(budgetMs);
      const budget = signal ? AbortSignal.any([signal, budgetSignal]) : budgetSignal;
      const shipments = await Promise.all(
        view.shipments.map((shipment) => enrichShipment(shipment, budget, language)),
      );
      return keepShopperLanguage(refreshDeliveryMilestones({ ...view, shipments }), language);
    } catch (error) {
      deps.logger.warn({ event: 'carrier_enrichment_failed', ...fault(error) });
      return view;
    }
  };
}

/** Log fields for a fault: the reason and HTTP status, never URLs, keys or tracking numbers. */
function fault(error: unknown): Record<string, unknown> {
  if (error instanceof CarrierFault) {
    return error.status ? { reason: error.reason, status: error.status } : { reason: error.reason };
  }
  return { reason: 'unexpected', error: error instanceof Error ? error.name : typeof error };
}
