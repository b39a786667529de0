import { describe, expect, it } from 'vitest';
import { adminOrder, lookupBody, ORDER_EMAIL } from '../../testing/admin-orders.js';
import { json } from '../../testing/fake-admin.js';
import { lookupRequest } from '../../testing/signed.js';
import { testApp } from '../../testing/test-app.js';
import { CoalescingCache } from './coalescing-cache.js';

describe('CoalescingCache', () => {
  it('keeps a value for its time to live, by the injected clock', async () => {
    let now = 1_000_000;
    const cache = new CoalescingCache<{ n: number }>({ max: 10, ttlMs: 1000, clock: () => now });
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cache.get('k', load, () => true)).toEqual({ value: { n: 1 }, hit: false });
    now += 999;
    expect(await cache.get('k', load, () => true)).toEqual({ value: { n: 1 }, hit: true });
    now += 2;
    expect(await cache.get('k', load, () => true)).toEqual({ value: { n: 2 }, hit: false });
  });

  it('holds at most `max` entries, dropping the least recently used', async () => {
    const cache = new CoalescingCache<{ k: string }>({ max: 2, ttlMs: 60_000, clock: () => 0 });
    for (const k of ['a', 'b', 'c'])
      await cache.get(
        k,
        async () => ({ k }),
        () => true,
      );
    expect(cache.size).toBe(2);
    expect(
      (
        await cache.get(
          'a',
          async () => ({ k: 'fresh' }),
          () => true,
        )
      ).hit,
    ).toBe(false);
  });

  it('does not keep what `keep` refuses, nor failures', async () => {
    const cache = new CoalescingCache<{ n: number }>({ max: 10, ttlMs: 60_000, clock: () => 0 });
    await cache.get(
      'k',
      async () => null,
      () => true,
    );
    await cache.get(
      'j',
      async () => ({ n: 1 }),
      () => false,
    );
    await expect(
      cache.get(
        'e',
        () => Promise.reject(new Error('x')),
        () => true,
      ),
    ).rejects.toThrow('x');
    expect(cache.size).toBe(0);
  });

  it('shares one load among concurrent callers of a key', async () => {
    const cache = new CoalescingCache<{ n: number }>({ max: 10, ttlMs: 60_000, clock: () => 0 });
    let release: (v: { n: number }) => void = () => {};
    let loads = 0;
    const load = () => {
      loads++;
      return new Promise<{ n: number }>((resolve) => {
        release = resolve;
      });
    };
    const all = Promise.all([1, 2, 3].map(() => cache.get('k', load, () => true)));
    release({ n: 7 });
    const results = await all;
    expect(loads).toBe(1);
    expect(results.map((r) => r.value)).toEqual([{ n: 7 }, { n: 7 }, { n: 7 }]);
    expect(results.map((r) => r.hit)).toEqual([false, true, true]);
  });
});

describe('lookup cache in the handler', () => {
  it('serves a repeated lookup from the cache: one Admin call', async () => {
    const t = testApp(() => json(lookupBody([adminOrder()])));
    for (let i = 0; i < 3; i++) {
      const res = await t.handler(lookupRequest({ orderNumber: '#1001', email: ORDER_EMAIL }));
      expect(res.status).toBe(200);
    }
    expect(t.calls).toHaveLength(1);
  });

  it('keys by email: another email for the same order goes upstream and fails', async () => {
    const t = testApp(() => json(lookupBody([adminOrder()])));
    await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    const other = await t.handler(lookupRequest({ orderNumber: '1001', email: 'x@example.com' }));
    expect(other.status).toBe(404);
    expect(t.calls).toHaveLength(2);
  });

  it('does not cache a failed lookup', async () => {
    const t = testApp(() => json(lookupBody([])));
    await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    expect(t.calls).toHaveLength(2);
  });

  it('expires entries after LOOKUP_CACHE_TTL_S', async () => {
    const t = testApp(() => json(lookupBody([adminOrder()])), { LOOKUP_CACHE_TTL_S: '30' });
    await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    t.advance(29_000);
    await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }, { nowMs: t.now() }));
    expect(t.calls).toHaveLength(1);
    t.advance(2_000);
    await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }, { nowMs: t.now() }));
    expect(t.calls).toHaveLength(2);
  });

  it('makes one Admin call for concurrent identical lookups', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const t = testApp(async () => {
      await gate;
      return json(lookupBody([adminOrder()]));
    });
    const pending = [1, 2, 3, 4].map(() =>
      t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL })),
    );
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const statuses = (await Promise.all(pending)).map((r) => r.status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(t.calls).toHaveLength(1);
  });
});
