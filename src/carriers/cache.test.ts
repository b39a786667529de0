import { describe, expect, it } from 'vitest';
import { createTimedCache } from './cache.js';

function setup(maxEntries = 3, ttlMs = 1000) {
  let now = 0;
  const cache = createTimedCache<{ n: number }>({ maxEntries, ttlMs, clock: () => now });
  return { cache, advance: (ms: number) => (now += ms) };
}

describe('createTimedCache', () => {
  it('returns what was stored until the time to live runs out', () => {
    const { cache, advance } = setup();
    cache.set('a', { n: 1 });
    advance(999);
    expect(cache.get('a')).toEqual({ n: 1 });
    advance(1);
    expect(cache.get('a')).toBeUndefined();
  });

  it('holds no more than its maximum, dropping the least recently used', () => {
    const { cache } = setup(2);
    cache.set('a', { n: 1 });
    cache.set('b', { n: 2 });
    cache.get('a');
    cache.set('c', { n: 3 });
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ n: 1 });
  });

  it('stores nothing when the time to live is zero', () => {
    const { cache } = setup(3, 0);
    cache.set('a', { n: 1 });
    expect(cache.get('a')).toBeUndefined();
  });
});
