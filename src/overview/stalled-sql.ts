// The stalled rule of src/core/stalled.ts as a SQL condition over `shipments`, for counts and filters.
import { type RawBuilder, sql } from 'kysely';
import {
  EXPRESS_CARRIER_CODES,
  FINISHED_STATUSES,
  POSTAL_CARRIER_CODES,
  S10_PATTERN_SQL,
  type StalledThresholds,
} from '../core/stalled.js';

const DAY_MS = 86_400_000;

/**
 * The shipment's last sign of life as SQL: the later of its newest event (`last_event_at`, kept by
 * migration 0003's trigger) and its creation. `greatest` skips nulls, like `lastActivityAt`.
 */
export function lastActivitySql(alias: string): RawBuilder<Date> {
  return sql<Date>`greatest(${sql.ref(`${alias}.last_event_at`)}, ${sql.ref(`${alias}.created_at`)})`;
}

/** The carrier class of `carrierClass` as a SQL `case`, from the same code lists and pattern. */
export function carrierClassSql(alias: string): RawBuilder<'express' | 'postal' | 'other'> {
  const code = sql.ref(`${alias}.carrier_code`);
  const number = sql.ref(`${alias}.tracking_number`);
  return sql`case
    when ${code} in (${sql.join(EXPRESS_CARRIER_CODES)}) then 'express'
    when ${code} in (${sql.join(POSTAL_CARRIER_CODES)}) then 'postal'
    when upper(regexp_replace(${number}, '[[:space:]]+', '', 'g')) ~ ${S10_PATTERN_SQL} then 'postal'
    else 'other' end`;
}

/**
 * True for a stalled shipment at `now` (ms since epoch), exactly as `isStalled`: not finished, and
 * its last activity at or before `now` minus the class's days. The cut-offs are computed here in
 * milliseconds, the same arithmetic as the pure rule, so both agree to the millisecond.
 */
export function stalledSql(
  alias: string,
  thresholds: StalledThresholds,
  now: number,
): RawBuilder<boolean> {
  const cutoff = (days: number) => new Date(now - days * DAY_MS).toISOString();
  const cls = carrierClassSql(alias);
  return sql<boolean>`(${sql.ref(`${alias}.status`)} not in (${sql.join([...FINISHED_STATUSES])})
    and ${lastActivitySql(alias)} <= (case ${cls}
      when 'express' then ${cutoff(thresholds.express)}::timestamptz
      when 'postal' then ${cutoff(thresholds.postal)}::timestamptz
      else ${cutoff(thresholds.other)}::timestamptz end))`;
}
