// The local "Shopify admin": a page framing the app home, install/uninstall, a webhook sender form, session tokens, and the CDN stand-ins.
//
// Routes (all GET unless said), mounted on the demo origin:
//   /admin?shop=…                    the admin page; frames `{appUrl}/?shop&host&embedded=1&id_token`
//   POST /admin/install              form `shop`: installs (Shopify's managed install), back to /admin
//   POST /admin/uninstall            form `shop`: revokes the shop's tokens, runs onUninstall
//   POST /admin/webhooks             form `shop`, `topic`, `order`, optional `payload` (JSON)
//   POST /admin/orders               form `shop`, `order`, `action` (ship | deliver | cancel)
//   /admin/session-token?shop&client_id  `{token}`: a fresh session token, CORS-open to the app origin
//   /cdn/shopifycloud/app-bridge.js, /cdn/shopifycloud/polaris.js   the stand-in scripts
// The page is a stand-in for Shopify's own admin, not part of the app, so its few English strings
// live here rather than in the app's locale files.
import { readFileSync } from 'node:fs';
import type { Clock } from '../../src/core/ports.js';
import { mintSessionToken } from '../shopify/session-token.js';

export const ADMIN_PAGE_PATH = '/admin';
export const SESSION_TOKEN_PATH = '/admin/session-token';
export const APP_BRIDGE_PATH = '/cdn/shopifycloud/app-bridge.js';
export const POLARIS_PATH = '/cdn/shopifycloud/polaris.js';

export type OrderAction = 'ship' | 'deliver' | 'cancel';

/** What the admin page's forms do; the demo wires these to order-actions and the webhook sender. */
export interface AdminActions {
  /** Sends `topic` for `shop`; `payload` replaces the sample built from `orderKey` when given. */
  sendWebhook(shop: string, topic: string, orderKey: string, payload: unknown): Promise<string>;
  orderAction(shop: string, orderKey: string, action: OrderAction): Promise<string>;
  /** After uninstall (revoke tokens, send `app/uninstalled`). */
  onUninstall(shop: string): Promise<void>;
  onInstall?(shop: string): Promise<void>;
}

export interface AdminFrameOptions {
  apiKey: string;
  apiSecret: string;
  /** The app home, e.g. `http://127.0.0.1:3001` (shopify.app.toml `application_url`). */
  appUrl: string;
  /** The demo shops; the first is shown by default. */
  shops: readonly string[];
  /** Shops installed at start ("starting with the demo shop installed"). */
  installed?: readonly string[];
  topics: readonly string[];
  /** The shop's orders offered in the forms: key (gid) and label (`#1001`). */
  orders: (shop: string) => ReadonlyArray<{ key: string; label: string }>;
  actions: AdminActions;
  clock: Clock;
}

export interface AdminFrame {
  handle(request: Request): Promise<Response>;
  isInstalled(shop: string): boolean;
  /** Session tokens minted by `/admin/session-token` and the page (for tests). */
  readonly tokensMinted: number;
}

const SCRIPTS: Record<string, string> = {
  [APP_BRIDGE_PATH]: readFileSync(new URL('./app-bridge.js', import.meta.url), 'utf8'),
  [POLARIS_PATH]: readFileSync(new URL('./polaris.js', import.meta.url), 'utf8'),
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const errorJson = (status: number, code: string, message: string, headers: HeadersInit = {}) =>
  Response.json({ error: { code, message } }, { status, headers });

/** Shopify's `host` parameter: base64 of the admin URL of the store, without padding. */
export function hostParam(shop: string): string {
  const store = shop.replace(/\.myshopify\.com$/, '');
  return Buffer.from(`admin.shopify.com/store/${store}`).toString('base64').replace(/=+$/, '');
}

export function createAdminFrame(options: AdminFrameOptions): AdminFrame {
  const installed = new Set(options.installed ?? []);
  const appOrigin = new URL(options.appUrl).origin;
  let minted = 0;

  const mint = (shop: string) => {
    minted += 1;
    return mintSessionToken({
      shop,
      apiKey: options.apiKey,
      apiSecret: options.apiSecret,
      clock: options.clock,
    });
  };

  const knownShop = (value: string | null | undefined) =>
    value && options.shops.includes(value) ? value : null;

  const back = (shop: string, notice: string) =>
    new Response(null, {
      status: 303,
      headers: {
        location: `${ADMIN_PAGE_PATH}?shop=${encodeURIComponent(shop)}&notice=${encodeURIComponent(notice)}`,
      },
    });

  async function page(url: URL): Promise<Response> {
    const shop = knownShop(url.searchParams.get('shop')) ?? options.shops[0] ?? '';
    const notice = url.searchParams.get('notice');
    const isIn = installed.has(shop);
    let frame = `<p>The app is not installed on ${esc(shop)}.</p>`;
    if (isIn) {
      const src = new URL(options.appUrl);
      src.searchParams.set('shop', shop);
      src.searchParams.set('host', hostParam(shop));
      src.searchParams.set('embedded', '1');
      src.searchParams.set('id_token', await mint(shop));
      frame = `<iframe id="app-frame" title="App" src="${esc(src.toString())}"></iframe>`;
    }
    const options_ = (items: ReadonlyArray<{ key: string; label: string }>) =>
      items.map((i) => `<option value="${esc(i.key)}">${esc(i.label)}</option>`).join('');
    const orders = options_(options.orders(shop));
    const shopLinks = options.shops
      .map(
        (s) =>
          `<a href="${ADMIN_PAGE_PATH}?shop=${encodeURIComponent(s)}"${s === shop ? ' aria-current="page"' : ''}>${esc(s)}</a>`,
      )
      .join(' ');
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local Shopify admin: ${esc(shop)}</title>
<style>
  body { margin: 0; font: 14px/1.4 system-ui, sans-serif; display: grid; grid-template-columns: 16rem 1fr; min-height: 100vh; }
  aside { background: #1a1a1a; color: #eee; padding: 1rem; } aside a { color: #9cf; }
  aside form { margin: 0 0 1rem; display: grid; gap: .25rem; } aside label { display: grid; gap: .125rem; }
  main { display: grid; grid-template-rows: auto 1fr; } .notice { padding: .5rem 1rem; border-bottom: 1px solid #ddd; }
  iframe { border: 0; width: 100%; height: 100%; min-height: 80vh; } textarea { min-height: 4rem; }
  @media (max-width: 700px) { body { grid-template-columns: 1fr; } }
</style></head>
<body>
<aside aria-label="Local Shopify admin">
  <h1>Local Shopify admin</h1>
  <nav aria-label="Shops">${shopLinks}</nav>
  <p>${esc(shop)}: ${isIn ? 'app installed' : 'app not installed'}</p>
  <form method="post" action="${ADMIN_PAGE_PATH}/${isIn ? 'uninstall' : 'install'}">
    <input type="hidden" name="shop" value="${esc(shop)}">
    <button type="submit">${isIn ? 'Uninstall app' : 'Install app'}</button>
  </form>
  <form method="post" action="${ADMIN_PAGE_PATH}/orders">
    <h2>Change an order</h2>
    <input type="hidden" name="shop" value="${esc(shop)}">
    <label>Order <select name="order">${orders}</select></label>
    <label>Action <select name="action"><option value="ship">Ship (with tracking)</option><option value="deliver">Mark delivered</option><option value="cancel">Cancel</option></select></label>
    <button type="submit">Apply</button>
  </form>
  <form method="post" action="${ADMIN_PAGE_PATH}/webhooks">
    <h2>Send a webhook</h2>
    <input type="hidden" name="shop" value="${esc(shop)}">
    <label>Topic <select name="topic">${options_(options.topics.map((t) => ({ key: t, label: t })))}</select></label>
    <label>About order <select name="order">${orders}</select></label>
    <label>Payload (JSON, optional) <textarea name="payload"></textarea></label>
    <button type="submit">Send</button>
  </form>
</aside>
<main>
  <div class="notice" role="status">${notice ? esc(notice) : ''}</div>
  ${frame}
</main>
</body></html>`;
    return new Response(html, {
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
  }

  async function form(request: Request): Promise<URLSearchParams | null> {
    try {
      return new URLSearchParams(await request.text());
    } catch {
      return null;
    }
  }

  async function post(path: string, request: Request): Promise<Response> {
    const body = await form(request);
    const shop = knownShop(body?.get('shop'));
    if (!body || !shop) return errorJson(400, 'unknown_shop', 'The form names no known shop.');
    const order = body.get('order') ?? '';
    try {
      if (path === '/admin/install') {
        installed.add(shop);
        await options.actions.onInstall?.(shop);
        return back(shop, 'App installed.');
      }
      if (path === '/admin/uninstall') {
        installed.delete(shop);
        await options.actions.onUninstall(shop);
        return back(shop, 'App uninstalled.');
      }
      if (path === '/admin/webhooks') {
        const topic = body.get('topic') ?? '';
        if (!options.topics.includes(topic))
          return errorJson(400, 'unknown_topic', 'Unknown webhook topic.');
        const raw = body.get('payload')?.trim() ?? '';
        let payload: unknown = null;
        if (raw !== '') {
          try {
            payload = JSON.parse(raw);
          } catch {
            return errorJson(400, 'bad_payload', 'The payload is not valid JSON.');
          }
        }
        return back(shop, await options.actions.sendWebhook(shop, topic, order, payload));
      }
      if (path === '/admin/orders') {
        const action = body.get('action');
        if (action !== 'ship' && action !== 'deliver' && action !== 'cancel') {
          return errorJson(400, 'unknown_action', 'Action must be ship, deliver or cancel.');
        }
        return back(shop, await options.actions.orderAction(shop, order, action));
      }
    } catch (error) {
      return back(shop, `Failed: ${(error as Error).message}`);
    }
    return errorJson(404, 'not_found', 'No such admin page.');
  }

  async function sessionToken(url: URL, request: Request): Promise<Response> {
    const origin = request.headers.get('origin');
    const cors: Record<string, string> = { 'cache-control': 'no-store', vary: 'Origin' };
    if (origin === appOrigin) cors['access-control-allow-origin'] = appOrigin;
    const shop = knownShop(url.searchParams.get('shop'));
    if (!shop) return errorJson(400, 'unknown_shop', 'Unknown shop.', cors);
    if (url.searchParams.get('client_id') !== options.apiKey) {
      return errorJson(
        400,
        'wrong_api_key',
        'client_id does not match the app (meta shopify-api-key).',
        cors,
      );
    }
    if (!installed.has(shop))
      return errorJson(403, 'not_installed', 'The app is not installed on this shop.', cors);
    return Response.json({ token: await mint(shop) }, { headers: cors });
  }

  return {
    isInstalled: (shop) => installed.has(shop),
    get tokensMinted() {
      return minted;
    },
    async handle(request) {
      const url = new URL(request.url);
      const path = url.pathname.replace(/\/$/, '') || '/';
      const script = SCRIPTS[path];
      if (script !== undefined && request.method === 'GET') {
        return new Response(script, {
          headers: {
            'content-type': 'text/javascript; charset=utf-8',
            'cache-control': 'no-cache',
            'access-control-allow-origin': '*',
          },
        });
      }
      if (request.method === 'GET' && path === ADMIN_PAGE_PATH) return page(url);
      if (request.method === 'GET' && path === SESSION_TOKEN_PATH)
        return sessionToken(url, request);
      if (request.method === 'POST') return post(path, request);
      return errorJson(404, 'not_found', 'No such admin page.');
    },
  };
}
