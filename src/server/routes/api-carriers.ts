// GET /api/carriers?from&to: per carrier and destination, shipments, transit days, on-time and exception shares.
import type { Context } from 'hono';
import { carrierPerformance } from '../../overview/carriers.js';
import { DateRangeSchema } from '../../overview/filters.js';
import { jsonResponse } from '../responses.js';
import { type ApiEnv, type OverviewRouteDeps, overviewScope, parseQuery } from './api-shared.js';

export function apiCarriers(deps: OverviewRouteDeps) {
  return async (c: Context<ApiEnv>): Promise<Response> => {
    const range = parseQuery(c, DateRangeSchema);
    const scope = await overviewScope(c, deps);
    return jsonResponse({ carriers: await carrierPerformance(deps.db, scope, range) });
  };
}
