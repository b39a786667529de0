// The three limits: per shopper IP, per order number for failed attempts, per shop on Admin API calls.
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimiterRes as Res } from 'rate-limiter-flexible';
import type { Clock } from '../core/ports.js';
import type { RateLimitConfig } from '../server/config.js';
import { httpError } from '../server/http-error.js';
import { type LimiterOptions, MemoryLimiter } from '../proxy/limits/memory-limiter.js';

/**
 * Builds one limiter; the store is injected so a shared one (e.g. the library's RateLimiterRedis
 * with `storeClient`) can replace process memory when the proxy runs on several machines.
 */
export type LimiterFactory = (options: LimiterOptions) => RateLimiterAbstract;

export function memoryLimiterFactory(clock: Clock): LimiterFactory {
  return (options) => new MemoryLimiter(options, clock);
}

export interface RateLimits {
  /** Counts one request from this IP; throws rate_limited when over. */
  hitIp(ip: string): Promise<void>;
  /** Throws rate_limited while failed attempts have locked this order number. */
  assertOrderOpen(shop: string, orderKey: string): Promise<void>;
  /** Counts a failed lookup (unknown order or wrong email: the same). */
  recordOrderFailure(shop: string, orderKey: string): Promise<void>;
  /** Counts one Admin API call for the shop; throws rate_limited when over. */
  hitShop(shop: string): Promise<void>;
}

export function createRateLimits(config: RateLimitConfig, factory: LimiterFactory): RateLimits {
  const ip = factory({
    keyPrefix: 'ip',
    points: config.ipPoints,
    duration: config.ipWindowSeconds,
  });
  const order = factory({
    keyPrefix: 'order',
    points: config.orderFailures,
    duration: config.orderWindowSeconds,
  });
  const shop = factory({
    keyPrefix: 'shop',
    points: config.shopPoints,
    duration: config.shopWindowSeconds,
  });

  return {
    hitIp: (key) => consume(ip, key),
    hitShop: (key) => consume(shop, key),
    async assertOrderOpen(shopKey, orderKey) {
      const key = `${shopKey}:${orderKey}`;
      const state = order instanceof MemoryLimiter ? order.getNow(key) : await order.get(key);
      if (state && state.consumedPoints >= config.orderFailures) throw limited(state);
    },
    async recordOrderFailure(shopKey, orderKey) {
      const key = `${shopKey}:${orderKey}`;
      const res = await order.penalty(key);
      // The failure that spends the last allowance locks the number; this request has already failed.
      if (res.consumedPoints >= config.orderFailures)
        await order.block(key, config.orderBlockSeconds);
    },
  };
}

function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  // Process memory needs no promise per step: one settled promise instead of the library's chain.
  const now = limiter instanceof MemoryLimiter ? limiter.consumeNow(key) : undefined;
  if (now) return now.consumedPoints > limiter.points ? Promise.reject(limited(now)) : DONE;
  return consumeAsync(limiter, key);
}

const DONE = Promise.resolve();

async function consumeAsync(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    if (e instanceof Res) throw limited(e);
    throw e;
  }
}

function limited(res: RateLimiterRes) {
  return httpError('rate_limited', { retryAfter: Math.max(1, res.msBeforeNext / 1000) });
}
