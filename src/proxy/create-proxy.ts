// Wires the proxy from its settings and injected ports: the one place where parts meet.
import {
  type CarrierConfig,
  createTrackingEnricher,
  type TrackingEnricher,
} from '../carriers/index.js';
import type { Clock, Fetch, Logger } from '../core/ports.js';
import { createAdminGraphql, type Sleep, type TimeoutSignal } from '../shopify/admin-client.js';
import type { ProxyConfig } from '../server/config.js';
import { createHandler, type Handler } from './handler.js';
import {
  createRateLimits,
  type LimiterFactory,
  memoryLimiterFactory,
} from '../platform/rate-limits.js';
import { createLookupService } from '../lookup/lookup.js';
import type { PageRenderer } from './page/page-renderer.js';
import { widgetPageRenderer } from '../server/page/no-js-page.js';

export interface ProxyDeps {
  fetch: Fetch;
  clock: Clock;
  logger: Logger;
  sleep: Sleep;
  timeoutSignal: TimeoutSignal;
  /** Store of the rate limits; process memory unless a shared store is given. */
  limiterFactory: LimiterFactory;
  pages: PageRenderer;
  now: () => number;
  requestId: () => string;
  /** Replaces the carriers module's enricher (tests, demo); by default built from the carrier settings. */
  enrich?: TrackingEnricher;
}

export function defaultProxyDeps(partial: Partial<ProxyDeps> = {}): ProxyDeps {
  const clock = partial.clock ?? (() => Date.now());
  return {
    fetch: partial.fetch ?? ((input, init) => fetch(input, init)),
    clock,
    logger: partial.logger ?? { info() {}, warn() {}, error() {} },
    sleep: partial.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    timeoutSignal: partial.timeoutSignal ?? ((ms) => AbortSignal.timeout(Math.max(1, ms))),
    limiterFactory: partial.limiterFactory ?? memoryLimiterFactory(clock),
    pages: partial.pages ?? widgetPageRenderer,
    now: partial.now ?? (() => performance.now()),
    requestId: partial.requestId ?? (() => crypto.randomUUID()),
    enrich: partial.enrich,
  };
}

export function createProxy(
  config: ProxyConfig,
  carriers: CarrierConfig,
  deps: ProxyDeps,
): Handler {
  const admin = createAdminGraphql(
    {
      shop: config.shop,
      accessToken: config.adminToken,
      endpoint: config.adminEndpoint,
      budgetMs: config.upstreamBudgetMs,
    },
    deps,
  );
  const limits = createRateLimits(config.limits, deps.limiterFactory);
  const enrich = deps.enrich ?? createTrackingEnricher(carriers, deps);
  const service = createLookupService(
    {
      cacheMax: config.cacheMaxEntries,
      cacheTtlMs: config.cacheTtlSeconds * 1000,
      carrierBudgetMs: config.carrierBudgetMs,
    },
    {
      admin,
      limits,
      enrich,
      clock: deps.clock,
      timeoutSignal: deps.timeoutSignal,
      logger: deps.logger,
    },
  );
  return createHandler({ config, service, limits, ...deps });
}
