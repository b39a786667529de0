// Tracking-page lookups counted per shop and day, found versus not found: no personal data at all.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { shopTimeZone } from './scope.js';

export interface LookupDay {
  /** `YYYY-MM-DD`, the calendar day in the shop's zone. */
  date: string;
  found: number;
  notFound: number;
}

export interface LookupStats {
  /**
   * Counts one lookup: `found` is whether an order was shown. `day` is `YYYY-MM-DD` in the shop's
   * zone (the caller knows the zone and the clock). One upsert; safe under concurrent lookups.
   */
  record(shop: string, found: boolean, day: string): Promise<void>;
  /** Days with at least one lookup between `from` and `to` (inclusive, `YYYY-MM-DD`), oldest first. */
  days(
    shop: string,
    range: { from?: string | undefined; to?: string | undefined },
  ): Promise<LookupDay[]>;
}

export function createLookupStats(db: Kysely<Database>): LookupStats {
  return {
    async record(shop, found, day) {
      await db
        .insertInto('lookup_stats')
        .values({ shop, day, found: found ? 1 : 0, not_found: found ? 0 : 1 })
        .onConflict((oc) =>
          oc.columns(['shop', 'day']).doUpdateSet({
            found: sql`lookup_stats.found + excluded.found`,
            not_found: sql`lookup_stats.not_found + excluded.not_found`,
          }),
        )
        .execute();
    },
    async days(shop, { from, to }) {
      let query = db
        .selectFrom('lookup_stats')
        .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('date'), 'found', 'not_found'])
        .where('shop', '=', shop);
      if (from) query = query.where('day', '>=', from);
      if (to) query = query.where('day', '<=', to);
      const rows = await query.orderBy('day').execute();
      return rows.map((r) => ({ date: r.date, found: r.found, notFound: r.not_found }));
    },
  };
}

/** `YYYY-MM-DD` of instant `ms` in `timeZone` (Intl; `en-CA` formats dates as ISO). */
export function calendarDay(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
}

/**
 * The lookup's `onLookup` hook: counts the outcome under today's date in the shop's zone (read
 * from `shops`, UTC when unknown). Fire and forget: failures go to `log`, never to the shopper.
 */
export function lookupCounter(
  db: Kysely<Database>,
  clock: () => number,
  log: (error: unknown) => void,
): (shop: string, found: boolean) => void {
  const stats = createLookupStats(db);
  return (shop, found) => {
    const now = clock();
    shopTimeZone(db, shop)
      .then((zone) => stats.record(shop, found, calendarDay(now, zone)))
      .catch(log);
  };
}

/**
 * Records a lookup without ever failing the lookup: counting is best effort, and a database
 * hiccup must not turn a shopper's answer into an error. `log` hears about failures.
 */
export function recordLookup(
  stats: LookupStats,
  log: (error: unknown) => void,
): (shop: string, found: boolean, day: string) => void {
  return (shop, found, day) => {
    stats.record(shop, found, day).catch(log);
  };
}
