// What every route gets: the request, its query, the services, and the fields of the request's log line.

import type { Clock } from '../../core/ports.js';
import type { ProxyConfig } from '../../server/config.js';
import type { RateLimits } from '../../platform/rate-limits.js';
import type { LookupService } from '../../lookup/lookup.js';
import type { PageRenderer } from '../page/page-renderer.js';

export interface LogFields {
  shop?: string;
  cacheHit?: boolean;
  errorCode?: string;
}

export interface RouteContext {
  request: Request;
  /** The request URL's query (its signature is checked against it). */
  query: URLSearchParams;
  config: ProxyConfig;
  service: LookupService;
  limits: RateLimits;
  pages: PageRenderer;
  clock: Clock;
  log: LogFields;
}

export type Route = (ctx: RouteContext) => Promise<Response>;
