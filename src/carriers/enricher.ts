// Adds carriers, links and live events to a TrackingView; any carrier fault degrades to Shopify's data, flagged.
import { LRUCache } from 'lru-cache';
import type { Shipment, TrackingView } from '../contract/tracking-view.js';
import { refreshDeliveryMilestones } from '../core/order-to-view.js';
import type { Clock, Fetch, Logger } from '../core/ports.js';
import { abortFault, untilAborted } from './abort.js';
import type { CarrierAdapter, LiveTracking } from './adapter.js';
import { createBringAdapter } from './bring/adapter.js';
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
 * Never rejects: on any carrier fault it returns the view it was given, flagged
 * `liveTracking: 'unavailable'`. `logger` is the asking request's (default: the one in the deps).
 * `language` (the shopper's BCP 47 primary subtag) is asked of carriers that offer it, and carrier
 * text in another language is dropped from the answer.
 */
export type TrackingEnricher = (
  view: TrackingView,
  signal?: AbortSignal,
  logger?: Logger,
  language?: string,
) => Promise<TrackingView>;

export const DEFAULTS = {
  timeoutMs: 2500,
  budgetMs: 4000,
  cacheTtlSeconds: 300,
  cacheMaxEntries: 1000,
  stalledAfterDays: 5,
} as const;

/** Carrier codes each direct adapter can answer for; everything else goes to the aggregator (the watcher routes alike). */
export const DIRECT_ROUTES: Readonly<Record<string, 'bring' | 'postnord' | 'dhl'>> = {
  bring: 'bring',
  posten_norge: 'bring',
  postnord: 'postnord',
  dhl: 'dhl',
  dhl_express: 'dhl',
  dhl_ecommerce: 'dhl',
  dhl_parcel: 'dhl',
  deutsche_post: 'dhl',
};

/** One ask of a carrier; answers are cached per carrier, language and number. */
interface LiveAsk {
  adapter: CarrierAdapter;
  number: string;
  language: string | undefined;
}

type LiveOutcome = { ok: true; tracking: LiveTracking } | { ok: false };

export function createTrackingEnricher(config: CarrierConfig, deps: CarrierDeps): TrackingEnricher {
  const timeoutMs = config.timeoutMs ?? DEFAULTS.timeoutMs;
  const budgetMs = config.budgetMs ?? DEFAULTS.budgetMs;
  const stalledAfterDays = config.stalledAfterDays ?? DEFAULTS.stalledAfterDays;
  const ttlMs = (config.cacheTtlSeconds ?? DEFAULTS.cacheTtlSeconds) * 1000;
  // One request per number at a time (lru-cache joins a fetch already running for the key), bounded
  // by the per-carrier timeout; time comes from the injected clock.
  const cache = new LRUCache<string, LiveTracking, LiveAsk>({
    max: DEFAULTS.cacheMaxEntries,
    ttl: Math.max(1, ttlMs),
    ttlResolution: 0,
    perf: { now: deps.clock },
    fetchMethod: async (key, _stale, { context: { adapter, number, language } }) => {
      const tracking = await adapter.track(number, {
        fetch: deps.fetch,
        signal: AbortSignal.timeout(timeoutMs),
        language,
      });
      // A time to live of 0 means "do not keep": answer this fetch and its joiners only.
      if (ttlMs <= 0) queueMicrotask(() => cache.delete(key));
      return tracking;
    },
  });
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
   * The carrier's answer, shared by concurrent asks. It fills the cache even when the lookup that
   * asked has run out of budget and moved on (the caller's budget is not passed to the fetch).
   */
  const shared = (
    adapter: CarrierAdapter,
    number: string,
    language: string | undefined,
  ): Promise<LiveTracking> => {
    const request = cache
      .fetch(`${adapter.name}:${language ?? ''}:${number}`, {
        context: { adapter, number, language },
      })
      .then((tracking) => {
        if (!tracking) throw new Error('no tracking');
        return tracking;
      });
    // Waiters may all have given up by the time it fails; the failure is theirs to log.
    request.catch(() => {});
    return request;
  };

  const fetchLive = async (
    adapter: CarrierAdapter,
    number: string,
    budget: AbortSignal,
    logger: Logger,
    language: string | undefined,
  ): Promise<LiveOutcome> => {
    try {
      return { ok: true, tracking: await untilAborted(shared(adapter, number, language), budget) };
    } catch (error) {
      const reason = budget.aborted ? abortFault(adapter.name, budget, error) : error;
      logger.warn({ event: 'carrier_unavailable', carrier: adapter.name, ...fault(reason) });
      return { ok: false };
    }
  };

  const enrichShipment = async (
    shipment: Shipment,
    budget: AbortSignal,
    logger: Logger,
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
      const live = await fetchLive(adapter, number, budget, logger, language);
      result = live.ok
        ? { ...mergeShipment(result, live.tracking), liveTracking: 'live' }
        : { ...result, liveTracking: 'unavailable' };
    }
    return { ...result, stalled: isStalled(result, deps.clock(), stalledAfterDays) };
  };

  return async (view, signal, logger = deps.logger, language) => {
    try {
      const budgetSignal = AbortSignal.timeout(budgetMs);
      const budget = signal ? AbortSignal.any([signal, budgetSignal]) : budgetSignal;
      const shipments = await Promise.all(
        view.shipments.map((shipment) => enrichShipment(shipment, budget, logger, language)),
      );
      return keepShopperLanguage(refreshDeliveryMilestones({ ...view, shipments }), language);
    } catch (error) {
      logger.warn({ event: 'carrier_enrichment_failed', ...fault(error) });
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
