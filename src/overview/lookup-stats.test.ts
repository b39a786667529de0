import { describe, expect, it } from 'vitest';
import { databases, testDatabase } from '../db/testing.js';
import { calendarDay, createLookupStats, lookupCounter } from './lookup-stats.js';
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
  it("count each outcome under the day in the shop's zone", async () => {
    const handle = await testDatabase(kind);
    await seedShop(handle.db, 'a.myshopify.com', 'Europe/Oslo');
    const errors: unknown[] = [];
    const count = lookupCounter(
      handle.db,
      () => Date.parse('2026-11-30T23:30:00Z'),
      (e) => errors.push(e),
    );
    count('a.myshopify.com', true);
    count('a.myshopify.com', false);
    count('a.myshopify.com', false);
    // Fire and forget: wait until the three writes landed.
    const stats = createLookupStats(handle.db);
    for (let i = 0; i < 100; i++) {
      const days = await stats.days('a.myshopify.com', {});
      if ((days[0]?.found ?? 0) + (days[0]?.notFound ?? 0) === 3) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await stats.days('a.myshopify.com', {})).toEqual([
      { date: '2026-12-01', found: 1, notFound: 2 },
    ]);
    expect(errors).toEqual([]);
  });
});
