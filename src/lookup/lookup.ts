// The shopper's lookup use case: limits, cache and coalescing, the order source, whitelisted view, carrier enrichment.
import { hash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { TrackingEnricher } from '../carriers/index.js';
import {
  type OrderList,
  type TrackingView,
  TrackingViewSchema,
} from '../contract/tracking-view.js';
import { orderToTrackingView } from '../core/order-to-view.js';
import type { Clock, Logger } from '../core/ports.js';
import type { RateLimits } from '../platform/rate-limits.js';
import { httpError } from '../server/http-error.js';
import { UpstreamError } from '../shopify/upstream-error.js';
import type { OrderChange } from '../sync/invalidation.js';
import type { OrderQuery, OrderSource } from './find-order.js';

/** Seconds a shopper is asked to wait after an upstream fault. */
export const UPSTREAM_RETRY_AFTER_S = 5;

/**
 * How long a view with carriers' events merged in is served again as it is (within the lookup
 * cache's own lifetime). Carriers cache their answers for minutes, so this adds little staleness,
 * and a cache hit then costs no enrichment, validation or serialisation.
 */
export const ENRICHED_VIEW_REUSE_MS = 30_000;

export interface LookupOptions {
  cacheMax: number;
  cacheTtlMs: number;
  carrierBudgetMs: number;
}

export interface LookupDeps {
  orders: OrderSource;
  limits: RateLimits;
  enrich: TrackingEnricher;
  clock: Clock;
  /** A signal that aborts after `ms`; injected so tests decide when time is up. */
  timeoutSignal: (ms: number) => AbortSignal;
  /** Whether orders may be looked up now (false while the start-up Shopify check fails). */
  available?: () => boolean;
  /** Hears each order lookup's outcome (the tracking-page counts); must not throw. */
  onLookup?: (shop: string, found: boolean) => void;
}

/** Per request: who asks, the request's signal and its logger. */
export interface LookupContext {
  ip: string;
  signal?: AbortSignal;
  logger: Logger;
}

export interface Answer<T> {
  value: T;
  cacheHit: boolean;
  /** `value` as JSON, when the service keeps it serialised. */
  json?: string;
}

export interface Lookup {
  /** Throws HttpError: order_not_found (unknown or wrong email alike), rate_limited, upstream_unavailable. */
  order(shop: string, query: OrderQuery, ctx: LookupContext): Promise<Answer<TrackingView>>;
  customerOrders(shop: string, customerId: string, ctx: LookupContext): Promise<Answer<OrderList>>;
  /**
   * Drops every cached view of the order, whoever asked for it (`orderName` as Shopify shows it,
   * `#1001`, or a confirmation number), so the next lookup reads the source again.
   */
  invalidateOrder(shop: string, orderName: string): void;
  /** `invalidateOrder` for each change of a store write, and the customer's cached list. */
  invalidate(changes: readonly OrderChange[]): void;
}

/** The part of a cache key naming the order: shop and the order's bare number, lower case. */
function orderCacheKey(shop: string, orderNumber: string): string {
  return `${shop}\n${orderNumber.normalize('NFKC').replace(/^#/, '').toLowerCase()}`;
}

interface ViewEntry {
  view: TrackingView;
  enriched?: { language: string | undefined; view: TrackingView; json: string; until: number };
}
interface ListEntry {
  list: OrderList;
  json: string;
}
interface Fetching {
  shop: string;
  ctx: LookupContext;
}
type ViewFetch = Fetching & { query: OrderQuery };
type ListFetch = Fetching & { customerId: string };

export function createLookup(options: LookupOptions, deps: LookupDeps): Lookup {
  // One cache per kind of value; a fetch for a key already loading joins it (coalescing).
  const cacheOptions = {
    max: options.cacheMax,
    ttl: options.cacheTtlMs,
    // Resolution 0: read the injected clock on every check instead of memoising it on a real timer.
    ttlResolution: 0,
    perf: { now: deps.clock },
  };
  // Which full keys (one per email or customer that asked) hold views of one order, to evict them.
  const keysByOrder = new Map<string, Set<string>>();
  const indexKey = (orderKey: string, key: string) => {
    let keys = keysByOrder.get(orderKey);
    if (!keys) {
      keys = new Set();
      keysByOrder.set(orderKey, keys);
    }
    keys.add(key);
  };
  const unindexKey = (key: string) => {
    const orderKey = key.slice(0, key.lastIndexOf('\n'));
    const keys = keysByOrder.get(orderKey);
    if (!keys) return;
    keys.delete(key);
    if (keys.size === 0) keysByOrder.delete(orderKey);
  };
  const views = new LRUCache<string, ViewEntry, ViewFetch>({
    ...cacheOptions,
    // A value replaced by a newer one ('set') keeps its key in the index.
    dispose: (_value, key, reason) => {
      if (reason !== 'set') unindexKey(key);
    },
    fetchMethod: (_key, _stale, { context }) =>
      callAdmin(context, async () => {
        const order = await deps.orders.findOrder(context.query, {
          ...context.ctx,
          shop: context.shop,
        });
        // Undefined is not cached: an unknown order or a wrong email may be right the next time.
        if (!order) return undefined;
        const view = TrackingViewSchema.safeParse(orderToTrackingView(order));
        if (!view.success) throw new UpstreamError('malformed', 'order does not fit the view');
        return { view: view.data };
      }),
  });
  const lists = new LRUCache<string, ListEntry, ListFetch>({
    ...cacheOptions,
    fetchMethod: (_key, _stale, { context }) =>
      callAdmin(context, async () => {
        const list = await deps.orders.customerOrders(context.customerId, {
          ...context.ctx,
          shop: context.shop,
        });
        return { list, json: JSON.stringify(list) };
      }),
  });

  /** Only source calls count against the shop's limit: cache hits and coalesced waiters are free. */
  async function callAdmin<T>({ shop, ctx }: Fetching, run: () => Promise<T>): Promise<T> {
    if (deps.available && !deps.available()) {
      throw httpError('upstream_unavailable', { retryAfter: UPSTREAM_RETRY_AFTER_S });
    }
    await deps.limits.hitShop(shop);
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      ctx.logger.error({
        event: 'upstream_fault',
        fault: error.fault,
        httpStatus: error.httpStatus,
      });
      throw httpError('upstream_unavailable', { retryAfter: UPSTREAM_RETRY_AFTER_S, cause: error });
    }
  }

  async function enrich(
    view: TrackingView,
    ctx: LookupContext,
    language: string | undefined,
  ): Promise<TrackingView> {
    const budget = deps.timeoutSignal(options.carrierBudgetMs);
    const signal = ctx.signal ? AbortSignal.any([budget, ctx.signal]) : budget;
    const enriched = await deps.enrich(view, signal, ctx.logger, language);
    // The whitelist again, after carriers: zod drops any key the contract does not name.
    const parsed = TrackingViewSchema.safeParse(enriched);
    if (parsed.success) return parsed.data;
    ctx.logger.warn({ event: 'carrier_view_invalid', issues: parsed.error.issues.length });
    return view;
  }

  /** The enriched view, kept on the cache entry unless a carrier could not answer (a later try may). */
  async function enrichedAnswer(
    entry: ViewEntry,
    hit: boolean,
    ctx: LookupContext,
    language: string | undefined,
  ): Promise<Answer<TrackingView>> {
    const kept = entry.enriched;
    // Carrier text is chosen for the shopper's language, so a kept view serves that language only.
    if (kept && kept.until > deps.clock() && kept.language === language) {
      return { value: kept.view, json: kept.json, cacheHit: hit };
    }
    const view = await enrich(entry.view, ctx, language);
    if (view.shipments.some((shipment) => shipment.liveTracking === 'unavailable')) {
      entry.enriched = undefined;
      return { value: view, cacheHit: hit };
    }
    const json = JSON.stringify(view);
    entry.enriched = { language, view, json, until: deps.clock() + ENRICHED_VIEW_REUSE_MS };
    return { value: view, json, cacheHit: hit };
  }

  return {
    async order(shop, query, ctx) {
      const orderKey = query.orderNumber.bare.toLowerCase();
      await deps.limits.assertMayTry(shop, orderKey, ctx.ip);
      const who = query.email !== null ? `e:${query.email}` : `c:${query.customerId}`;
      const key = `${orderCacheKey(shop, orderKey)}\n${sha256(who)}`;
      indexKey(orderCacheKey(shop, orderKey), key);
      const status: LRUCache.Status<string, ViewEntry, ViewFetch> = {};
      const entry = await views.fetch(key, { context: { shop, ctx, query }, status });
      if (!views.has(key)) unindexKey(key);
      deps.onLookup?.(shop, entry !== undefined);
      if (!entry) {
        await deps.limits.recordFailure(shop, orderKey, ctx.ip);
        throw httpError('order_not_found');
      }
      return enrichedAnswer(entry, status.fetch !== 'miss', ctx, query.language);
    },

    async customerOrders(shop, customerId, ctx) {
      const status: LRUCache.Status<string, ListEntry, ListFetch> = {};
      const entry = await lists.fetch(`${shop}\n${customerId}`, {
        context: { shop, ctx, customerId },
        status,
      });
      if (!entry) throw httpError('internal_error');
      return { value: entry.list, json: entry.json, cacheHit: status.fetch !== 'miss' };
    },

    invalidateOrder(shop, orderName) {
      const keys = keysByOrder.get(orderCacheKey(shop, orderName));
      if (!keys) return;
      // A fetch still running is left alone: deleting it would abort it and answer "not found".
      for (const key of [...keys]) if (views.has(key)) views.delete(key);
    },

    invalidate(changes) {
      for (const change of changes) {
        this.invalidateOrder(change.shop, change.orderName);
        if (change.confirmationNumber) this.invalidateOrder(change.shop, change.confirmationNumber);
        const customerId = change.customerGid?.slice(change.customerGid.lastIndexOf('/') + 1);
        if (customerId) lists.delete(`${change.shop}\n${customerId}`);
      }
    },
  };
}

function sha256(text: string): string {
  return hash('sha256', text, 'base64url');
}
