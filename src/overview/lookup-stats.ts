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
  /** Adds `found` and `notFound` lookups to the shop's day in one upsert (both ≥ 0). */
  add(shop: string, day: string, counts: { found: number; notFound: number }): Promise<void>;
  /** Days with at least one lookup between `from` and `to` (inclusive, `YYYY-MM-DD`), oldest first. */
  days(
    shop: string,
    range: { from?: string | undefined; to?: string | undefined },
  ): Promise<LookupDay[]>;
}

export function createLookupStats(db: Kysely<Database>): LookupStats {
  const add: LookupStats['add'] = async (shop, day, { found, notFound }) => {
    await db
      .insertInto('lookup_stats')
      .values({ shop, day, found, not_found: notFound })
      .onConflict((oc) =>
        oc.columns(['shop', 'day']).doUpdateSet({
          found: sql`lookup_stats.found + excluded.found`,
          not_found: sql`lookup_stats.not_found + excluded.not_found`,
        }),
      )
      .execute();
  };
  return {
    record: (shop, found, day) => add(shop, day, { found: found ? 1 : 0, notFound: found ? 0 : 1 }),
    add,
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

/** One formatter per zone: making an Intl.DateTimeFormat costs far more than using one. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of instant `ms` in `timeZone` (Intl; `en-CA` formats dates as ISO). */
export function calendarDay(ms: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(ms));
}

/** How often the counts kept in memory are written (milliseconds). */
export const LOOKUP_COUNTS_FLUSH_MS = 5_000;

/**
 * Every zone's offset is a whole number of minutes, so lookups kept per UTC minute fall on the
 * same calendar day as the instants they stand for, whatever the shop's zone.
 */
const MINUTE_MS = 60_000;

export interface LookupCounter {
  /** The lookup's `onLookup` hook: counts one outcome in memory. Never throws, never waits. */
  count(shop: string, found: boolean): void;
  /**
   * Writes the counts kept so far: one upsert per shop and day, under the day in the shop's zone
   * (read from `shops`, UTC when unknown). Never rejects: a failure goes to `log` and its counts
   * are kept for the next flush. Flushes run one after another.
   */
  flush(): Promise<void>;
  /** Stops the periodic flush and writes what is left (at shutdown, before the database closes). */
  close(): Promise<void>;
}

interface Tally {
  found: number;
  notFound: number;
}

/**
 * Tracking-page counts kept in memory and written every `flushEveryMs` (default
 * LOOKUP_COUNTS_FLUSH_MS) and at `close`: a lookup costs no database work. A process that dies
 * without `close` loses at most the last interval's counts.
 */
export function lookupCounter(
  db: Kysely<Database>,
  clock: () => number,
  log: (error: unknown) => void,
  options: { flushEveryMs?: number } = {},
): LookupCounter {
  const stats = createLookupStats(db);
  /** shop → UTC minute → counts. */
  let pending = new Map<string, Map<number, Tally>>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  let running: Promise<void> = Promise.resolve();

  const tally = (shop: string, minute: number): Tally => {
    let minutes = pending.get(shop);
    if (!minutes) {
      minutes = new Map();
      pending.set(shop, minutes);
    }
    let counts = minutes.get(minute);
    if (!counts) {
      counts = { found: 0, notFound: 0 };
      minutes.set(minute, counts);
    }
    return counts;
  };

  async function write(): Promise<void> {
    const taken = pending;
    pending = new Map();
    for (const [shop, minutes] of taken) {
      try {
        const zone = await shopTimeZone(db, shop);
        const days = new Map<string, Tally>();
        for (const [minute, counts] of minutes) {
          const day = calendarDay(minute * MINUTE_MS, zone);
          const sum = days.get(day) ?? { found: 0, notFound: 0 };
          sum.found += counts.found;
          sum.notFound += counts.notFound;
          days.set(day, sum);
        }
        for (const [day, counts] of days) {
          await stats.add(shop, day, counts);
          // Written: these minutes of that day are done.
          for (const minute of [...minutes.keys()]) {
            if (calendarDay(minute * MINUTE_MS, zone) === day) minutes.delete(minute);
          }
        }
      } catch (error) {
        log(error);
        // Kept for the next flush, beside whatever was counted meanwhile.
        for (const [minute, counts] of minutes) {
          const into = tally(shop, minute);
          into.found += counts.found;
          into.notFound += counts.notFound;
        }
      }
    }
  }

  const flush = () => {
    running = running.then(write);
    return running;
  };

  return {
    count(shop, found) {
      const counts = tally(shop, Math.floor(clock() / MINUTE_MS));
      if (found) counts.found++;
      else counts.notFound++;
      if (!timer && !closed) {
        timer = setInterval(() => void flush(), options.flushEveryMs ?? LOOKUP_COUNTS_FLUSH_MS);
        // The counts alone never keep the process alive; `close` writes the last ones.
        timer.unref();
      }
    },
    flush,
    close() {
      closed = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      return flush();
    },
  };
}

/** `stats` whose reads first write what `counter` holds, so an answer includes every lookup counted here. */
export function withPendingCounts(stats: LookupStats, counter: LookupCounter): LookupStats {
  return {
    ...stats,
    async days(shop, range) {
      await counter.flush();
      return stats.days(shop, range);
    },
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
