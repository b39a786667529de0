// rate-limiter-flexible's store contract kept in process memory with an injected clock, bounded by an LRU.
import { createRequire } from 'node:module';
import { LRUCache } from 'lru-cache';
import { RateLimiterRes, type RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import type { Clock } from '../../core/ports.js';

// The library ships its store base class but does not re-export it; RateLimiterRedis extends the same one.
const require = createRequire(import.meta.url);
const StoreAbstract =
  require('rate-limiter-flexible/lib/RateLimiterStoreAbstract.js') as typeof RateLimiterStoreAbstract;

export interface LimiterOptions {
  keyPrefix: string;
  points: number;
  /** Seconds. */
  duration: number;
  /** Seconds a key stays refused once it went over; 0 for none. */
  blockDuration?: number;
}

interface Entry {
  points: number;
  /** Epoch ms; null never expires. */
  expiresAt: number | null;
}

type StoreResult = [consumed: number, msBeforeNext: number];

/**
 * Same semantics as the library's RateLimiterMemory, but time comes from `clock` (tests move it)
 * and at most `maxKeys` keys are kept, so a flood of fresh IPs cannot grow memory without bound.
 */
export class MemoryLimiter extends StoreAbstract {
  readonly #clock: Clock;
  readonly #entries: LRUCache<string, Entry>;

  constructor(options: LimiterOptions, clock: Clock, maxKeys = 100_000) {
    super({ ...options, storeClient: {}, storeType: 'memory' });
    this.#clock = clock;
    this.#entries = new LRUCache({ max: maxKeys });
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= this.#clock()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #result(entry: Entry): StoreResult {
    return [entry.points, entry.expiresAt === null ? -1 : entry.expiresAt - this.#clock()];
  }

  _upsert(
    key: string,
    points: number,
    msDuration: number,
    forceExpire = false,
  ): Promise<StoreResult> {
    return Promise.resolve(this.#upsertNow(key, points, msDuration, forceExpire));
  }

  #upsertNow(key: string, points: number, msDuration: number, forceExpire: boolean): StoreResult {
    const existing = forceExpire ? undefined : this.#live(key);
    if (existing) {
      existing.points += points;
      return this.#result(existing);
    }
    const entry = { points, expiresAt: msDuration > 0 ? this.#clock() + msDuration : null };
    this.#entries.set(key, entry);
    return this.#result(entry);
  }

  _get(key: string): Promise<StoreResult | null> {
    return Promise.resolve(this.#getNow(key));
  }

  #getNow(key: string): StoreResult | null {
    const entry = this.#live(key);
    return entry ? this.#result(entry) : null;
  }

  /**
   * `consume(key)` answered at once, for a limiter with no block duration (blocking is the one
   * thing the library does on going over); undefined otherwise. Over the limit
   * when `consumedPoints > points`, as `consume` rejects.
   */
  consumeNow(key: string): RateLimiterRes | undefined {
    if (!this.#plain()) return undefined;
    const rlKey = this.getKey(key);
    return this._getRateLimiterRes(
      rlKey,
      1,
      this.#upsertNow(rlKey, 1, this.duration * 1000, false),
    );
  }

  /** `get(key)` answered at once: the key's state, or null when it has none. */
  getNow(key: string): RateLimiterRes | null {
    const rlKey = this.getKey(key);
    const stored = this.#getNow(rlKey);
    return stored ? this._getRateLimiterRes(rlKey, 0, stored) : null;
  }

  /** The options this class takes offer no in-memory block or insurance; only a block duration. */
  #plain(): boolean {
    return !(this.blockDuration > 0);
  }

  _delete(key: string): Promise<boolean> {
    return Promise.resolve(this.#entries.delete(key));
  }

  _getRateLimiterRes(
    _key: string,
    changedPoints: number,
    [consumed, msBeforeNext]: StoreResult,
  ): RateLimiterRes {
    return new RateLimiterRes(
      Math.max(this.points - consumed, 0),
      msBeforeNext,
      consumed,
      consumed === changedPoints,
    );
  }
}
