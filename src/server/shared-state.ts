// State shared by every server process when REDIS_URL is set (rate limits, lookup views); process memory otherwise.
import type { Redis } from 'ioredis';
import type { Logger } from '../core/ports.js';
import type { SharedViews } from '../lookup/lookup.js';
import { createRedisViews } from '../lookup/redis-views.js';
import { ConfigError } from '../platform/config-error.js';
import { type LimiterFactory, memoryLimiterFactory } from '../platform/rate-limits.js';
import { redisLimiterFactory } from '../platform/rate-limits-redis.js';
import { connectRedis, createOutageLog, watchRedis } from '../platform/redis.js';
import { type Env, NUMERIC_DEFAULTS, withoutBlanks } from './config.js';

export interface SharedState {
  /** Spread into createApp's deps. */
  deps: { limiterFactory: LimiterFactory; sharedViews?: SharedViews };
  /**
   * Resolves true once Redis answers (at once without Redis), false after `timeoutMs`. Serving need
   * not wait: limits count in memory until then.
   */
  ready(timeoutMs?: number): Promise<boolean>;
  /** Closes the Redis connections (nothing without Redis). */
  close(): Promise<void>;
}

/** Key prefix when REDIS_KEY_PREFIX is unset: one app per Redis database. */
export const DEFAULT_REDIS_KEY_PREFIX = 'tyo:';

/**
 * Reads REDIS_URL (`redis://` or `rediss://`), REDIS_KEY_PREFIX and, for the view cache,
 * LOOKUP_CACHE_TTL_S and SHOPIFY_API_SECRET. Without REDIS_URL everything stays in process memory,
 * exactly as before. With it, connects (never waits for it: a Redis that is away only logs
 * `redis_unavailable` once and limits count in memory until it returns). Throws ConfigError naming
 * REDIS_URL when it is not a Redis URL (its value is never shown).
 */
export function createSharedState(raw: Env, logger: Logger): SharedState {
  const env = withoutBlanks(raw);
  const url = env.REDIS_URL;
  if (!url) {
    return {
      deps: { limiterFactory: memoryLimiterFactory },
      ready: async () => true,
      close: async () => {},
    };
  }
  if (!isRedisUrl(url)) {
    throw new ConfigError(
      [],
      ['REDIS_URL'],
      'REDIS_URL must be a redis:// or rediss:// URL; leave it unset to keep state in process memory',
    );
  }
  const prefix = env.REDIS_KEY_PREFIX ?? DEFAULT_REDIS_KEY_PREFIX;
  const ttlSeconds = Number(env.LOOKUP_CACHE_TTL_S ?? NUMERIC_DEFAULTS.LOOKUP_CACHE_TTL_S);
  const outage = createOutageLog(logger);
  const client = connectRedis(url);
  // The subscriber's SUBSCRIBE waits for a connection however long it takes (offline queue, no
  // retry limit); ioredis subscribes again after each reconnect.
  const subscriber: Redis = client.duplicate({
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
  });
  watchRedis(client, outage);
  subscriber.on('error', () => {});
  return {
    deps: {
      limiterFactory: redisLimiterFactory(client, outage, prefix),
      sharedViews: createRedisViews(client, subscriber, outage, {
        prefix,
        ttlMs:
          (Number.isInteger(ttlSeconds) && ttlSeconds > 0
            ? ttlSeconds
            : NUMERIC_DEFAULTS.LOOKUP_CACHE_TTL_S) * 1000,
        secret: env.SHOPIFY_API_SECRET ?? '',
      }),
    },
    ready: (timeoutMs = 5_000) =>
      new Promise<boolean>((resolve) => {
        if (client.status === 'ready') return resolve(true);
        const timer = setTimeout(() => resolve(false), timeoutMs);
        client.once('ready', () => {
          clearTimeout(timer);
          resolve(true);
        });
      }),
    async close() {
      client.disconnect();
      subscriber.disconnect();
    },
  };
}

/** `redis://` or `rediss://` with a host: what REDIS_URL must be. */
export function isRedisUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
}
