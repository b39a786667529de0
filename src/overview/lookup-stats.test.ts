import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databases, testDatabase } from '../db/testing.js';
import {
  calendarDay,
  createLookupStats,
  lookupCounter,
  withPendingCounts,
} from './lookup-stats.js';
import { seedShop } from './seed.js';

describe('calendarDay', () => {
  it.each([
    ['2026-11-30T23:30:00Z', 'UTC', '2026-11-30'],
    ['2026-11-30T23:30:00Z', 'Europe/Oslo', '2026-12-01'],
    ['2026-12-01T03:00:00Z', 'America/New_York', '2026-11-30'],
  ])('%s in %s is %s', (iso, zone, day) => {
    expect(calendarDay(Date.parse(iso), zone)).toBe(day);
  });
});

describe.each(databases())('lookup counts on %s', (kind) => {
  const SHOP = 'a.myshopify.com';

  it("are kept in memory and written by flush under the day in the shop's zone", async () => {
    const handle = await testDatabase(kind);
    await seedShop(handle.db, SHOP, 'Europe/Oslo');
    const errors: unknown[] = [];
    let now = Date.parse('2026-11-30T22:59:30Z');
    const counter = lookupCounter(
      handle.db,
      () => now,
      (e) => errors.push(e),
    );
    const stats = createLookupStats(handle.db);
    counter.count(SHOP, true);
    counter.count(SHOP, false);
    // 23:00 UTC is midnight in Oslo: the next lookups fall on the next day there.
    now = Date.parse('2026-11-30T23:30:00Z');
    counter.count(SHOP, false);
    counter.count(SHOP, false);
    counter.count('b.myshopify.com', true);
    // Nothing is written per lookup.
    expect(await stats.days(SHOP, {})).toEqual([]);
    await counter.flush();
    expect(await stats.days(SHOP, {})).toEqual([
      { date: '2026-11-30', found: 1, notFound: 1 },
      { date: '2026-12-01', found: 0, notFound: 2 },
    ]);
    // A shop without a row counts in UTC.
    expect(await stats.days('b.myshopify.com', {})).toEqual([
      { date: '2026-11-30', found: 1, notFound: 0 },
    ]);
    // A second flush adds only what was counted since.
    counter.count(SHOP, true);
    await counter.flush();
    await counter.close();
    expect(await stats.days(SHOP, {})).toEqual([
      { date: '2026-11-30', found: 1, notFound: 1 },
      { date: '2026-12-01', found: 1, notFound: 2 },
    ]);
    expect(errors).toEqual([]);
  });

  it('are written on their own every interval, and what is left at close', async () => {
    const handle = await testDatabase(kind);
    const counter = lookupCounter(
      handle.db,
      () => Date.parse('2026-11-30T12:00:00Z'),
      () => {},
      {
        flushEveryMs: 20,
      },
    );
    const stats = createLookupStats(handle.db);
    counter.count(SHOP, true);
    for (let i = 0; i < 200 && (await stats.days(SHOP, {})).length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await stats.days(SHOP, {})).toEqual([{ date: '2026-11-30', found: 1, notFound: 0 }]);
    counter.count(SHOP, false);
    await counter.close();
    expect(await stats.days(SHOP, {})).toEqual([{ date: '2026-11-30', found: 1, notFound: 1 }]);
  });

  it('a failed write keeps its counts for the next flush', async () => {
    const handle = await testDatabase(kind);
    const errors: unknown[] = [];
    const counter = lookupCounter(
      handle.db,
      () => Date.parse('2026-11-30T12:00:00Z'),
      (e) => errors.push(e),
    );
    counter.count(SHOP, true);
    counter.count(SHOP, false);
    // The table refuses writes for a moment (a database fault), then takes them again.
    await sql`alter table lookup_stats add constraint refuse check (found < 0)`.execute(handle.db);
    await counter.flush();
    expect(errors).toHaveLength(1);
    await sql`alter table lookup_stats drop constraint refuse`.execute(handle.db);
    counter.count(SHOP, true);
    await counter.flush();
    expect(await createLookupStats(handle.db).days(SHOP, {})).toEqual([
      { date: '2026-11-30', found: 2, notFound: 1 },
    ]);
    expect(errors).toHaveLength(1);
    await counter.close();
  });

  it('a read through withPendingCounts includes the counts not yet written', async () => {
    const handle = await testDatabase(kind);
    const counter = lookupCounter(
      handle.db,
      () => Date.parse('2026-11-30T12:00:00Z'),
      () => {},
    );
    const stats = withPendingCounts(createLookupStats(handle.db), counter);
    counter.count(SHOP, true);
    counter.count(SHOP, true);
    expect(await stats.days(SHOP, {})).toEqual([{ date: '2026-11-30', found: 2, notFound: 0 }]);
    await counter.close();
  });
});
