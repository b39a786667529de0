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
  /** A second level shared by every process (Redis); without it, this process's memory only. */
  shared?: SharedViews;
  /** Hears each order lookup's outcome (the tracking-page counts); must not throw. */
  onLookup?: (shop: string, found: boolean) => void;
}

/**
 * Order views shared between processes. `who` is the hashed e-mail or customer id of the asker.
 * Every method swallows store faults (a fault is a miss): the lookup then asks the source.
 */
export interface SharedViews {
  get(shop: string, orderKey: string, who: string): Promise<TrackingView | undefined>;
  /** Kept as long as this process's own cache keeps it (the lookup cache's lifetime). */
  set(shop: string, orderKey: string, who: string, view: TrackingView): Promise<void>;
  /** Deletes the order's shared views and tells every process (`subscribe`) to drop its own. */
  invalidate(shop: string, orderKey: string): Promise<void>;
  /** `listener` runs in this process for every invalidation, this process's own included. */
  subscribe(listener: (shop: string, orderKey: string) => void): void;
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
   * Drops the cached views of one order (given by name, `#1001` or `1001`, or confirmation number)
   * in this process and, with a shared store, in every process. A customer's order lists are not
   * keyed by order and expire with the cache's lifetime.
   */
  invalidateOrder(shop: string, ...orderNames: string[]): Promise<void>;
  /** `invalidateOrder` for each change of a store write (name and confirmation number), and the customer's cached list. */
  invalidate(changes: readonly OrderChange[]): Promise<void>;
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
type ViewFetch = Fetching & {
  query: OrderQuery;
  orderKey: string;
  who: string;
  sharedHit?: boolean;
};
type ListFetch = Fetching & { customerId: string };

/** The cache's key of an order name (`#1001` → `1001`) or confirmation number, as lookups and invalidations use it. */
function orderCacheKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/^#/, '').toLowerCase();
}

export function createLookup(options: LookupOptions, deps: LookupDeps): Lookup {
  // One cache per kind of value; a fetch for a key already loading joins it (coalescing).
  const cacheOptions = {
    max: options.cacheMax,
    ttl: options.cacheTtlMs,
    // Resolution 0: read the injected clock on every check instead of memoising it on a real timer.
    ttlResolution: 0,
    perf: { now: deps.clock },
  };
  const views = new LRUCache<string, ViewEntry, ViewFetch>({
    ...cacheOptions,
    fetchMethod: async (_key, _stale, { context }) => {
      const { shared } = deps;
      const kept = await shared?.get(context.shop, context.orderKey, context.who);
      if (kept) {
        context.sharedHit = true;
        return { view: kept };
      }
      const entry = await callAdmin(context, async () => {
        const order = await deps.orders.findOrder(context.query, {
          ...context.ctx,
          shop: context.shop,
        });
        // Undefined is not cached: an unknown order or a wrong email may be right the next time.
        if (!order) return undefined;
        const view = TrackingViewSchema.safeParse(orderToTrackingView(order));
        if (!view.success) throw new UpstreamError('malformed', 'order does not fit the view');
        return { view: view.data };
      });
      if (entry && shared)
        await shared.set(context.shop, context.orderKey, context.who, entry.view);
      return entry;
    },
  });
  deps.shared?.subscribe((shop, orderKey) => dropViews(shop, orderKey));

  /** Drops this process's views of one order, whoever asked for them. */
  function dropViews(shop: string, orderKey: string): void {
    const prefix = `${shop}\n${orderKey}\n`;
    // A fetch still running is left alone (`has` is false for it): deleting it would abort it and
    // answer "not found".
    for (const key of [...views.keys()]) {
      if (key.startsWith(prefix) && views.has(key)) views.delete(key);
    }
  }
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

  /** Drops one order's views here and, with a shared store, in every process. */
  async function invalidateOrder(shop: string, ...orderNames: string[]): Promise<void> {
    for (const name of orderNames) {
      const orderKey = orderCacheKey(name);
      dropViews(shop, orderKey);
      await deps.shared?.invalidate(shop, orderKey);
    }
  }

  return {
    async order(shop, query, ctx) {
      const orderKey = query.orderNumber.bare.toLowerCase();
      await deps.limits.assertMayTry(shop, orderKey, ctx.ip);
      const who = sha256(query.email !== null ? `e:${query.email}` : `c:${query.customerId}`);
      const key = `${shop}\n${orderKey}\n${who}`;
      const status: LRUCache.Status<string, ViewEntry, ViewFetch> = {};
      const context: ViewFetch = { shop, ctx, query, orderKey, who };
      const entry = await views.fetch(key, { context, status });
      deps.onLookup?.(shop, entry !== undefined);
      if (!entry) {
        await deps.limits.recordFailure(shop, orderKey, ctx.ip);
        throw httpError('order_not_found');
      }
      const hit = status.fetch !== 'miss' || context.sharedHit === true;
      return enrichedAnswer(entry, hit, ctx, query.language);
    },

    invalidateOrder,

    async invalidate(changes) {
      for (const change of changes) {
        const names = [change.orderName, change.confirmationNumber].filter((name): name is string =>
          Boolean(name),
        );
        await invalidateOrder(change.shop, ...names);
        const customerId = change.customerGid?.slice(change.customerGid.lastIndexOf('/') + 1);
        if (customerId) lists.delete(`${change.shop}\n${customerId}`);
      }
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
  };
}

function sha256(text: string): string {
  return hash('sha256', text, 'base64url');
}
