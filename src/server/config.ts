// Settings read from the environment once at start-up; missing or malformed ones stop the start.

import { ConfigError } from '../platform/config-error.js';
import type { RateLimitConfig } from '../platform/rate-limits.js';

export type Env = Record<string, string | undefined>;

/** Custom-app mode: one store whose Admin token is a setting; no install, no session tokens. */
export interface CustomAppConfig {
  /** Lower-cased `name.myshopify.com`. */
  shop: string;
  adminToken: string;
  /** Full GraphQL URL replacing Shopify's (emulators, tests); http allowed. */
  adminEndpoint: string | undefined;
}

/** App mode: any store installs the app from the admin; tokens come from token exchange. */
export interface AppModeConfig {
  /** `SHOPIFY_API_KEY`: the app's client id (also the `aud` of session tokens). Not secret. */
  apiKey: string;
  /** `SHOPIFY_APP_URL`: where Shopify reaches this app (https; http only for localhost). */
  appUrl: string;
}

export interface ProxyConfig {
  /** `SHOPIFY_API_SECRET`: signs app-proxy queries, session tokens and webhooks in both modes. */
  apiSecret: string;
  /** Set when SHOPIFY_SHOP and SHOPIFY_ADMIN_TOKEN are. */
  custom: CustomAppConfig | undefined;
  /** Set when SHOPIFY_API_KEY and SHOPIFY_APP_URL are. */
  app: AppModeConfig | undefined;
  /** `SHOPIFY_API_ORIGIN`: replaces `https://{shop}` in every call to Shopify (emulators, tests). */
  apiOrigin: string | undefined;
  /** `SHOPIFY_CDN_ORIGIN`: where the app home loads App Bridge and Polaris from. */
  cdnOrigin: string;
  /** `FRAME_ANCESTORS_EXTRA`: more origins allowed to frame the app home (the demo's admin). */
  frameAncestorsExtra: string[];
  limits: RateLimitConfig;
  cacheTtlSeconds: number;
  cacheMaxEntries: number;
  /** Total time an Admin lookup may take, retries included. */
  upstreamBudgetMs: number;
  /** Time given to carriers' live tracking before the view goes out with Shopify's data only. */
  carrierBudgetMs: number;
  /** Where the server listens: default 0.0.0.0:3000 (reachable in a container). */
  port: number;
  host: string;
}

/** Needed in every mode. */
export const REQUIRED_SETTINGS = ['SHOPIFY_API_SECRET'] as const;
/** Either group completes the settings; both may be set (a custom-app store beside installable ones). */
export const CUSTOM_APP_SETTINGS = ['SHOPIFY_SHOP', 'SHOPIFY_ADMIN_TOKEN'] as const;
export const APP_MODE_SETTINGS = ['SHOPIFY_API_KEY', 'SHOPIFY_APP_URL'] as const;

export const DEFAULT_CDN_ORIGIN = 'https://cdn.shopify.com';

/** Defaults sized for a busy store; every one can be changed by the environment variable named. */
export const NUMERIC_DEFAULTS = {
  RATE_LIMIT_IP_POINTS: 30,
  RATE_LIMIT_IP_WINDOW_S: 60,
  RATE_LIMIT_ORDER_FAILURES: 5,
  RATE_LIMIT_ORDER_WINDOW_S: 900,
  RATE_LIMIT_ORDER_BLOCK_S: 900,
  RATE_LIMIT_ORDER_GLOBAL_FAILURES: 100,
  RATE_LIMIT_SHOP_POINTS: 20,
  RATE_LIMIT_SHOP_WINDOW_S: 1,
  LOOKUP_CACHE_TTL_S: 60,
  LOOKUP_CACHE_MAX: 5000,
  UPSTREAM_BUDGET_MS: 8000,
  CARRIER_BUDGET_MS: 2500,
} as const;
type NumericSetting = keyof typeof NUMERIC_DEFAULTS;

/** The environment with blank variables dropped: an empty variable counts as unset. */
export function withoutBlanks(raw: Env): Env {
  const env: Env = {};
  for (const [name, value] of Object.entries(raw)) {
    const trimmed = value?.trim();
    if (trimmed) env[name] = trimmed;
  }
  return env;
}

export function loadProxyConfig(raw: Env): ProxyConfig {
  const env = withoutBlanks(raw);
  const missing: string[] = REQUIRED_SETTINGS.filter((name) => !env[name]);
  const invalid: string[] = [];
  const details: string[] = [];
  // A group counts as chosen once any of its settings is set; then all of it is needed.
  const customChosen = CUSTOM_APP_SETTINGS.some((name) => env[name]);
  const appChosen = APP_MODE_SETTINGS.some((name) => env[name]);
  if (customChosen) missing.push(...CUSTOM_APP_SETTINGS.filter((name) => !env[name]));
  if (appChosen) missing.push(...APP_MODE_SETTINGS.filter((name) => !env[name]));
  if (!customChosen && !appChosen) {
    missing.push(...APP_MODE_SETTINGS);
    details.push(
      'set SHOPIFY_API_KEY and SHOPIFY_APP_URL (app mode) or SHOPIFY_SHOP and SHOPIFY_ADMIN_TOKEN (custom-app mode)',
    );
  }

  const num = (name: NumericSetting): number => {
    const text = env[name];
    if (!text) return NUMERIC_DEFAULTS[name];
    const value = Number(text);
    if (!Number.isInteger(value) || value <= 0) {
      invalid.push(name);
      return NUMERIC_DEFAULTS[name];
    }
    return value;
  };

  const shop = normaliseShop(env.SHOPIFY_SHOP ?? '');
  if (env.SHOPIFY_SHOP && !shop) {
    invalid.push('SHOPIFY_SHOP');
    details.push("SHOPIFY_SHOP must be the store's name.myshopify.com domain");
  }

  const appUrl = env.SHOPIFY_APP_URL;
  if (appUrl && !isAppUrl(appUrl)) {
    invalid.push('SHOPIFY_APP_URL');
    details.push('SHOPIFY_APP_URL must be an https URL (http only for localhost)');
  }
  const apiOrigin = env.SHOPIFY_API_ORIGIN;
  const origin = apiOrigin ? asOrigin(apiOrigin) : undefined;
  if (apiOrigin && !origin) {
    invalid.push('SHOPIFY_API_ORIGIN');
    details.push(
      'SHOPIFY_API_ORIGIN must be an origin such as http://127.0.0.1:8080, without a path',
    );
  }
  const cdn = env.SHOPIFY_CDN_ORIGIN;
  const cdnOrigin = cdn ? asOrigin(cdn) : DEFAULT_CDN_ORIGIN;
  if (!cdnOrigin) invalid.push('SHOPIFY_CDN_ORIGIN');
  const extra = (env.FRAME_ANCESTORS_EXTRA ?? '').split(/[\s,]+/).filter(Boolean);
  const extraOrigins = extra.map(asOrigin);
  if (extraOrigins.some((o) => !o)) invalid.push('FRAME_ANCESTORS_EXTRA');

  const port = env.PORT === undefined ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) invalid.push('PORT');

  const endpoint = env.SHOPIFY_ADMIN_ENDPOINT;
  if (endpoint && !isHttpUrl(endpoint)) invalid.push('SHOPIFY_ADMIN_ENDPOINT');

  const config: ProxyConfig = {
    apiSecret: env.SHOPIFY_API_SECRET ?? '',
    custom:
      shop && env.SHOPIFY_ADMIN_TOKEN
        ? { shop, adminToken: env.SHOPIFY_ADMIN_TOKEN, adminEndpoint: endpoint }
        : undefined,
    app:
      env.SHOPIFY_API_KEY && appUrl
        ? { apiKey: env.SHOPIFY_API_KEY, appUrl: appUrl.replace(/\/+$/, '') }
        : undefined,
    apiOrigin: origin,
    cdnOrigin: cdnOrigin ?? DEFAULT_CDN_ORIGIN,
    frameAncestorsExtra: extraOrigins.filter((o): o is string => o !== undefined),
    limits: {
      ipPoints: num('RATE_LIMIT_IP_POINTS'),
      ipWindowSeconds: num('RATE_LIMIT_IP_WINDOW_S'),
      orderFailures: num('RATE_LIMIT_ORDER_FAILURES'),
      orderWindowSeconds: num('RATE_LIMIT_ORDER_WINDOW_S'),
      orderBlockSeconds: num('RATE_LIMIT_ORDER_BLOCK_S'),
      orderGlobalFailures: num('RATE_LIMIT_ORDER_GLOBAL_FAILURES'),
      shopPoints: num('RATE_LIMIT_SHOP_POINTS'),
      shopWindowSeconds: num('RATE_LIMIT_SHOP_WINDOW_S'),
    },
    cacheTtlSeconds: num('LOOKUP_CACHE_TTL_S'),
    cacheMaxEntries: num('LOOKUP_CACHE_MAX'),
    upstreamBudgetMs: num('UPSTREAM_BUDGET_MS'),
    carrierBudgetMs: num('CARRIER_BUDGET_MS'),
    port,
    host: env.HOST ?? '0.0.0.0',
  };
  if (missing.length || invalid.length) {
    throw new ConfigError(
      [...new Set(missing)],
      invalid.sort(),
      details.length ? details.join('; ') : undefined,
    );
  }
  return config;
}

/** `https://Name.myshopify.com/` → `name.myshopify.com`; undefined when it is not a `*.myshopify.com` host. */
export function normaliseShop(input: string): string | undefined {
  const host = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
  return /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(host) ? host : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** https anywhere; http only for localhost (the CLI's tunnel-less dev and tests). */
function isAppUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** `http(s)://host[:port]` with nothing after it (a trailing slash is allowed), as its origin. */
export function asOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.pathname !== '/' || url.search || url.hash || url.username) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}
