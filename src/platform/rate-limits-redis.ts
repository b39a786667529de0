// Rate limits kept in Redis so every process counts together; process memory takes over while Redis is away.
import type { Redis } from 'ioredis';
import {
  type IRateLimiterOptions,
  RateLimiterMemory,
  RateLimiterRedis,
} from 'rate-limiter-flexible';
import type { LimiterFactory } from './rate-limits.js';
import type { OutageLog } from './redis.js';

/**
 * The library's insurance limiter, telling its owner each time it is used: a command can fail on a
 * connection that looks ready (a timeout), before any connection event says so.
 */
class FallbackMemoryLimiter extends RateLimiterMemory {
  constructor(
    options: IRateLimiterOptions,
    private readonly onUse: () => void,
  ) {
    super(options);
  }
  override consume(key: string | number, points?: number, options?: Record<string, unknown>) {
    this.onUse();
    return super.consume(key, points, options);
  }
  override penalty(key: string | number, points?: number, options?: Record<string, unknown>) {
    this.onUse();
    return super.penalty(key, points, options);
  }
  override get(key: string | number, options?: Record<string, unknown>) {
    this.onUse();
    return super.get(key, options);
  }
  override block(key: string | number, seconds: number, options?: Record<string, unknown>) {
    this.onUse();
    return super.block(key, seconds, options);
  }
}

/**
 * Limiters stored in Redis under `{prefix}{keyPrefix}:…` (the prefix keeps deployments or test files
 * apart). While Redis cannot answer (not connected, or a command fails) each limiter counts in this
 * process's memory instead (rate-limiter-flexible's `insuranceLimiter`), and `outage` logs it once.
 * Until the first connection is ready (the first milliseconds after start) memory counts too.
 * Counts made in memory during an outage are not carried back to Redis.
 */
export function redisLimiterFactory(redis: Redis, outage: OutageLog, prefix = ''): LimiterFactory {
  return (options) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}${options.keyPrefix}`,
      points: options.points,
      duration: options.duration,
      // Without this a command waits for a reconnect; with it, memory answers at once.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new FallbackMemoryLimiter(options, () => {
        // Before the first connection and while reconnecting, the connection events tell the log.
        if (redis.status === 'ready') outage.down('rate_limit_store_failed');
      }),
    });
}
