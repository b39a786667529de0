// GET /api/analytics?from&to: tracking-page lookups per day in the shop's zone, found versus not found.
import type { Context } from 'hono';
import { DateRangeSchema } from '../../overview/filters.js';
import { jsonResponse } from '../responses.js';
import { type ApiEnv, type OverviewRouteDeps, parseQuery, sessionShop } from './api-shared.js';

export function apiAnalytics(deps: OverviewRouteDeps) {
  return async (c: Context<ApiEnv>): Promise<Response> => {
    const range = parseQuery(c, DateRangeSchema);
    const shop = sessionShop(c);
    return jsonResponse({ days: await deps.lookupStats.days(shop, range) });
  };
}
