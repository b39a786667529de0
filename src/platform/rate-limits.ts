// The limits: per shopper IP, failed emails per (order number, IP) under an overall ceiling per order number, per shop on Admin calls.
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { httpError } from '../server/http-error.js';

export interface RateLimitConfig {
  /** Requests per shopper IP per window. */
  ipPoints: number;
  ipWindowSeconds: number;
  /** Failed lookups (unknown order or wrong email) one IP may make per order number per window... */
  orderFailures: number;
  orderWindowSeconds: number;
  /** ...after which that IP is refused for that order number this long. */
  orderBlockSeconds: number;
  /** Failed lookups per order number from all IPs together per window: the overall ceiling. */
  orderGlobalFailures: number;
  /** Admin API calls per shop per window (cache hits are free). */
  shopPoints: number;
  shopWindowSeconds: number;
}

export interface LimiterOptions {
  keyPrefix: string;
  points: number;
  /** Seconds. */
  duration: number;
}

/**
 * Builds one limiter; the store is injected so a shared one (e.g. the library's RateLimiterRedis
 * with `storeClient`) can replace process memory when the app runs on several machines.
 */
export type LimiterFactory = (options: LimiterOptions) => RateLimiterAbstract;

export const memoryLimiterFactory: LimiterFactory = (options) => new RateLimiterMemory(options);

export interface RateLimits {
  /** Counts one request from this IP; throws rate_limited when over. */
  hitIp(ip: string): Promise<void>;
  /** Throws rate_limited while this IP's own failures have locked it out of this order number. */
  assertMayTry(shop: string, orderKey: string, ip: string): Promise<void>;
  /** Counts a failed lookup (unknown order or wrong email: the same) for this IP and overall. */
  recordFailure(shop: string, orderKey: string, ip: string): Promise<void>;
  /** Counts one Admin API call for the shop; throws rate_limited when over. */
  hitShop(shop: string): Promise<void>;
}

/**
 * The rule for failed emails (the owner of an order must never be locked out by someone else):
 * - Each IP may fail `orderFailures` times per order number per window; its next failure-free
 *   attempt is then refused for `orderBlockSeconds`. Only this check runs before a lookup, and it
 *   reads only the asking IP's own count: other IPs' failures never refuse a right email.
 * - Failures from all IPs together are counted per order number. Once they reach
 *   `orderGlobalFailures` in a window the number is under attack, and from then on every IP's
 *   first failure on it spends that IP's whole allowance (it is locked at once). Guessing is so
 *   bounded overall: at most the ceiling, plus one guess per fresh IP, per window, while a
 *   shopper who types the right email still gets the order.
 */
export function createRateLimits(config: RateLimitConfig, factory: LimiterFactory): RateLimits {
  const ip = factory({
    keyPrefix: 'ip',
    points: config.ipPoints,
    duration: config.ipWindowSeconds,
  });
  const orderIp = factory({
    keyPrefix: 'order-ip',
    points: config.orderFailures,
    duration: config.orderWindowSeconds,
  });
  const order = factory({
    keyPrefix: 'order',
    points: config.orderGlobalFailures,
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
    async assertMayTry(shopKey, orderKey, ipKey) {
      const state = live(await orderIp.get(`${shopKey}:${orderKey}:${ipKey}`));
      if (state && state.consumedPoints >= config.orderFailures) throw limited(state);
    },
    async recordFailure(shopKey, orderKey, ipKey) {
      const overall = await order.penalty(`${shopKey}:${orderKey}`);
      const key = `${shopKey}:${orderKey}:${ipKey}`;
      const underAttack = overall.consumedPoints >= config.orderGlobalFailures;
      const mine = await orderIp.penalty(key, underAttack ? config.orderFailures : 1);
      // The failure that spends the last allowance locks this IP out; this request has already failed.
      if (mine.consumedPoints >= config.orderFailures) {
        await orderIp.block(key, config.orderBlockSeconds);
      }
    },
  };
}

/**
 * A stored state whose time is up counts as none (process memory drops it only later). Every key
 * here has a duration, so a state without time left (the store says -1 or less) is over.
 */
function live(res: RateLimiterRes | null): RateLimiterRes | null {
  return res && res.msBeforeNext > 0 ? res : null;
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    if (e instanceof RateLimiterRes) throw limited(e);
    throw e;
  }
}

function limited(res: RateLimiterRes) {
  return httpError('rate_limited', { retryAfter: Math.max(1, res.msBeforeNext / 1000) });
}
