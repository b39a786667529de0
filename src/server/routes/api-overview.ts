// GET /api/overview?from&to: the status board's counts for the session's shop. Also mounts every
// overview route (overview, shipments, CSV, carriers, analytics) under /api; the settings are
// mounted with the watcher's (api-settings.ts).
import { type Context, Hono } from 'hono';
import { overviewCounts } from '../../overview/counts.js';
import { DateRangeSchema } from '../../overview/filters.js';
import type { AppEnv } from '../context.js';
import { httpError } from '../http-error.js';
import { jsonResponse } from '../responses.js';
import { apiAnalytics } from './api-analytics.js';
import { apiCarriers } from './api-carriers.js';
import { type ApiEnv, type OverviewRouteDeps, overviewScope, parseQuery } from './api-shared.js';
import { apiShipments, apiShipmentsCsv } from './api-shipments.js';

export function apiOverview(deps: OverviewRouteDeps) {
  return async (c: Context<ApiEnv>): Promise<Response> => {
    const range = parseQuery(c, DateRangeSchema);
    const scope = await overviewScope(c, deps);
    const { counts, oldestUnfulfilledAt } = await overviewCounts(deps.db, scope, range);
    return jsonResponse({ counts, oldestUnfulfilledAt, timeZone: scope.timeZone });
  };
}

/**
 * Mounts the overview's JSON API under `/api`. The `/api/*` session-token middleware must run
 * before these routes and set `shop`; a request without it is refused, never served.
 */
export function mountOverviewRoutes(app: Hono<AppEnv>, deps: OverviewRouteDeps): void {
  const api = new Hono<ApiEnv>({ strict: false });
  const route = (
    method: 'GET',
    path: string,
    name: string,
    handler: (c: Context<ApiEnv>) => Promise<Response>,
  ) => {
    api.on(method, path, (c) => {
      c.get('fields').route = name;
      return handler(c);
    });
  };
  route('GET', '/overview', 'api-overview', apiOverview(deps));
  route('GET', '/shipments.csv', 'api-shipments-csv', apiShipmentsCsv(deps));
  route('GET', '/shipments', 'api-shipments', apiShipments(deps));
  route('GET', '/carriers', 'api-carriers', apiCarriers(deps));
  route('GET', '/analytics', 'api-analytics', apiAnalytics(deps));
  for (const path of ['/overview', '/shipments.csv', '/shipments', '/carriers', '/analytics'])
    api.all(path, () => {
      throw httpError('method_not_allowed', { allow: ['GET', 'HEAD'] });
    });
  app.route('/api', api);
}
