// The app: settings and ports in, a Hono app out — mounts the routes, maps errors to JSON codes, logs one line per request.
import { existsSync } from 'node:fs';
import { serveStatic } from '@hono/node-server/serve-static';
import { HttpResponseError } from '@shopify/shopify-api';
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
import type { Database } from '../db/index.js';
import type { Repositories } from '../db/repositories.js';
import { createStorefrontTokensRepository } from '../db/storefront-tokens.js';
import { createWatchedShipmentsRepository } from '../db/watched-shipments.js';
import { adminOrderSource, type OrderSource } from '../lookup/find-order.js';
import { createLookup, type Lookup, type SharedViews } from '../lookup/lookup.js';
import { lookupCounter, withPendingCounts } from '../overview/lookup-stats.js';
import { ConfigError } from '../platform/config-error.js';
import type { Sealer } from '../platform/crypto.js';
import type { JobQueue } from '../platform/jobs.js';
import {
  type AppLogger,
  createLogger,
  type LazyChildLogger,
  lazyChild,
} from '../platform/logger.js';
import {
  createRateLimits,
  type LimiterFactory,
  memoryLimiterFactory,
} from '../platform/rate-limits.js';
import { type AdminQuery, createAdminGraphql, type Sleep } from '../shopify/admin-client.js';
import { ADMIN_API_VERSION } from '../shopify/api-version.js';
import {
  createShopCheck,
  SHOP_CHECK_QUERY,
  type ShopCheck,
  ShopCheckSchema,
} from '../shopify/shop-check.js';
import { adminGraphqlUrl } from '../shopify/shopify-fetch.js';
import {
  createStorefrontToken,
  envStorefrontToken,
  type StorefrontTokenSource,
} from '../shopify/storefront-token.js';
import type { InvalidationBus } from '../sync/invalidation.js';
import { startBackfill } from '../sync/jobs.js';
import type { AdminForShop } from '../sync/shop-admin.js';
import { createStoreOrderSource } from '../sync/wiring.js';
import { RETRY_INVALID_SESSION_HEADER, requireSessionToken } from './auth/session-token.js';
import { createShopifyAuth } from './auth/shopify-auth.js';
import { createOfflineTokens, type OfflineTokens } from './auth/token-exchange.js';
import { ensureCustomAppShop } from './background.js';
import { type Env, loadProxyConfig, type ProxyConfig } from './config.js';
import type { AppEnv, RouteDeps } from './context.js';
import { HttpError, httpError } from './http-error.js';
import { mountOnboardingRoute, proxyPing } from './routes/api-onboarding.js';
import { mountOverviewRoutes } from './routes/api-overview.js';
import { apiSession } from './routes/api-session.js';
import { mountSettingsRoutes } from './routes/api-settings.js';
import { overviewRouteDeps } from './routes/api-shared.js';
import { mountShipmentCarrierRoute } from './routes/api-shipment-carrier.js';
import { mountSyncRoutes, type SyncRouteDeps } from './routes/api-sync.js';
import { type FlowLifecycleDeps, mountFlowLifecycle } from './routes/flow-lifecycle.js';
import { healthz } from './routes/healthz.js';
import { adminBundleBuilt, HOME_SCRIPT_PATH, home, homeScript } from './routes/home.js';
import { proxyLookup } from './routes/proxy-lookup.js';
import { proxyOrders } from './routes/proxy-orders.js';
import { proxyRecommendations, recommendationsFromEnv } from './routes/proxy-recommendations.js';
import { type ReadinessProbe, readyz } from './routes/readyz.js';
import { mountWebhookRoutes, type WebhookRouteDeps } from './routes/webhooks.js';

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
  /** More readiness probes; the database's ping and (custom-app mode) the Shopify check are built in. */
  readiness?: readonly ReadinessProbe[];
  /** The database, its repositories and the job queue, opened by `main`; app mode needs them. */
  stores?: AppStores;
  /** A second level of the lookup cache shared by every process (Redis); memory only without. */
  sharedViews?: SharedViews;
  /** Flow's lifecycle records; `POST /flow/lifecycle` is mounted when given. */
  flowLifecycle?: FlowLifecycleDeps['flow'];
  /** `POST /webhooks` deps; built from `stores` when not given, not mounted without either. */
  webhooks?: WebhookRouteDeps;
  /** Order-store writes announced here drop the lookup cache's views of those orders. */
  invalidations?: InvalidationBus;
  /** The order sync's progress; `GET /api/sync` is mounted when given (or from `stores`). */
  syncState?: SyncRouteDeps['syncState'];
  /** Where the admin UI's built bundle is (served at /admin-assets/). Default `dist/admin`. */
  adminAssetsDir?: string;
}

/** What `main` opens at start and closes on SIGTERM. */
export interface AppStores {
  db: Kysely<Database>;
  repos: Repositories;
  /** The sealer the repositories use (the token refresh writes inside its own transaction). */
  sealer: Sealer;
  jobs?: JobQueue;
  /** The bus the repositories announce order-store writes on; the lookup cache subscribes. */
  invalidations?: InvalidationBus;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
}

export interface App {
  /** Web-standard handler: what @hono/node-server serves and tests call. */
  fetch: (request: Request) => Promise<Response>;
  config: ProxyConfig;
  /** The start-up Shopify check (custom-app mode; app mode gets one that is always ok). */
  shopCheck: ShopCheck;
  /** App mode: each installed shop's offline token. */
  tokens: OfflineTokens | undefined;
  /**
   * The Admin API client of a shop the app may read (the custom-app store, or an installed shop
   * with a stored offline token), or null: what the order sync and the watcher call Shopify with.
   */
  adminFor: AdminForShop;
  /** Drops one order's cached views in every process (names: `#1001`, or a confirmation number). */
  invalidateOrder: (shop: string, ...orderNames: string[]) => Promise<void>;
  /** Writes what the app keeps in memory (the lookup counts); call it before the stores close. */
  close: () => Promise<void>;
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
    stores: partial.stores,
    sharedViews: partial.sharedViews,
    flowLifecycle: partial.flowLifecycle,
    webhooks: partial.webhooks,
    invalidations: partial.invalidations,
    syncState: partial.syncState,
    adminAssetsDir: partial.adminAssetsDir,
  };
}

/**
 * Throws ConfigError (`.missing`, `.invalid`) when required settings are absent or malformed, and
 * Error when app mode is configured without `stores` (a wiring fault, not a setting).
 *
 * Modes: custom-app (SHOPIFY_SHOP + SHOPIFY_ADMIN_TOKEN) serves that one store with the token from
 * the environment; app mode (SHOPIFY_API_KEY + SHOPIFY_APP_URL) serves every store that installed
 * the app with its own stored offline token. Both at once: the custom-app store keeps its
 * configured token and every other signed store must have installed the app.
 */
export function createApp(env: Env, partial: Partial<AppDeps> = {}): App {
  const config = loadProxyConfig(env);
  const carriers = carrierSettings(env);
  const deps = defaultAppDeps(partial);
  const stores = deps.stores;
  if (config.app && !stores) throw new Error('app mode needs the database (AppDeps.stores)');

  const custom = config.custom;
  const customAdmin = custom
    ? createAdminGraphql(
        {
          shop: custom.shop,
          accessToken: custom.adminToken,
          endpoint:
            custom.adminEndpoint ??
            (config.apiOrigin
              ? adminGraphqlUrl(custom.shop, ADMIN_API_VERSION, config.apiOrigin)
              : undefined),
          budgetMs: config.upstreamBudgetMs,
        },
        deps,
      )
    : undefined;
  const shopCheck = customAdmin
    ? createShopCheck({ admin: customAdmin, logger: deps.logger })
    : alwaysOkShopCheck();

  const auth = config.app ? createShopifyAuth(config.app, config.apiSecret) : undefined;
  const tokens =
    auth && stores
      ? createOfflineTokens({
          auth,
          db: stores.db,
          repos: stores.repos,
          sealer: stores.sealer,
          transport: { fetch: deps.fetch, origin: config.apiOrigin },
          clock: deps.clock,
          logger: deps.logger,
        })
      : undefined;

  const installedAdmin = tokens ? installedShopAdmin(tokens, config, deps) : undefined;
  const adminFor: AdminForShop = async (shop) => {
    if (customAdmin && shop === custom?.shop) return customAdmin;
    if (!tokens || !installedAdmin) return null;
    return (await tokens.accessToken(shop)) === undefined ? null : installedAdmin(shop);
  };
  // With the database, orders come from the order store (0 Admin calls for a synced order) and
  // only an order it lacks is read live and stored; without it, every lookup reads Admin live.
  const orders: OrderSource =
    deps.orders ??
    (stores
      ? createStoreOrderSource({
          repos: stores.repos,
          adminFor: async (shop) => {
            const admin = await adminFor(shop);
            if (!admin) throw httpError('shop_not_installed');
            return admin;
          },
          ...(custom ? { defaultShop: custom.shop } : {}),
        })
      : shopOrderSource((shop) => {
          if (customAdmin && shop === custom?.shop) return customAdmin;
          throw httpError('shop_not_installed');
        }));

  const limits = createRateLimits(config.limits, deps.limiterFactory);
  // Counted in memory and written in batches: a lookup does no database work for the counts.
  const lookupCounts = stores
    ? lookupCounter(stores.db, deps.clock, countFailed(deps.logger))
    : undefined;
  const shared = createLookup(
    {
      cacheMax: config.cacheMaxEntries,
      cacheTtlMs: config.cacheTtlSeconds * 1000,
      carrierBudgetMs: config.carrierBudgetMs,
    },
    {
      orders,
      limits,
      enrich: deps.enrich ?? createTrackingEnricher(carriers, deps),
      clock: deps.clock,
      timeoutSignal: deps.timeoutSignal,
      // Custom-app only: lookups go ahead while the check is pending; once it failed they answer 503.
      available: () => !!config.app || shopCheck.state().status !== 'failed',
      shared: deps.sharedViews,
      onLookup: lookupCounts?.count,
    },
  );
  const invalidations = deps.invalidations ?? stores?.invalidations;
  invalidations?.subscribe((changes) => {
    shared.invalidate(changes).catch((error: unknown) => {
      deps.logger.warn({ event: 'cache_invalidation_failed', name: errorName(error) });
    });
  });
  const zones = new Map<string, string>();
  // The custom-app store's row (its email key, its synced orders) is made on first use.
  let customShopRow: Promise<void> | undefined;
  const lookup = installedOnly(shared, async (shop) => {
    if (shop === custom?.shop) {
      if (!stores) return;
      customShopRow ??= ensureCustomAppShop(stores.repos.shops, shop).catch((error: unknown) => {
        customShopRow = undefined;
        throw error;
      });
      return customShopRow;
    }
    const row = stores ? await stores.repos.shops.get(shop) : undefined;
    if (row?.state !== 'installed') throw httpError('shop_not_installed');
    if (row.ianaTimeZone) zones.set(shop, row.ianaTimeZone);
  });
  // The custom app's token comes from the environment; installed shops' tokens are made at install
  // and kept sealed.
  const customStorefront = envStorefrontToken(custom?.shop ?? '', env.SHOPIFY_STOREFRONT_TOKEN);
  const storedStorefront = stores
    ? createStorefrontTokensRepository(stores.db, stores.sealer)
    : undefined;
  const storefrontTokens: StorefrontTokenSource = async (shop) =>
    (await customStorefront(shop)) ?? (storedStorefront ? storedStorefront.get(shop) : null);
  /** A Storefront token for recommendations, made once per install; a failure only logs. */
  const rememberStorefrontToken = async (shop: string, admin: AdminQuery) => {
    try {
      await storedStorefront?.set(shop, await createStorefrontToken(shop, admin));
    } catch (error) {
      deps.logger.warn({ event: 'storefront_token_not_created', shop, name: errorName(error) });
    }
  };
  /** The order sync's backfill starts after a shop's first token exchange; a failure only logs. */
  const queueBackfill = async (shop: string) => {
    if (!stores?.jobs) return;
    try {
      await startBackfill(stores.jobs, shop);
    } catch (error) {
      deps.logger.warn({ event: 'backfill_not_queued', shop, name: errorName(error) });
    }
  };
  const routeDeps: RouteDeps = {
    config,
    expectedShop: config.app ? undefined : custom?.shop,
    lookup,
    limits,
    clock: deps.clock,
    recommendations: recommendationsFromEnv(env, custom?.shop ?? '', {
      ...deps,
      tokens: storefrontTokens,
    }),
    shopTimeZone: (shop) => {
      if (shop !== custom?.shop) return zones.get(shop);
      const state = shopCheck.state();
      return state.status === 'ok' ? state.timeZone : undefined;
    },
  };
  /** Pages show times in the shop's zone: asked once per install, kept in the shops table. */
  const rememberTimeZone = async (shop: string, admin: AdminQuery) => {
    try {
      const data = await admin(SHOP_CHECK_QUERY, {}, ShopCheckSchema);
      const zone = data.shop.ianaTimezone;
      if (zone && stores) {
        await stores.repos.shops.setTimeZone(shop, zone);
        zones.set(shop, zone);
      }
    } catch (error) {
      deps.logger.warn({ event: 'shop_time_zone_unknown', shop, name: errorName(error) });
    }
  };
  const probes: ReadinessProbe[] = [];
  if (customAdmin) {
    probes.push(() => (shopCheck.state().status === 'ok' ? null : 'shopify_unauthorized'));
  }
  if (stores) {
    probes.push(() =>
      stores.ping().then(
        () => null,
        () => 'database_unavailable' as const,
      ),
    );
  }

  // Not strict: `/proxy/lookup/` is `/proxy/lookup`.
  const app = new Hono<AppEnv>({ strict: false });

  // One child logger and one log line per request, with the id also sent back as X-Request-Id.
  // The child is made only if a route writes with it; the request line is written here with the
  // child's fields (requestId, and shop once a route set it), as the child would write it.
  app.use(async (c, next) => {
    const started = deps.now();
    const requestId = deps.requestId();
    c.set('requestId', requestId);
    c.set('log', lazyChild(deps.logger, { requestId }));
    const fields: AppEnv['Variables']['fields'] = {};
    c.set('fields', fields);
    await next();
    c.res.headers.set('x-request-id', requestId);
    const log = c.get('log');
    const line = {
      method: c.req.method,
      route: fields.route ?? 'unknown',
      status: c.res.status,
      durationMs: Math.round((deps.now() - started) * 1000) / 1000,
      cacheHit: fields.cacheHit,
      errorCode: fields.errorCode,
    };
    if ('bindings' in log) deps.logger.info({ ...(log as LazyChildLogger).bindings, ...line });
    else log.info(line);
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
    // A declared length is checked without touching the body (Node's parser holds the body to
    // it), as bodyLimit would, which first builds a whole web Request; a chunked body is counted.
    const headers = c.req.raw.headers;
    const length = headers.get('content-length');
    if (length !== null && !headers.has('transfer-encoding')) {
      if (Number.parseInt(length, 10) > MAX_BODY_BYTES) throw httpError('payload_too_large');
      return next();
    }
    return limitBody(c, next);
  });
  route('/proxy/lookup', 'lookup', ['POST'], proxyLookup(routeDeps));
  route('/proxy/orders', 'orders', ['GET'], proxyOrders(routeDeps));
  route('/proxy/recommendations', 'recommendations', ['GET'], proxyRecommendations(routeDeps));
  route('/proxy/ping', 'ping', ['GET'], () => proxyPing());
  const flow = deps.flowLifecycle ?? stores?.repos.flowTriggers;
  if (flow) mountFlowLifecycle(app, { apiSecret: config.apiSecret, flow, clock: deps.clock });
  const webhooks =
    deps.webhooks ??
    (stores?.jobs
      ? {
          db: stores.db,
          repos: stores.repos,
          jobs: stores.jobs,
          logger: deps.logger,
          clock: deps.clock,
          apiSecret: config.apiSecret,
        }
      : undefined);
  if (webhooks) mountWebhookRoutes(app, webhooks);
  route('/healthz', 'healthz', ['GET'], () => healthz());
  route('/readyz', 'readyz', ['GET'], readyz([...probes, ...(deps.readiness ?? [])]));

  if (config.app && auth && tokens && stores) {
    route(
      '/',
      'home',
      ['GET'],
      home(config, { hasAdminBundle: adminBundleBuilt(deps.adminAssetsDir) }),
    );
    route(HOME_SCRIPT_PATH, 'home-script', ['GET'], () => homeScript());
    const assets = deps.adminAssetsDir ?? 'dist/admin';
    // Until the admin UI is built there is nothing to serve (and serveStatic would warn).
    if (existsSync(assets))
      app.get(
        '/admin-assets/*',
        (c, next) => {
          c.get('fields').route = 'admin-assets';
          return next();
        },
        serveStatic({
          root: assets,
          rewriteRequestPath: (path) => path.replace(/^\/admin-assets/, ''),
          // Built file names carry a content hash (Vite), so a name never changes meaning.
          onFound: (_path, c) => {
            c.header('cache-control', 'public, max-age=31536000, immutable');
          },
        }),
      );
    app.use('/api/*', requireSessionToken(auth));
    // The first call of a shop without a stored offline session exchanges its session token.
    app.use('/api/*', async (c, next) => {
      const shop = c.get('shop');
      try {
        const exchanged = await tokens.ensureInstalled(shop, c.get('sessionToken'));
        if (exchanged && installedAdmin) {
          await rememberTimeZone(shop, installedAdmin(shop));
          await rememberStorefrontToken(shop, installedAdmin(shop));
          await queueBackfill(shop);
        }
      } catch (error) {
        if (error instanceof HttpResponseError && [400, 401].includes(error.response.code)) {
          c.get('log').warn({ event: 'token_exchange_refused', status: error.response.code });
          return httpError('invalid_session').toResponse({ [RETRY_INVALID_SESSION_HEADER]: '1' });
        }
        if (error instanceof HttpError) throw error;
        c.get('log').error({ event: 'token_exchange_failed', name: errorName(error) });
        throw httpError('upstream_unavailable', { retryAfter: 5 });
      }
      await next();
    });
    route('/api/session', 'session', ['GET'], apiSession(stores.repos.shops));
    mountSyncRoutes(app, { syncState: deps.syncState ?? stores.repos.syncState });
    const overview = overviewRouteDeps(stores.db, deps.clock);
    mountOverviewRoutes(app, {
      ...overview,
      lookupStats: lookupCounts
        ? withPendingCounts(overview.lookupStats, lookupCounts)
        : overview.lookupStats,
    });
    // The watcher's (issue 13): one settings resource with the overview's thresholds, and the
    // merchant's carrier override.
    const watched = createWatchedShipmentsRepository(stores.db);
    mountSettingsRoutes(app, {
      overview: overview.settings,
      shopSettings: stores.repos.shopSettings,
      envKeys: carriers,
      customShop: custom?.shop,
      watched,
    });
    mountShipmentCarrierRoute(app, {
      watched,
      orders: stores.repos.orders,
      evict: shared.invalidateOrder,
    });
    if (installedAdmin) mountOnboardingRoute(app, { adminFor: installedAdmin, fetch: deps.fetch });
  }

  app.notFound(() => httpError('not_found').toResponse());
  app.onError((error, c) => {
    const http = toHttpError(error, c.get('log') ?? deps.logger);
    const fields = c.get('fields');
    if (fields) fields.errorCode = http.code;
    return http.toResponse();
  });

  return {
    fetch: async (request) => app.fetch(request),
    config,
    shopCheck,
    tokens,
    adminFor,
    invalidateOrder: shared.invalidateOrder,
    close: async () => {
      await lookupCounts?.close();
    },
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** App mode has no single token to check at start; readiness then rests on the database. */
function alwaysOkShopCheck(): ShopCheck {
  const state = { status: 'ok', name: '', timeZone: undefined } as const;
  return { state: () => state, start: async () => state, stop: () => {} };
}

/** Orders from the Admin API of the shop the call is for (`ctx.shop`, set by the lookup). */
function shopOrderSource(adminFor: (shop: string) => AdminQuery): OrderSource {
  const sources = new Map<AdminQuery, OrderSource>();
  const sourceFor = (shop: string | undefined): OrderSource => {
    if (!shop) throw new Error('order source called without a shop');
    const admin = adminFor(shop);
    let source = sources.get(admin);
    if (!source) {
      source = adminOrderSource(admin);
      sources.set(admin, source);
    }
    return source;
  };
  return {
    findOrder: (query, ctx) => sourceFor(ctx.shop).findOrder(query, ctx),
    customerOrders: (customerId, ctx) => sourceFor(ctx.shop).customerOrders(customerId, ctx),
  };
}

/**
 * An Admin client per installed shop, reading the shop's current offline token on every call (it
 * may have been refreshed); clients are rebuilt only when the token changes. Throws HttpError
 * shop_not_installed when the shop has no stored session.
 */
function installedShopAdmin(
  tokens: OfflineTokens,
  config: ProxyConfig,
  deps: AppDeps,
): (shop: string) => AdminQuery {
  const clients = new Map<string, { token: string; admin: AdminQuery }>();
  const perShop = new Map<string, AdminQuery>();
  return (shop) => {
    let query = perShop.get(shop);
    if (!query) {
      query = async (document, variables, schema, options) => {
        const token = await tokens.accessToken(shop);
        if (token === undefined) throw httpError('shop_not_installed');
        let entry = clients.get(shop);
        if (!entry || entry.token !== token) {
          const admin = createAdminGraphql(
            {
              shop,
              accessToken: token,
              endpoint: config.apiOrigin
                ? adminGraphqlUrl(shop, ADMIN_API_VERSION, config.apiOrigin)
                : undefined,
              budgetMs: config.upstreamBudgetMs,
            },
            deps,
          );
          entry = { token, admin };
          clients.set(shop, entry);
        }
        return entry.admin(document, variables, schema, options);
      };
      perShop.set(shop, query);
    }
    return query;
  };
}

/** `lookup` behind a check that the shop may be served (installed, or the custom-app store). */
function installedOnly(lookup: Lookup, check: (shop: string) => Promise<void>): Lookup {
  return {
    async order(shop, query, ctx) {
      await check(shop);
      return lookup.order(shop, query, ctx);
    },
    async customerOrders(shop, customerId, ctx) {
      await check(shop);
      return lookup.customerOrders(shop, customerId, ctx);
    },
    invalidateOrder: lookup.invalidateOrder,
    invalidate: lookup.invalidate,
  };
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
