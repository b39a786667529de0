// GET /api/shipments and /api/shipments.csv: the session's shop's shipments, filtered, paged by key.
import type { Context } from 'hono';
import en from '../../admin/locales/en.json' with { type: 'json' };
import nb from '../../admin/locales/nb.json' with { type: 'json' };
import { type CsvHeaders, shipmentsCsv } from '../../overview/csv.js';
import { ListFilterSchema, ListQuerySchema } from '../../overview/filters.js';
import { InvalidCursorError, listShipments } from '../../overview/shipments.js';
import { httpError } from '../http-error.js';
import { jsonResponse } from '../responses.js';
import {
  type ApiEnv,
  adminLocale,
  type OverviewRouteDeps,
  overviewScope,
  parseQuery,
} from './api-shared.js';

const CSV_HEADERS: Record<'en' | 'nb', CsvHeaders> = { en: en.csv, nb: nb.csv };

export function apiShipments(deps: OverviewRouteDeps) {
  return async (c: Context<ApiEnv>): Promise<Response> => {
    const { cursor, limit, ...filter } = parseQuery(c, ListQuerySchema);
    const scope = await overviewScope(c, deps);
    try {
      return jsonResponse(await listShipments(deps.db, scope, filter, { cursor, limit }));
    } catch (error) {
      if (error instanceof InvalidCursorError)
        throw httpError('invalid_input', {
          fields: [{ field: 'cursor', issue: 'invalid_format' }],
        });
      throw error;
    }
  };
}

export function apiShipmentsCsv(deps: OverviewRouteDeps) {
  return async (c: Context<ApiEnv>): Promise<Response> => {
    const filter = parseQuery(c, ListFilterSchema);
    const scope = await overviewScope(c, deps);
    const log = c.get('log');
    const body = shipmentsCsv(deps.db, scope, filter, CSV_HEADERS[adminLocale(c)], (error) =>
      log.error({ event: 'csv_failed', name: error instanceof Error ? error.name : typeof error }),
    );
    const day = new Date(scope.now).toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="shipments-${day}.csv"`,
        'cache-control': 'no-store',
      },
    });
  };
}
