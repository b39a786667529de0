// GET /: the app home Shopify's admin frames — an HTML shell loading App Bridge, Polaris and the admin UI.
import { existsSync } from 'node:fs';
import type { Context } from 'hono';
import type { ProxyConfig } from '../config.js';
import { normaliseShop } from '../config.js';
import type { AppEnv } from '../context.js';
import strings from '../page/admin-locales/en.json' with { type: 'json' };
import { escapeHtml } from '../page/escape.js';

/** The home's own small script: asks `/api/session` (App Bridge adds the session token). */
export const HOME_SCRIPT_PATH = '/app-home.js';

/**
 * Calling `/api/session` on load is what installs a new shop (the first call exchanges the
 * session token); the answer marks `#app` with the shop for the admin UI and tests.
 */
const HOME_SCRIPT = `fetch('/api/session').then((r) => (r.ok ? r.json() : null)).then((s) => {
  const app = document.getElementById('app');
  if (app && s && typeof s.shop === 'string') {
    app.dataset.shop = s.shop;
    app.dataset.needsReauthorisation = String(s.needsReauthorisation === true);
  }
});
`;

/** GET /app-home.js */
export function homeScript(): Response {
  return new Response(HOME_SCRIPT, {
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    },
  });
}

/** The admin UI's bundle, served from `dist/admin/` at `/admin-assets/` when it has been built. */
export const ADMIN_BUNDLE_PATH = '/admin-assets/admin.js';
/** Its stylesheet (vite.admin.config.ts builds it beside the bundle). */
export const ADMIN_STYLESHEET_PATH = '/admin-assets/admin.css';

export interface HomeOptions {
  /** Whether the admin UI bundle exists; checked once at start. */
  hasAdminBundle: boolean;
}

/** Whether `dist/admin/admin.js` exists relative to the working directory. */
export function adminBundleBuilt(dir = 'dist/admin'): boolean {
  return existsSync(`${dir}/admin.js`);
}

/**
 * `frame-ancestors`: the shop named by the `shop` query parameter only when it is a valid
 * `*.myshopify.com` domain (anything else is left out, never echoed), Shopify's unified admin, and
 * the extra origins of `FRAME_ANCESTORS_EXTRA` (the demo's local admin).
 */
export function frameAncestors(shopParam: string | undefined, extra: readonly string[]): string {
  const shop = shopParam ? normaliseShop(shopParam) : undefined;
  const exact = shop && shopParam?.trim().toLowerCase() === shop ? shop : undefined;
  return ['frame-ancestors', exact && `https://${exact}`, 'https://admin.shopify.com', ...extra]
    .filter(Boolean)
    .join(' ');
}

/** The page: only the public API key (what App Bridge needs); no secret, no shop data. */
export function renderHome(config: ProxyConfig, options: HomeOptions): string {
  const apiKey = escapeHtml(config.app?.apiKey ?? '');
  const cdn = escapeHtml(config.cdnOrigin);
  const bundle = options.hasAdminBundle
    ? `<link rel="stylesheet" href="${ADMIN_STYLESHEET_PATH}">\n<script type="module" src="${ADMIN_BUNDLE_PATH}"></script>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="shopify-api-key" content="${apiKey}">
<title>${escapeHtml(strings.home.title)}</title>
<script src="${cdn}/shopifycloud/app-bridge.js"></script>
<script src="${cdn}/shopifycloud/polaris.js"></script>
<script src="${HOME_SCRIPT_PATH}" defer></script>
${bundle}
</head>
<body>
<div id="app">
<h1>${escapeHtml(strings.home.heading)}</h1>
<p>${escapeHtml(strings.home.note)}</p>
</div>
</body>
</html>
`;
}

export function home(config: ProxyConfig, options: HomeOptions) {
  const page = renderHome(config, options);
  return (c: Context<AppEnv>): Response =>
    new Response(page, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': frameAncestors(c.req.query('shop'), config.frameAncestorsExtra),
        'x-content-type-options': 'nosniff',
      },
    });
}
