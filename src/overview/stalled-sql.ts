// The stalled rule of src/core/stalled.ts as a SQL condition over `shipments`, for counts and filters.
import { type RawBuilder, sql } from 'kysely';
import { type CarrierClass, FINISHED_STATUSES, type StalledThresholds } from '../core/stalled.js';

const DAY_MS = 86_400_000;
const CLASSES: readonly CarrierClass[] = ['express', 'postal', 'other'];

/**
 * The shipment's last sign of life as SQL: the later of its newest event (`last_event_at`, kept by
 * migration 0003's trigger) and its creation. `greatest` skips nulls, like `lastActivityAt`.
 */
export function lastActivitySql(alias: string): RawBuilder<Date> {
  return sql<Date>`greatest(${sql.ref(`${alias}.last_event_at`)}, ${sql.ref(`${alias}.created_at`)})`;
}

/**
 * The carrier class of `carrierClass`: the stored column migration 0006 generates from the same
 * code lists and pattern (a test holds the two equal).
 */
export function carrierClassSql(alias: string): RawBuilder<CarrierClass> {
  return sql<CarrierClass>`${sql.ref(`${alias}.carrier_class`)}`;
}

/**
 * The finished statuses as literals, not parameters: the planner must see the very list of the
 * partial index `shipments_shop_stalled` (migration 0006) to use it.
 */
export function unfinishedSql(alias: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(`${alias}.status`)} not in (${sql.join(FINISHED_STATUSES.map((s) => sql.lit(s)))})`;
}

/**
 * True for a stalled shipment at `now` (ms since epoch), exactly as `isStalled`: not finished, and
 * its last activity at or before `now` minus its class's days. The cut-offs are computed here in
 * milliseconds, the same arithmetic as the pure rule, so both agree to the millisecond. One range
 * per class, so the partial index answers each with a short scan.
 */
export function stalledSql(
  alias: string,
  thresholds: StalledThresholds,
  now: number,
): RawBuilder<boolean> {
  const cls = carrierClassSql(alias);
  const activity = lastActivitySql(alias);
  const ranges = CLASSES.map(
    (c) =>
      sql`(${cls} = ${sql.lit(c)} and ${activity} <= ${new Date(now - thresholds[c] * DAY_MS).toISOString()}::timestamptz)`,
  );
  return sql<boolean>`(${unfinishedSql(alias)} and (${sql.join(ranges, sql` or `)}))`;
}
