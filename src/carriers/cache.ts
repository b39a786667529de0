// A bounded, time-limited cache for live carrier answers; time comes from the injected clock.
import { LRUCache } from 'lru-cache';
import type { Clock } from '../core/ports.js';

export interface TimedCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  readonly size: number;
}

export interface TimedCacheOptions {
  maxEntries: number;
  ttlMs: number;
  clock: Clock;
}

export function createTimedCache<T extends object>({
  maxEntries,
  ttlMs,
  clock,
}: TimedCacheOptions): TimedCache<T> {
  const entries = new LRUCache<string, { value: T; expiresAt: number }>({ max: maxEntries });
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (clock() >= entry.expiresAt) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value) {
      if (ttlMs <= 0) return;
      entries.set(key, { value, expiresAt: clock() + ttlMs });
    },
    get size() {
      return entries.size;
    },
  };
}
