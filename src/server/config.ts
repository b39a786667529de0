// Proxy settings read from the environment once at start-up; missing or malformed ones stop the start.
import { ConfigError } from './config-error.js';

export interface RateLimitConfig {
  /** Requests per shopper IP per window. */
  ipPoints: number;
  ipWindowSeconds: number;
  /** Failed lookups (unknown order or wrong email) allowed per order number per window... */
  orderFailures: number;
  orderWindowSeconds: number;
  /** ...after which the order number is locked this long. */
  orderBlockSeconds: number;
  /** Admin API calls per shop per window (cache hits are free). */
  shopPoints: number;
  shopWindowSeconds: number;
}

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
  RATE_LIMIT_SHOP_POINTS: 20,
  RATE_LIMIT_SHOP_WINDOW_S: 1,
  LOOKUP_CACHE_TTL_S: 60,
  LOOKUP_CACHE_MAX: 5000,
  UPSTREAM_BUDGET_MS: 8000,
  CARRIER_BUDGET_MS: 2500,
} as const;
type NumericSetting = keyof typeof NUMERIC_DEFAULTS;

export function loadProxyConfig(env: Record<string, string | undefined>): ProxyConfig {
  const missing = REQUIRED_SETTINGS.filter((name) => !env[name]?.trim());
  const invalid: string[] = [];

  const num = (name: NumericSetting): number => {
    const raw = env[name]?.trim();
    if (!raw) return NUMERIC_DEFAULTS[name];
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) {
      invalid.push(name);
      return NUMERIC_DEFAULTS[name];
    }
    return value;
  };

  const shop = normaliseShop(env.SHOPIFY_SHOP ?? '');
  if (env.SHOPIFY_SHOP?.trim() && !shop) invalid.push('SHOPIFY_SHOP');

  const endpoint = env.SHOPIFY_ADMIN_ENDPOINT?.trim() || undefined;
  if (endpoint && !isHttpUrl(endpoint)) invalid.push('SHOPIFY_ADMIN_ENDPOINT');

  const config: ProxyConfig = {
    apiSecret: env.SHOPIFY_API_SECRET?.trim() ?? '',
    shop: shop ?? '',
    adminToken: env.SHOPIFY_ADMIN_TOKEN?.trim() ?? '',
    adminEndpoint: endpoint,
    limits: {
      ipPoints: num('RATE_LIMIT_IP_POINTS'),
      ipWindowSeconds: num('RATE_LIMIT_IP_WINDOW_S'),
      orderFailures: num('RATE_LIMIT_ORDER_FAILURES'),
      orderWindowSeconds: num('RATE_LIMIT_ORDER_WINDOW_S'),
      orderBlockSeconds: num('RATE_LIMIT_ORDER_BLOCK_S'),
      shopPoints: num('RATE_LIMIT_SHOP_POINTS'),
      shopWindowSeconds: num('RATE_LIMIT_SHOP_WINDOW_S'),
    },
    cacheTtlSeconds: num('LOOKUP_CACHE_TTL_S'),
    cacheMaxEntries: num('LOOKUP_CACHE_MAX'),
    upstreamBudgetMs: num('UPSTREAM_BUDGET_MS'),
    carrierBudgetMs: num('CARRIER_BUDGET_MS'),
  };
  if (missing.length || invalid.length) throw new ConfigError([...missing], invalid.sort());
  return config;
}

/** `https://Name.myshopify.com/` → `name.myshopify.com`; undefined when it is not a bare host. */
export function normaliseShop(input: string): string | undefined {
  const host = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
  return /^[a-z0-9][a-z0-9.-]*[a-z0-9](:\d+)?$/.test(host) ? host : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
