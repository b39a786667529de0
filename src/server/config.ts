// Settings read from the environment once at start-up; missing or malformed ones stop the start.

import { ConfigError } from '../platform/config-error.js';
import type { RateLimitConfig } from '../platform/rate-limits.js';

export type Env = Record<string, string | undefined>;

export interface ProxyConfig {
  apiSecret: string;
  /** The one store this deployment serves, lower-cased `name.myshopify.com`. */
  shop: string;
  adminToken: string;
  /** Full GraphQL URL replacing Shopify's (emulators, tests); http allowed. */
  adminEndpoint: string | undefined;
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

export const REQUIRED_SETTINGS = [
  'SHOPIFY_API_SECRET',
  'SHOPIFY_SHOP',
  'SHOPIFY_ADMIN_TOKEN',
] as const;

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
  const missing = REQUIRED_SETTINGS.filter((name) => !env[name]);
  const invalid: string[] = [];

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
  const shopDetail =
    env.SHOPIFY_SHOP && !shop
      ? "SHOPIFY_SHOP must be the store's name.myshopify.com domain"
      : undefined;
  if (shopDetail) invalid.push('SHOPIFY_SHOP');

  const port = env.PORT === undefined ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) invalid.push('PORT');

  const endpoint = env.SHOPIFY_ADMIN_ENDPOINT;
  if (endpoint && !isHttpUrl(endpoint)) invalid.push('SHOPIFY_ADMIN_ENDPOINT');

  const config: ProxyConfig = {
    apiSecret: env.SHOPIFY_API_SECRET ?? '',
    shop: shop ?? '',
    adminToken: env.SHOPIFY_ADMIN_TOKEN ?? '',
    adminEndpoint: endpoint,
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
    throw new ConfigError([...missing], invalid.sort(), shopDetail);
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
