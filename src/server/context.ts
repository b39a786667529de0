// What the app's middleware gives every route: the request's logger and the fields of its log line.
import type { Clock } from '../core/ports.js';
import type { Lookup } from '../lookup/lookup.js';
import type { AppLogger } from '../platform/logger.js';
import type { RateLimits } from '../platform/rate-limits.js';
import type { Recommendations } from '../recommendations/recommend.js';
import type { ProxyConfig } from './config.js';

export interface LogFields {
  route?: string;
  shop?: string;
  cacheHit?: boolean;
  errorCode?: string;
}

/** Hono's per-request variables. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** Child logger carrying `requestId` (and `shop` once the signature is checked). */
    log: AppLogger;
    fields: LogFields;
    /** `/api/*` only: the shop from the verified session token's `dest`. */
    shop: string;
    /** `/api/*` only: the verified session token itself (for a token exchange). */
    sessionToken: string;
  };
}

/** What the proxy routes need besides the request. */
export interface RouteDeps {
  config: ProxyConfig;
  /** Custom-app only mode: the one shop a proxy signature may name; undefined = any installed shop. */
  expectedShop: string | undefined;
  lookup: Lookup;
  limits: RateLimits;
  clock: Clock;
  /** Storefront picks shown under a tracked order (GET /proxy/recommendations, the no-JS page). */
  recommendations: Recommendations;
  /** The shop's IANA time zone when known (start-up shop query, or the shops table). */
  shopTimeZone: (shop: string) => string | undefined;
}
