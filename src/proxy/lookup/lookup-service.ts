// The lookup use case: limits, cache and coalescing, one Admin call, whitelisted view, carrier enrichment.
import { hash } from 'node:crypto';
import type { TrackingEnricher } from '../../carriers/index.js';
import {
  type OrderList,
  type TrackingView,
  TrackingViewSchema,
} from '../../contract/tracking-view.js';
import { orderToTrackingView } from '../../core/order-to-view.js';
import type { Logger } from '../../core/ports.js';
import type { AdminQuery, TimeoutSignal } from '../admin/admin-graphql.js';
import { CoalescingCache } from '../cache/coalescing-cache.js';
import { httpError } from '../errors/http-error.js';
import { UpstreamError } from '../errors/upstream-error.js';
import type { RateLimits } from '../limits/rate-limits.js';
import { customerOrders } from './customer-orders.js';
import { findOrder, type OrderQuery } from './find-order.js';
import { sharedTimeout } from './shared-timeout.js';

/** Seconds a shopper is asked to wait after an upstream fault. */
export const UPSTREAM_RETRY_AFTER_S = 5;

/**
 * How long a view with carriers' events merged in is served again as it is (within the lookup
 * cache's own lifetime). Carriers cache their answers for minutes, so this adds little staleness,
 * and a cache hit then costs no enrichment, validation or serialisation.
 */
export const ENRICHED_VIEW_REUSE_MS = 30_000;

export interface LookupServiceOptions {
  cacheMax: number;
  cacheTtlMs: number;
  carrierBudgetMs: number;
}

export interface LookupServiceDeps {
  admin: AdminQuery;
  limits: RateLimits;
  enrich: TrackingEnricher;
  clock: () => number;
  timeoutSignal: TimeoutSignal;
  logger: Logger;
}

export interface Answer<T> {
  value: T;
  cacheHit: boolean;
  /** `value` as JSON, when the service keeps it serialised. */
  json?: string;
}

export interface LookupService {
  /** Throws HttpError: order_not_found (unknown or wrong email alike), rate_limited, upstream_unavailable. */
  lookup(shop: string, query: OrderQuery): Promise<Answer<TrackingView>>;
  customerOrders(shop: string, customerId: string): Promise<Answer<OrderList>>;
}

interface Enriched {
  language: string | undefined;
  view: TrackingView;
  json: string;
  until: number;
}
type Entry = { view: TrackingView; enriched?: Enriched } | { list: OrderList; json: string };

export function createLookupService(
  options: LookupServiceOptions,
  deps: LookupServiceDeps,
): LookupService {
  const carrierSignal = sharedTimeout(deps.timeoutSignal, deps.clock);
  const cache = new CoalescingCache<Entry>({
    max: options.cacheMax,
    ttlMs: options.cacheTtlMs,
    clock: deps.clock,
  });

  /** Only Admin calls count against the shop's limit: cache hits and coalesced waiters are free. */
  async function callAdmin<T>(shop: string, run: () => Promise<T>): Promise<T> {
    await deps.limits.hitShop(shop);
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      deps.logger.error({
        event: 'upstream_fault',
        fault: error.fault,
        httpStatus: error.httpStatus,
      });
      throw httpError('upstream_unavailable', { retryAfter: UPSTREAM_RETRY_AFTER_S, cause: error });
    }
  }

  async function enrich(view: TrackingView, language: string | undefined): Promise<TrackingView> {
    const enriched = await deps.enrich(view, carrierSignal(options.carrierBudgetMs), language);
    // The whitelist again, after carriers: zod drops any key the contract does not name.
    const parsed = TrackingViewSchema.safeParse(enriched);
    if (parsed.success) return parsed.data;
    deps.logger.warn({ event: 'carrier_view_invalid', issues: parsed.error.issues.length });
    return view;
  }

  /** The enriched view, kept on the cache entry unless a carrier could not answer (a later try may). */
  async function enrichedAnswer(
    entry: { view: TrackingView; enriched?: Enriched },
    hit: boolean,
    language: string | undefined,
  ): Promise<Answer<TrackingView>> {
    const kept = entry.enriched;
    if (kept && kept.until > deps.clock() && kept.language === language)
      return { value: kept.view, json: kept.json, cacheHit: hit };
    const view = await enrich(entry.view, language);
    if (view.shipments.some((shipment) => shipment.liveTracking === 'unavailable')) {
      entry.enriched = undefined;
      return { value: view, cacheHit: hit };
    }
    const json = JSON.stringify(view);
    entry.enriched = { language, view, json, until: deps.clock() + ENRICHED_VIEW_REUSE_MS };
    return { value: view, json, cacheHit: hit };
  }

  return {
    async lookup(shop, query) {
      const orderKey = query.orderNumber.bare.toLowerCase();
      await deps.limits.assertOrderOpen(shop, orderKey);
      const who = query.email !== null ? `e:${query.email}` : `c:${query.customerId}`;
      const key = `v\n${shop}\n${orderKey}\n${sha256(who)}`;
      const { value, hit } = await cache.get(
        key,
        () =>
          callAdmin(shop, async () => {
            const order = await findOrder(deps.admin, query);
            if (!order) return null;
            const view = TrackingViewSchema.safeParse(orderToTrackingView(order));
            if (!view.success) throw new UpstreamError('malformed', 'order does not fit the view');
            return { view: view.data };
          }),
        () => true,
      );
      if (!value || !('view' in value)) {
        await deps.limits.recordOrderFailure(shop, orderKey);
        throw httpError('order_not_found');
      }
      return enrichedAnswer(value, hit, query.language);
    },

    async customerOrders(shop, customerId) {
      const key = `o\n${shop}\n${customerId}`;
      const { value, hit } = await cache.get(
        key,
        () =>
          callAdmin(shop, async () => {
            const list = await customerOrders(deps.admin, customerId);
            return { list, json: JSON.stringify(list) };
          }),
        () => true,
      );
      if (!value || !('list' in value)) throw httpError('internal_error');
      return { value: value.list, json: value.json, cacheHit: hit };
    },
  };
}

function sha256(text: string): string {
  return hash('sha256', text, 'base64url');
}
