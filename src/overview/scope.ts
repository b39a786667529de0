// What every overview query is scoped by: the session's shop, its zone, its thresholds, and now.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { StalledThresholds } from '../core/stalled.js';
import type { Database } from '../db/schema.js';
import type { DateRange } from './filters.js';

export interface OverviewScope {
  /** The verified session's shop domain; every query has `shop = this`. */
  shop: string;
  /** The shop's IANA zone (`shops.iana_time_zone`, UTC when unknown): calendar dates are read in it. */
  timeZone: string;
  thresholds: StalledThresholds;
  /** Milliseconds since the epoch (the injected clock). */
  now: number;
}

/**
 * `processed_at` within the inclusive calendar dates of `range`, read in `timeZone` (Postgres does
 * the zone arithmetic, DST included). No bound → no condition.
 */
export function processedWithin(
  column: string,
  range: DateRange,
  timeZone: string,
): RawBuilder<boolean>[] {
  const ref = sql.ref(column);
  const conditions: RawBuilder<boolean>[] = [];
  if (range.from)
    conditions.push(
      sql<boolean>`${ref} >= ((${range.from}::date)::timestamp at time zone ${timeZone})`,
    );
  if (range.to)
    conditions.push(
      sql<boolean>`${ref} < (((${range.to}::date + 1))::timestamp at time zone ${timeZone})`,
    );
  return conditions;
}

/** The shop's IANA zone from `shops`, or `UTC` when not known yet. */
export async function shopTimeZone(db: Kysely<Database>, shop: string): Promise<string> {
  const row = await db
    .selectFrom('shops')
    .select('iana_time_zone')
    .where('domain', '=', shop)
    .executeTakeFirst();
  return row?.iana_time_zone ?? 'UTC';
}
