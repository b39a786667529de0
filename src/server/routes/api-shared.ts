// What the merchant's /api/* routes share: their dependencies, the shop of the verified session,
// the scope every overview query runs in, and query-string validation.
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Clock } from '../../core/ports.js';
import type { Database } from '../../db/schema.js';
import { fieldIssues } from '../../overview/filters.js';
import { createLookupStats, type LookupStats } from '../../overview/lookup-stats.js';
import { type OverviewScope, shopTimeZone } from '../../overview/scope.js';
import { createOverviewSettings, type OverviewSettingsStore } from '../../overview/settings.js';
import type { AppEnv } from '../context.js';
import { httpError } from '../http-error.js';

export interface OverviewRouteDeps {
  db: Kysely<Database>;
  clock: Clock;
  settings: OverviewSettingsStore;
  lookupStats: LookupStats;
}

export function overviewRouteDeps(db: Kysely<Database>, clock: Clock): OverviewRouteDeps {
  return { db, clock, settings: createOverviewSettings(db), lookupStats: createLookupStats(db) };
}

/** Hono variables of a request past the session-token middleware: `shop` is the verified shop. */
export interface ApiEnv {
  Variables: AppEnv['Variables'] & { shop?: string };
}

/**
 * The verified session's shop, set by the `/api/*` session-token middleware. Without it the
 * request never passed that middleware: answered as an invalid signature, never served.
 */
export function sessionShop(c: Context<ApiEnv>): string {
  const shop = c.get('shop');
  if (typeof shop !== 'string' || shop === '') throw httpError('invalid_signature');
  c.get('fields').shop = shop;
  return shop;
}

export async function overviewScope(
  c: Context<ApiEnv>,
  deps: OverviewRouteDeps,
): Promise<OverviewScope> {
  const shop = sessionShop(c);
  const [timeZone, thresholds] = await Promise.all([
    shopTimeZone(deps.db, shop),
    deps.settings.stalledThresholds(shop),
  ]);
  return { shop, timeZone, thresholds, now: deps.clock() };
}

/** The query string parsed by `schema`; 400 `invalid_input` naming each wrong field otherwise. */
export function parseQuery<S extends z.ZodType>(c: Context<ApiEnv>, schema: S): z.output<S> {
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw httpError('invalid_input', { fields: fieldIssues(result.error) });
  return result.data;
}

/** Admin locale of a request: `locale` in the query, else Accept-Language; English by default. */
export function adminLocale(c: Context<ApiEnv>): 'en' | 'nb' {
  const wanted = (c.req.query('locale') ?? c.req.header('accept-language') ?? '').toLowerCase();
  return /^(nb|no|nn)\b/.test(wanted) ? 'nb' : 'en';
}
