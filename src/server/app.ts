// The app: settings and ports in, a Hono app out — mounts the routes, maps errors to JSON codes, logs one line per request.
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Kysely } from 'kysely';
import {
  type CarrierConfig,
  CarrierConfigError,
  carrierConfigFromEnv,
  createTrackingEnricher,
  type TrackingEnricher,
} from '../carriers/index.js';
import type { Clock, Fetch } from '../core/ports.js';
import type { Database } from '../db/schema.js';
import { adminOrderSource, type OrderSource } from '../lookup/find-order.js';
import { createLookup } from '../lookup/lookup.js';
import { lookupCounter } from '../overview/lookup-stats.js';
import { ConfigError } from '../platform/config-error.js';
import { type AppLogger, createLogger } from '../platform/logger.js';
import {
  createRateLimits,
  type LimiterFactory,
  memoryLimiterFactory,
} from '../platform/rate-limits.js';
import { createAdminGraphql, type Sleep } from '../shopify/admin-client.js';
import { createShopCheck, type ShopCheck } from '../shopify/shop-check.js';
import type { InvalidationBus } from '../sync/invalidation.js';
import { type Env, loadProxyConfig, type ProxyConfig } from './config.js';
import type { AppEnv, RouteDeps } from './context.js';
import { HttpError, httpError } from './http-error.js';
import { mountOverviewRoutes } from './routes/api-overview.js';
import { overviewRouteDeps } from './routes/api-shared.js';
import { mountSyncRoutes, type SyncRouteDeps } from './routes/api-sync.js';
import { healthz } from './routes/healthz.js';
import { proxyLookup } from './routes/proxy-lookup.js';
import { proxyOrders } from './routes/proxy-orders.js';
import { type ReadinessProbe, readyz } from './routes/readyz.js';

export { ConfigError } from '../platform/config-error.js';

/** Largest request body taken (a lookup is two short fields). */
export const MAX_BODY_BYTES = 4096;

export interface AppDeps {
  fetch: Fetch;
  clock: Clock;
  logger: AppLogger;
  sleep: Sleep;
  /** A signal that aborts after `ms`; injected so tests decide when time is up. */
  timeoutSignal: (ms: number) => AbortSignal;
  /** For durations only; wall-clock time comes from `clock`. */
  now: () => number;
  requestId: () => string;
  /** Store of the rate limits; process memory unless a shared store is given. */
  limiterFactory: LimiterFactory;
  /** Replaces the carriers' enricher (tests, demo); by default built from the carrier settings. */
  enrich?: TrackingEnricher;
  /** Replaces the Admin API as the source of orders (a store-first source, tests). */
  orders?: OrderSource;
  /** More readiness probes (a database ping); the Shopify check is always one. */
  readiness?: readonly ReadinessProbe[];
  /** Order-store writes announced here drop the lookup cache's views of those orders. */
  invalidations?: InvalidationBus;
  /** The order sync's progress; `GET /api/sync` is mounted when given. */
  syncState?: SyncRouteDeps['syncState'];
  /** The app's database; the merchant's /api/* overview routes are served when it is given. */
  db?: Kysely<Database>;
}

export interface App {
  /** Web-standard handler: what @hono/node-server serves and tests call. */
  fetch: (request: Request) => Promise<Response>;
  config: ProxyConfig;
  /** The start-up Shopify check; `main` starts it, tests may. */
  shopCheck: ShopCheck;
}

export function defaultAppDeps(partial: Partial<AppDeps> = {}): AppDeps {
  return {
    fetch: partial.fetch ?? ((input, init) => fetch(input, init)),
    clock: partial.clock ?? (() => Date.now()),
    logger: partial.logger ?? createLogger({ level: 'silent' }),
    sleep: partial.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    timeoutSignal: partial.timeoutSignal ?? ((ms) => AbortSignal.timeout(Math.max(1, ms))),
    now: partial.now ?? (() => performance.now()),
    requestId: partial.requestId ?? (() => crypto.randomUUID()),
    limiterFactory: partial.limiterFactory ?? memoryLimiterFactory,
    enrich: partial.enrich,
    orders: partial.orders,
    readiness: partial.readiness,
    invalidations: partial.invalidations,
    syncState: partial.syncState,
    db: partial.db,
  };
}

/** Throws ConfigError (`.missing`, `.invalid`) when required settings are absent or malformed. */
export function createApp(env: Env, partial: Partial<AppDeps> = {}): App {
  const config = loadProxyConfig(env);
  const carriers = carrierSettings(env);
  const deps = defaultAppDeps(partial);
  const admin = createAdminGraphql(
    {
      shop: config.shop,
      accessToken: config.adminToken,
      endpoint: config.adminEndpoint,
      budgetMs: config.upstreamBudgetMs,
    },
    deps,
  );
  const shopCheck = createShopCheck({ admin, logger: deps.logger });
  const limits = createRateLimits(config.limits, deps.limiterFactory);
  const lookup = createLookup(
    {
      cacheMax: config.cacheMaxEntries,
      cacheTtlMs: config.cacheTtlSeconds * 1000,
      carrierBudgetMs: config.carrierBudgetMs,
    },
    {
      orders: deps.orders ?? adminOrderSource(admin),
      limits,
      enrich: deps.enrich ?? createTrackingEnricher(carriers, deps),
      clock: deps.clock,
      timeoutSignal: deps.timeoutSignal,
      // Lookups go ahead while the check is pending; once it failed they answer 503 at once.
      available: () => shopCheck.state().status !== 'failed',
      onLookup: deps.db ? lookupCounter(deps.db, deps.clock, countFailed(deps.logger)) : undefined,
    },
  );
  deps.invalidations?.subscribe((changes) => lookup.invalidate(changes));
  const routeDeps: RouteDeps = {
    config,
    lookup,
    limits,
    clock: deps.clock,
    shopTimeZone: () => {
      const state = shopCheck.state();
      return state.status === 'ok' ? state.timeZone : undefined;
    },
  };
  const shopifyReady: ReadinessProbe = () =>
    shopCheck.state().status === 'ok' ? null : 'shopify_unauthorized';

  // Not strict: `/proxy/lookup/` is `/proxy/lookup`.
  const app = new Hono<AppEnv>({ strict: false });

  // One child logger and one log line per request, with the id also sent back as X-Request-Id.
  app.use(async (c, next) => {
    const started = deps.now();
    const requestId = deps.requestId();
    c.set('requestId', requestId);
    c.set('log', deps.logger.child({ requestId }));
    const fields: AppEnv['Variables']['fields'] = {};
    c.set('fields', fields);
    await next();
    c.res.headers.set('x-request-id', requestId);
    c.get('log').info({
      method: c.req.method,
      route: fields.route ?? 'unknown',
      status: c.res.status,
      durationMs: Math.round((deps.now() - started) * 1000) / 1000,
      cacheHit: fields.cacheHit,
      errorCode: fields.errorCode,
    });
  });

  const route = (
    path: string,
    name: string,
    methods: ('GET' | 'POST')[],
    handler: (c: Context<AppEnv>) => Response | Promise<Response>,
  ) => {
    app.on(methods, path, (c) => {
      c.get('fields').route = name;
      return handler(c);
    });
    const allow = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
    app.all(path, (c) => {
      c.get('fields').route = name;
      throw httpError('method_not_allowed', { allow });
    });
  };

  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw httpError('payload_too_large');
    },
  });
  app.post('/proxy/lookup', (c, next) => {
    c.get('fields').route = 'lookup';
    return limitBody(c, next);
  });
  route('/proxy/lookup', 'lookup', ['POST'], proxyLookup(routeDeps));
  route('/proxy/orders', 'orders', ['GET'], proxyOrders(routeDeps));
  route('/healthz', 'healthz', ['GET'], () => healthz());
  route('/readyz', 'readyz', ['GET'], readyz([shopifyReady, ...(deps.readiness ?? [])]));
  if (deps.syncState) mountSyncRoutes(app, { syncState: deps.syncState });
  if (deps.db) mountOverviewRoutes(app, overviewRouteDeps(deps.db, deps.clock));

  app.notFound(() => httpError('not_found').toResponse());
  app.onError((error, c) => {
    const http = toHttpError(error, c.get('log') ?? deps.logger);
    const fields = c.get('fields');
    if (fields) fields.errorCode = http.code;
    return http.toResponse();
  });

  return { fetch: async (request) => app.fetch(request), config, shopCheck };
}

/** Counting lookups is best effort: a failure is logged by class name, the lookup goes on. */
function countFailed(logger: AppLogger): (error: unknown) => void {
  return (error) =>
    logger.warn({
      event: 'lookup_count_failed',
      name: error instanceof Error ? error.name : typeof error,
    });
}

function toHttpError(error: unknown, logger: AppLogger): HttpError {
  if (error instanceof HttpError) return error;
  // Only the class name goes to the log: a message might quote input. Nothing reaches the shopper.
  const name = error instanceof Error ? error.name : typeof error;
  logger.error({ event: 'unhandled', name });
  return httpError('internal_error');
}

/** Carrier settings are optional, but a malformed one stops the start like any other setting. */
function carrierSettings(env: Env): CarrierConfig {
  try {
    return carrierConfigFromEnv(env);
  } catch (error) {
    if (error instanceof CarrierConfigError) {
      throw new ConfigError([], [error.variable], error.message);
    }
    throw error;
  }
}
