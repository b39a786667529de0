// A bounded, short-lived LRU of results in front of a loader; concurrent misses for one key share one load.
import { LRUCache } from 'lru-cache';
import type { Clock } from '../../core/ports.js';

export interface CacheOptions {
  max: number;
  ttlMs: number;
  clock: Clock;
}

export interface Cached<V> {
  value: V;
  /** True when no load ran for this call (a cached value, or another caller's load in flight). */
  hit: boolean;
}

export class CoalescingCache<V extends object> {
  readonly #entries: LRUCache<string, V>;
  readonly #inFlight = new Map<string, Promise<V | null>>();

  constructor({ max, ttlMs, clock }: CacheOptions) {
    this.#entries = new LRUCache<string, V>({
      max,
      ttl: ttlMs,
      // Resolution 0: read the injected clock on every check instead of memoising it on a real timer.
      ttlResolution: 0,
      perf: { now: clock },
    });
  }

  /** `keep` decides what is worth caching (failures are not: the next try may succeed). */
  async get(
    key: string,
    load: () => Promise<V | null>,
    keep: (value: V) => boolean,
  ): Promise<Cached<V | null>> {
    const cached = this.#entries.get(key);
    if (cached) return { value: cached, hit: true };
    const running = this.#inFlight.get(key);
    if (running) return { value: await running, hit: true };

    const loading = load().then((value) => {
      if (value && keep(value)) this.#entries.set(key, value);
      return value;
    });
    this.#inFlight.set(key, loading);
    try {
      return { value: await loading, hit: false };
    } finally {
      this.#inFlight.delete(key);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
