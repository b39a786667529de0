// The proxy as one web-standard handler: routing, method checks, JSON errors and one log line per request.
import type { Clock, Logger } from '../core/ports.js';
import type { ProxyConfig } from '../server/config.js';
import { HttpError, httpError } from '../server/http-error.js';
import { MethodNotAllowedError } from './errors/method-not-allowed-error.js';
import { setResponseHeader } from './fast-response.js';
import type { RateLimits } from '../platform/rate-limits.js';
import type { LookupService } from '../lookup/lookup.js';
import type { PageRenderer } from './page/page-renderer.js';
import { splitUrl } from './request/split-url.js';
import type { LogFields, Route } from './routes/context.js';
import { healthz } from '../server/routes/healthz.js';
import { lookup } from '../server/routes/proxy-lookup.js';
import { orders } from '../server/routes/proxy-orders.js';

export interface HandlerDeps {
  config: ProxyConfig;
  service: LookupService;
  limits: RateLimits;
  pages: PageRenderer;
  clock: Clock;
  /** For durations only; wall-clock time comes from `clock`. */
  now: () => number;
  logger: Logger;
  requestId: () => string;
}

export type Handler = (request: Request) => Promise<Response>;

interface RouteEntry {
  name: string;
  methods: readonly string[];
  route: Route;
}

/** Paths under the app proxy URL (default mount `/proxy`); `/healthz` sits at the root. */
const ROUTES: Record<string, RouteEntry> = {
  '/proxy/lookup': { name: 'lookup', methods: ['POST'], route: lookup },
  '/proxy/orders': { name: 'orders', methods: ['GET', 'HEAD'], route: orders },
  '/healthz': { name: 'healthz', methods: ['GET', 'HEAD'], route: healthz },
};

export function createHandler(deps: HandlerDeps): Handler {
  return async (request) => {
    const started = deps.now();
    const requestId = deps.requestId();
    const log: LogFields = {};
    let routeName = 'unknown';
    let response: Response;
    try {
      const { pathname, search } = splitUrl(request.url);
      const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
      const entry = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
      if (!entry) throw httpError('not_found');
      routeName = entry.name;
      if (!entry.methods.includes(request.method)) {
        throw new MethodNotAllowedError(entry.methods);
      }
      response = await entry.route({
        request,
        query: new URLSearchParams(search),
        config: deps.config,
        service: deps.service,
        limits: deps.limits,
        pages: deps.pages,
        clock: deps.clock,
        log,
      });
    } catch (error) {
      const http = toHttpError(error, deps.logger, requestId);
      log.errorCode = http.code;
      response = http.toResponse();
    }
    setResponseHeader(response, 'x-request-id', requestId);
    deps.logger.info({
      requestId,
      method: request.method,
      route: routeName,
      status: response.status,
      durationMs: Math.round((deps.now() - started) * 1000) / 1000,
      shop: log.shop,
      cacheHit: log.cacheHit,
      errorCode: log.errorCode,
    });
    return response;
  };
}

function toHttpError(error: unknown, logger: Logger, requestId: string): HttpError {
  if (error instanceof HttpError) return error;
  // Only the class name goes to the log: a message might quote input. Nothing reaches the shopper.
  const name = error instanceof Error ? error.name : typeof error;
  logger.error({ event: 'unhandled', requestId, name });
  return httpError('internal_error');
}
