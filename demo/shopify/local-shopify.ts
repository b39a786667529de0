// Everything of the local Shopify in one handler: token endpoint, Admin API per shop, bulk files, the admin page, webhooks to the app.
//
// Routes it answers (anything else gives `null`, so the demo can try its other handlers):
//   POST /admin/oauth/access_token                  token exchange and refresh (oauth.ts)
//   POST /admin/api/2026-10/graphql.json            the shop whose token is sent (fixed token → first shop)
//   /admin/__emulator/*?shop=                       the emulator's fault/state/reset controls
//   GET  /bulk/<n>.jsonl                            bulk operation results
//   /admin, /admin/*, /cdn/shopifycloud/*.js        the local admin page and the CDN stand-ins (admin-frame.ts)
// The app is told: SHOPIFY_API_KEY, SHOPIFY_API_SECRET, SHOPIFY_APP_URL (its own URL) and
// SHOPIFY_API_ORIGIN = this origin (where it sends token requests and Admin GraphQL calls instead
// of https://{shop}).
import type { Clock, Fetch } from '../../src/core/ports.js';
import { createAdminFrame } from '../admin/admin-frame.js';
import { createShopActions } from '../admin/shop-actions.js';
import { type AccessTokens, createAccessTokens } from './access-tokens.js';
import { ADMIN_GRAPHQL_PATH, type AdminEmulator, createAdminEmulator } from './admin-emulator.js';
import { BULK_FILE_PREFIX } from './bulk-operations.js';
import { createOAuthEndpoint, OAUTH_TOKEN_PATH, type OAuthEndpoint } from './oauth.js';
import type { OnlineStoreOptions } from './online-store.js';
import type { SeedOrder } from './seed-types.js';
import { WEBHOOK_TOPICS } from './webhook-payloads.js';
import { createWebhookSender, type WebhookSender } from './webhook-sender.js';

export interface LocalShop {
  /** myshopify.com domain. */
  domain: string;
  orders: SeedOrder[];
  /** Installed at start (the demo starts with its shop installed). */
  installed?: boolean;
  /** The storefront's address and themes, as the Admin API reports them. */
  onlineStore?: OnlineStoreOptions;
}

export interface LocalShopifyOptions {
  apiKey: string;
  apiSecret: string;
  /** Granted scopes, as shopify.app.toml lists them. */
  scope: string;
  /** The app home framed by the admin page. */
  appUrl: string;
  /** Where webhooks go, e.g. `${appUrl}/webhooks`. */
  webhookUrl: string;
  shops: LocalShop[];
  clock: Clock;
  /** Sends webhooks to the app. */
  fetch: Fetch;
  /** A token always accepted for the first shop (the demo's SHOPIFY_ADMIN_TOKEN), if any. */
  fixedAccessToken?: string;
  /** Bulk operation run time; 1.5 s by default. */
  bulkDurationMs?: number;
}

export interface LocalShopify {
  /** The answer, or null when the path is not the local Shopify's. */
  handle(request: Request): Promise<Response | null>;
  tokens: AccessTokens;
  oauth: OAuthEndpoint;
  emulator(shop: string): AdminEmulator;
  senderFor(shop: string): WebhookSender;
  isInstalled(shop: string): boolean;
}

/** How many of a shop's orders (the first) the admin page's forms offer. */
const ADMIN_FORM_ORDERS = 60;

/** Bulk operation numbers per shop start this far apart, so `/bulk/<n>.jsonl` names one shop's file. */
const BULK_ID_STRIDE = 1_000_000;

export function createLocalShopify(options: LocalShopifyOptions): LocalShopify {
  const first = options.shops[0];
  if (!first) throw new Error('createLocalShopify needs at least one shop');
  const firstShop = first.domain;
  const domains = options.shops.map((s) => s.domain);
  const tokens = createAccessTokens(options.clock);
  const senders = new Map<string, WebhookSender>();
  const senderFor = (shop: string) => {
    let sender = senders.get(shop);
    if (!sender) {
      sender = createWebhookSender({
        url: options.webhookUrl,
        apiSecret: options.apiSecret,
        shop,
        fetch: options.fetch,
        clock: options.clock,
      });
      senders.set(shop, sender);
    }
    return sender;
  };
  const installed = (shop: string) => admin.isInstalled(shop);

  const emulators = new Map<string, AdminEmulator>();
  options.shops.forEach((s, i) => {
    emulators.set(
      s.domain,
      createAdminEmulator({
        orders: s.orders,
        accessToken: i === 0 ? options.fixedAccessToken : undefined,
        isValidToken: tokens.isValid,
        shop: s.domain,
        clock: options.clock,
        bulkDurationMs: options.bulkDurationMs,
        bulkFirstId: i * BULK_ID_STRIDE + 1,
        onlineStore: s.onlineStore,
        // Shopify only notifies installed apps.
        onWebhook: (w) => {
          if (installed(s.domain)) void senderFor(s.domain).send(w.topic, w.payload);
        },
      }),
    );
  });
  const emulator = (shop: string) => {
    const e = emulators.get(shop);
    if (!e) throw new Error(`unknown shop ${shop}`);
    return e;
  };
  const ordersOf = (shop: string) => options.shops.find((s) => s.domain === shop)?.orders ?? [];

  const oauth = createOAuthEndpoint({
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    scope: options.scope,
    shops: domains,
    tokens,
    clock: options.clock,
  });
  const admin = createAdminFrame({
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    appUrl: options.appUrl,
    shops: domains,
    installed: options.shops.filter((s) => s.installed ?? true).map((s) => s.domain),
    topics: WEBHOOK_TOPICS,
    // The forms offer the first orders only: a select of thousands helps nobody.
    orders: (shop) =>
      ordersOf(shop)
        .slice(0, ADMIN_FORM_ORDERS)
        .map((o) => ({ key: o.id, label: o.name })),
    actions: createShopActions({ ordersOf, senderFor, tokens, clock: options.clock }),
    clock: options.clock,
  });

  async function handle(request: Request): Promise<Response | null> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path === OAUTH_TOKEN_PATH) return oauth.handle(request);
    if (path === ADMIN_GRAPHQL_PATH) {
      const token = request.headers.get('x-shopify-access-token') ?? '';
      const shop = tokens.shopOf(token) ?? firstShop;
      return emulator(shop).handle(request);
    }
    if (path.startsWith('/admin/__emulator/')) {
      return emulator(url.searchParams.get('shop') ?? firstShop).handle(request);
    }
    if (path.startsWith(BULK_FILE_PREFIX)) {
      const n = Number(/^\/bulk\/(\d+)\.jsonl$/.exec(path)?.[1] ?? Number.NaN);
      const index = Math.floor((n - 1) / BULK_ID_STRIDE);
      const shop = options.shops[index]?.domain;
      return shop ? emulator(shop).handle(request) : new Response('Not Found', { status: 404 });
    }
    if (path === '/admin' || path.startsWith('/admin/') || path.startsWith('/cdn/shopifycloud/')) {
      return admin.handle(request);
    }
    return null;
  }

  return { handle, tokens, oauth, emulator, senderFor, isInstalled: installed };
}
