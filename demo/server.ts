// The one-process demo: storefront, local app proxy, the real app (its own port), a local Shopify (token endpoint, Admin API, admin page) and carrier endpoints.
import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Clock, systemClock } from '../src/core/ports.js';
import { wrapPGlite } from '../src/db/index.js';
import { createRepositories } from '../src/db/repositories.js';
import { freshPGlite } from '../src/db/snapshot.js';
import { createSealer } from '../src/platform/crypto.js';
import { createJobQueue, type JobQueue } from '../src/platform/jobs.js';
import { type AppLogger, createLogger } from '../src/platform/logger.js';
import { type App, type AppStores, createApp } from '../src/server/app.js';
import { startBackground } from '../src/server/background.js';
import { createInProcessInvalidationBus } from '../src/sync/invalidation.js';
import { FLOW_TRIGGER_HANDLES } from '../src/watcher/flow.js';
import { createAppProxy } from './app-proxy.js';
import { handleCarrierRequest } from './carrier-endpoints.js';
import { DEMO_SHOP, demoSettings } from './env.js';
import { createNodeServer } from './node-http.js';
import { createLocalShopify, type LocalShopify } from './shopify/local-shopify.js';
import { demoThemes } from './shopify/online-store.js';
import { generatedAdminOrders } from './shopify/seed-generated.js';
import { seedOrders } from './shopify/seed-orders.js';
import { mintSessionToken } from './shopify/session-token.js';
import { createStorefrontEmulator } from './shopify/storefront-emulator.js';
import {
  createStorefront,
  type DemoCustomer,
  type StorefrontRequest,
} from './storefront/storefront.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const APP_PROXY_PREFIX = '/apps/track';
export const ASSET_BASE = '/extension-assets/';
const CUSTOMER_COOKIE = 'demo_customer';
/** Every storefront locale the extension ships, each served under its prefix (`/de`, `/ja`, …). */
const LOCALES = [
  { isoCode: 'en', endonym: 'English' },
  { isoCode: 'nb', endonym: 'Norsk (bokmål)' },
  { isoCode: 'da', endonym: 'Dansk' },
  { isoCode: 'sv', endonym: 'Svenska' },
  { isoCode: 'fi', endonym: 'Suomi' },
  { isoCode: 'de', endonym: 'Deutsch' },
  { isoCode: 'fr', endonym: 'Français' },
  { isoCode: 'es', endonym: 'Español' },
  { isoCode: 'it', endonym: 'Italiano' },
  { isoCode: 'nl', endonym: 'Nederlands' },
  { isoCode: 'pt-BR', endonym: 'Português (Brasil)' },
  { isoCode: 'ja', endonym: '日本語' },
] as const;

/** The scopes the local Shopify grants: those of shopify.app.toml. */
const DEMO_SCOPES =
  'read_orders,read_all_orders,read_fulfillments,write_fulfillments,read_assigned_fulfillment_orders,read_merchant_managed_fulfillment_orders,read_third_party_fulfillment_orders,read_customers,unauthenticated_read_product_listings,read_themes';

export interface DemoOptions {
  /** 0 picks a free port. */
  port?: number;
  /**
   * Local mode: the app exchanges the demo shop's session token at start, so the shop is installed
   * before anyone opens the admin. False leaves that to the first open of the app home. Default true.
   */
  preinstall?: boolean;
  /** Where the app itself listens (home, /api, /proxy, /webhooks): `port + 1` by default, 0 when `port` is 0. */
  appPort?: number;
  host?: string;
  /** Settings as the environment gives them; SHOPIFY_SHOP + SHOPIFY_ADMIN_TOKEN switch to a real store. */
  env?: Record<string, string | undefined>;
  clock?: Clock;
  logger?: AppLogger;
  /** The theme app extension to render; the project's own by default. */
  extensionRoot?: string;
  /**
   * Local mode: how many generated orders follow the hand-written ones (`npm run demo` asks for
   * GENERATED_ORDER_COUNT). Default 0: tests that do not look at the overview skip the long backfill.
   */
  generatedOrders?: number;
  /**
   * Local mode with `preinstall`: the merchant's part of the shipment watcher done at start, as in
   * the app's Settings and the Flow app: the local carriers' keys saved, write-back on, and Flow
   * workflows using every trigger. Default false (the watcher then has no keys and asks nobody).
   */
  watcher?: boolean;
}

export interface Demo {
  url: string;
  /** The app's own origin (app home, /api, /proxy, /webhooks). */
  appUrl: string;
  /** Local mode: the local "Shopify admin" page framing the app home; undefined with a real store. */
  adminUrl: string | undefined;
  mode: 'local' | 'store';
  /** Customers the demo login page offers (the seeded ones in local mode). */
  customers: readonly DemoCustomer[];
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const extensionRoot = options.extensionRoot ?? join(ROOT, 'theme-extension');
  const host = options.host ?? '127.0.0.1';

  // The proxy needs this server's own URL (the Admin endpoint is here too), so listen first.
  let handle: (request: Request, clientIp: string) => Promise<Response> = async () =>
    new Response('Starting', { status: 503 });
  const server = createNodeServer((request, clientIp) => handle(request, clientIp));
  let serveApp: (request: Request) => Promise<Response> = async () =>
    new Response('Starting', { status: 503 });
  const appServer = createNodeServer((request) => serveApp(request));
  const port = await listen(server, options.port ?? 3000, host);
  let appPort: number;
  try {
    appPort = await listen(appServer, options.appPort ?? (port === 0 ? 0 : port + 1), host);
  } catch (error) {
    server.close();
    throw error;
  }
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${hostPart}:${port}`;
  const appOrigin = `http://${hostPart}:${appPort}`;
  const cleanups: (() => Promise<void>)[] = [];

  try {
    const settings = demoSettings(
      options.env ?? {},
      origin,
      () => randomBytes(16).toString('hex'),
      appOrigin,
    );
    const env = settings.env;
    const orders = settings.mode === 'local' ? seedOrders(new Date(clock())) : [];
    const customers = uniqueCustomers(orders);
    const shopDomain = settings.mode === 'local' ? DEMO_SHOP : (env.SHOPIFY_SHOP ?? '');
    let local: LocalShopify | undefined;
    let app: App;
    if (settings.mode === 'local') {
      const apiKey = env.SHOPIFY_API_KEY ?? '';
      const apiSecret = env.SHOPIFY_API_SECRET ?? '';
      // Session tokens are checked against the real time (the library's JWT check), so the local
      // Shopify keeps real time even when the demo's pages run on a fixed clock.
      local = createLocalShopify({
        apiKey,
        apiSecret,
        scope: DEMO_SCOPES,
        appUrl: appOrigin,
        webhookUrl: `${appOrigin}/webhooks`,
        // The hand-written orders first (the shopper tests know them), then thousands generated.
        shops: [
          {
            domain: DEMO_SHOP,
            orders: [
              ...orders,
              ...generatedAdminOrders(new Date(clock()), options.generatedOrders ?? 0),
            ],
            installed: true,
            // The storefront is this server; its live theme has the block on the tracking page.
            onlineStore: { primaryUrl: origin, themes: demoThemes() },
          },
        ],
        clock: systemClock,
        fetch: (input, init) => fetch(input, init),
      });
      const stores = await demoStores(clock, logger);
      cleanups.push(stores.close);
      const localApp = createApp(env, { clock, logger, stores: stores.stores });
      app = localApp;
      serveApp = app.fetch;
      // Closing runs backwards from here: the background work stops, the app writes its lookup
      // counts, then the database closes.
      cleanups.unshift(() => localApp.close());
      // As `npm start`: webhook deliveries, the order sync (the backfill starts at install) and the watcher.
      const background = await startBackground(env, {
        stores: stores.stores,
        adminFor: app.adminFor,
        fetch: (input, init) => fetch(input, init),
        clock,
        logger,
      });
      cleanups.unshift(async () => background.stop());
    } else {
      app = createApp(env, { clock, logger });
      serveApp = app.fetch;
    }
    const storefront = createStorefront({
      extensionRoot,
      blockFile: 'track-order.liquid',
      shopName: 'Demo Store',
      shopDomain,
      assetBase: ASSET_BASE,
      locales: LOCALES,
      now: clock,
    });
    // The local Storefront API takes the tokens the app made at install through the local Admin.
    const demoShopify = local;
    const storefrontApi = demoShopify
      ? createStorefrontEmulator({
          accessToken: env.SHOPIFY_STOREFRONT_TOKEN ?? '',
          isValidToken: (token) =>
            demoShopify
              .emulator(DEMO_SHOP)
              .records.storefrontTokens.some((record) => record.accessToken === token),
        })
      : undefined;
    const appProxy = createAppProxy({
      secret: env.SHOPIFY_API_SECRET ?? '',
      shop: shopDomain.trim().toLowerCase(),
      pathPrefix: APP_PROXY_PREFIX,
      upstreamPrefix: '/proxy',
      upstream: app.fetch,
      nowSeconds: () => Math.floor(clock() / 1000),
    });

    handle = async (request, clientIp) => {
      const url = new URL(request.url);
      const { locale, path } = splitLocale(url);
      const customer = customerFrom(request, settings.mode === 'local' ? customers : null);
      const shopper: StorefrontRequest = {
        locale,
        path,
        designMode: url.searchParams.get('design_mode') === '1',
        customer,
      };
      const html = (body: string, status = 200) =>
        new Response(body, {
          status,
          headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
        });

      if (path === APP_PROXY_PREFIX || path.startsWith(`${APP_PROXY_PREFIX}/`)) {
        return appProxy(request, {
          subpath: path.slice(APP_PROXY_PREFIX.length) || '/',
          clientIp,
          customerId: customer?.id ?? null,
          renderLiquid: (source) => storefront.renderProxyPage(shopper, source),
        });
      }
      if (request.method === 'GET' && (path === '/' || path === '/pages/track')) {
        const settingsOverrides: Record<string, string> = {};
        for (const [key, value] of url.searchParams) {
          if (key.startsWith('setting.')) settingsOverrides[key.slice('setting.'.length)] = value;
        }
        return html(
          await storefront.renderPage(shopper, {
            withBlock: url.searchParams.get('noblock') !== '1',
            settings: settingsOverrides,
          }),
        );
      }
      if (path === '/account/login')
        return login(url, customers, settings.mode, storefront, shopper);
      if (path === '/account/logout') {
        return redirect(storefront.rootUrl(locale), `${CUSTOMER_COOKIE}=; Path=/; Max-Age=0`);
      }
      if (url.pathname.startsWith(ASSET_BASE)) {
        return asset(extensionRoot, url.pathname.slice(ASSET_BASE.length));
      }
      const storefrontAnswer = await storefrontApi?.handle(request);
      if (storefrontAnswer) return storefrontAnswer;
      if (local) {
        // The app home loads `${SHOPIFY_CDN_ORIGIN}/shopifycloud/…`; the stand-ins live under /cdn.
        const cdn = url.pathname.startsWith('/shopifycloud/')
          ? new Request(new URL(`/cdn${url.pathname}`, url), request)
          : request;
        const answer = await local.handle(cdn);
        if (answer) return answer;
      }
      if (url.pathname.startsWith('/carriers/')) {
        return (
          (await handleCarrierRequest(request, clock)) ?? new Response('Not found', { status: 404 })
        );
      }
      if (url.pathname.startsWith('/proxy/') || url.pathname === '/healthz') {
        return app.fetch(request);
      }
      return html(await storefront.renderProxyPage(shopper, NOT_FOUND), 404);
    };

    if (local && options.preinstall !== false) {
      await installDemoShop(app, appOrigin, env);
      if (options.watcher) await configureWatcher(app, appOrigin, env);
    }

    return {
      url: origin,
      appUrl: appOrigin,
      adminUrl: local ? `${origin}/admin?shop=${DEMO_SHOP}` : undefined,
      mode: settings.mode,
      customers,
      close: async () => {
        await Promise.all([stopServer(server), stopServer(appServer)]);
        for (const cleanup of cleanups) await cleanup();
      },
    };
  } catch (error) {
    await Promise.all([stopServer(server), stopServer(appServer)]);
    for (const cleanup of cleanups) await cleanup();
    throw error;
  }
}

/** Starts installed: the app exchanges a session token of the demo shop, as on a first open. */
async function installDemoShop(
  app: App,
  appOrigin: string,
  env: Record<string, string | undefined>,
): Promise<void> {
  const token = await mintSessionToken({
    shop: DEMO_SHOP,
    apiKey: env.SHOPIFY_API_KEY ?? '',
    apiSecret: env.SHOPIFY_API_SECRET ?? '',
    clock: systemClock,
  });
  const installed = await app.fetch(
    new Request(`${appOrigin}/api/session`, { headers: { authorization: `Bearer ${token}` } }),
  );
  if (!installed.ok) {
    throw new Error(`the demo shop could not install the app (${installed.status})`);
  }
}

/**
 * What a merchant does for the watcher, done through the app's own interfaces: saves the local
 * carriers' keys and turns write-back on (`PUT /api/settings`, as the Settings page does), and
 * tells the app that workflows use every trigger (`POST /flow/lifecycle`, signed as Flow signs).
 */
async function configureWatcher(
  app: App,
  appOrigin: string,
  env: Record<string, string | undefined>,
): Promise<void> {
  const token = await mintSessionToken({
    shop: DEMO_SHOP,
    apiKey: env.SHOPIFY_API_KEY ?? '',
    apiSecret: env.SHOPIFY_API_SECRET ?? '',
    clock: systemClock,
  });
  const saved = await app.fetch(
    new Request(`${appOrigin}/api/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        carriers: {
          bring: { uid: env.BRING_API_UID ?? '', key: env.BRING_API_KEY ?? '' },
          postnord: { key: env.POSTNORD_API_KEY ?? '' },
          dhl: { key: env.DHL_API_KEY ?? '' },
        },
        writeBack: true,
      }),
    }),
  );
  if (!saved.ok) throw new Error(`the demo shop's watcher settings were refused (${saved.status})`);
  for (const handle of FLOW_TRIGGER_HANDLES) {
    const body = JSON.stringify({
      flow_trigger_definition_id: handle,
      has_enabled_flow: true,
      shopify_domain: DEMO_SHOP,
      timestamp: new Date(systemClock()).toISOString(),
    });
    const hmac = createHmac('sha256', env.SHOPIFY_API_SECRET ?? '')
      .update(body)
      .digest('base64');
    const answer = await app.fetch(
      new Request(`${appOrigin}/flow/lifecycle`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': hmac },
        body,
      }),
    );
    if (!answer.ok) throw new Error(`Flow's lifecycle call was refused (${answer.status})`);
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * The demo's database: PGlite in memory (a fresh install every start, nothing left on disk),
 * migrated (from the snapshot), with pg-boss started in it; tokens sealed with a key made for this run.
 */
async function demoStores(
  clock: Clock,
  logger: AppLogger,
): Promise<{ stores: AppStores & { jobs: JobQueue }; close: () => Promise<void> }> {
  // Loaded from a migrated snapshot (made once, kept in the OS temp dir): initdb is slow.
  const database = wrapPGlite(await freshPGlite());
  const jobs = createJobQueue(database, logger);
  await jobs.start();
  const sealer = createSealer(randomBytes(32));
  const invalidations = createInProcessInvalidationBus();
  return {
    stores: {
      db: database.db,
      repos: createRepositories(database.db, sealer, clock, { invalidations }),
      invalidations,
      sealer,
      jobs,
      ping: database.ping,
    },
    close: async () => {
      await jobs.stop(1000);
      await database.close();
    },
  };
}

const NOT_FOUND =
  '<div class="page-width"><h1 class="main-page-title">404</h1><p>Page not found.</p></div>';

/** Shopify serves other locales under a path prefix (`/nb/...`); `?locale=nb` is the demo's shortcut. */
function splitLocale(url: URL): { locale: string; path: string } {
  const [, first, ...rest] = url.pathname.split('/');
  const prefixed = LOCALES.slice(1).find((l) => l.isoCode === first);
  if (prefixed) return { locale: prefixed.isoCode, path: `/${rest.join('/')}` };
  const asked = url.searchParams.get('locale');
  const known = LOCALES.find((l) => l.isoCode === asked);
  return { locale: known?.isoCode ?? LOCALES[0].isoCode, path: url.pathname };
}

function customerFrom(
  request: Request,
  known: readonly DemoCustomer[] | null,
): DemoCustomer | null {
  const cookie = request.headers.get('cookie') ?? '';
  const id = /(?:^|;\s*)demo_customer=(\d{1,20})(?:;|$)/.exec(cookie)?.[1];
  if (!id) return null;
  if (!known) return { id, firstName: `#${id}` };
  return known.find((c) => c.id === id) ?? null;
}

async function login(
  url: URL,
  customers: readonly DemoCustomer[],
  mode: 'local' | 'store',
  storefront: ReturnType<typeof createStorefront>,
  shopper: StorefrontRequest,
): Promise<Response> {
  const asked = url.searchParams.get('customer') ?? '';
  const returnTo = safeReturn(url.searchParams.get('return_to'));
  const valid =
    /^\d{1,20}$/.test(asked) && (mode === 'store' || customers.some((c) => c.id === asked));
  if (valid) {
    return redirect(returnTo, `${CUSTOMER_COOKIE}=${asked}; Path=/; HttpOnly; SameSite=Lax`);
  }
  const page = await storefront.renderLoginPage(shopper, customers, returnTo);
  return new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** Only same-site paths: an open redirect would be a bad habit even in a demo. */
function safeReturn(value: string | null): string {
  return value && /^\/(?!\/)[^\\]*$/.test(value) ? value : '/';
}

function redirect(location: string, cookie: string): Response {
  return new Response(null, { status: 303, headers: { location, 'set-cookie': cookie } });
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** The extension's assets by bare file name, as Shopify's CDN serves them. */
async function asset(extensionRoot: string, name: string): Promise<Response> {
  const file = decodeURIComponent(name);
  if (!/^[\w][\w.-]*$/.test(file)) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(join(extensionRoot, 'assets', file));
    return new Response(body, {
      headers: {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'public, max-age=300',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

function uniqueCustomers(
  orders: readonly { customer: { legacyResourceId: string; firstName: string } | null }[],
): DemoCustomer[] {
  const byId = new Map<string, DemoCustomer>();
  for (const order of orders) {
    if (order.customer && !byId.has(order.customer.legacyResourceId)) {
      byId.set(order.customer.legacyResourceId, {
        id: order.customer.legacyResourceId,
        firstName: order.customer.firstName,
      });
    }
  }
  return [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
}
