// The one-process demo: storefront, local app proxy, the real proxy, a local Admin API and carrier endpoints.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Clock, systemClock } from '../src/core/ports.js';
import { type AppLogger, createLogger } from '../src/platform/logger.js';
import { createApp } from '../src/server/app.js';
import { createAppProxy } from './app-proxy.js';
import { handleCarrierRequest } from './carrier-endpoints.js';
import { demoSettings } from './env.js';
import { createNodeServer } from './node-http.js';
import { createAdminEmulator } from './shopify/admin-emulator.js';
import { seedOrders } from './shopify/seed-orders.js';
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

export interface DemoOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Settings as the environment gives them; SHOPIFY_SHOP + SHOPIFY_ADMIN_TOKEN switch to a real store. */
  env?: Record<string, string | undefined>;
  clock?: Clock;
  logger?: AppLogger;
  /** The theme app extension to render; the project's own by default. */
  extensionRoot?: string;
}

export interface Demo {
  url: string;
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  try {
    const settings = demoSettings(options.env ?? {}, origin, () => randomBytes(16).toString('hex'));
    const env = settings.env;
    const orders = settings.mode === 'local' ? seedOrders(new Date(clock())) : [];
    const customers = uniqueCustomers(orders);
    const emulator =
      settings.mode === 'local'
        ? createAdminEmulator({ orders, accessToken: env.SHOPIFY_ADMIN_TOKEN ?? '', clock })
        : undefined;
    const storefrontApi =
      emulator && createStorefrontEmulator({ accessToken: env.SHOPIFY_STOREFRONT_TOKEN ?? '' });
    const app = createApp(env, { clock, logger });
    const storefront = createStorefront({
      extensionRoot,
      blockFile: 'track-order.liquid',
      shopName: 'Demo Store',
      shopDomain: env.SHOPIFY_SHOP ?? '',
      assetBase: ASSET_BASE,
      locales: LOCALES,
      now: clock,
    });
    const appProxy = createAppProxy({
      secret: env.SHOPIFY_API_SECRET ?? '',
      shop: (env.SHOPIFY_SHOP ?? '').trim().toLowerCase(),
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
      if (emulator && url.pathname.startsWith('/admin/')) return emulator.handle(request);
      const storefrontAnswer = await storefrontApi?.handle(request);
      if (storefrontAnswer) return storefrontAnswer;
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

    return {
      url: origin,
      mode: settings.mode,
      customers,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  } catch (error) {
    server.close();
    throw error;
  }
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
