// The lookup's second cache level in Redis: order views shared by every process, evicted everywhere by pub/sub.
import { createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { TrackingViewSchema } from '../contract/tracking-view.js';
import type { OutageLog } from '../platform/redis.js';
import type { SharedViews } from './lookup.js';

export interface RedisViewsOptions {
  /** Prefix of every key and of the channel, e.g. `tyo:`. */
  prefix: string;
  /** Milliseconds a view is kept: the lookup cache's own lifetime. */
  ttlMs: number;
  /**
   * Keys the HMAC that names entries, so a key read from Redis tells nothing of the order or the
   * asker (`who` is an unsalted hash of an e-mail). Every process must use the same secret.
   */
  secret: string;
}

const InvalidationSchema = z.object({ shop: z.string(), orderKey: z.string() });

/**
 * Views as JSON under `{prefix}view:{hmac}` with a lifetime, plus a set per order
 * (`{prefix}order:{hmac}`) naming its views so an invalidation deletes them all; invalidations are
 * published on `{prefix}invalidate`. `client` runs commands; `subscriber` is a second connection
 * (Redis gives a subscribed connection no other commands). A Redis fault is a miss, told to `outage`.
 */
export function createRedisViews(
  client: Redis,
  subscriber: Redis,
  outage: OutageLog,
  options: RedisViewsOptions,
): SharedViews {
  const mac = (text: string) =>
    createHmac('sha256', options.secret).update(text).digest('base64url');
  const viewKey = (shop: string, orderKey: string, who: string) =>
    `${options.prefix}view:${mac(`${shop}\n${orderKey}\n${who}`)}`;
  const orderIndex = (shop: string, orderKey: string) =>
    `${options.prefix}order:${mac(`${shop}\n${orderKey}`)}`;
  const channel = `${options.prefix}invalidate`;
  const listeners: ((shop: string, orderKey: string) => void)[] = [];
  let subscribed = false;

  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    const parsed = InvalidationSchema.safeParse(safeJson(message));
    if (!parsed.success) return;
    for (const listener of listeners) listener(parsed.data.shop, parsed.data.orderKey);
  });

  async function guarded<T>(run: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await run();
    } catch {
      // Before the first connection and while reconnecting, the connection events tell the log.
      if (client.status === 'ready') outage.down('view_cache_failed');
      return fallback;
    }
  }

  return {
    get: (shop, orderKey, who) =>
      guarded(async () => {
        const text = await client.get(viewKey(shop, orderKey, who));
        if (text === null) return undefined;
        const view = TrackingViewSchema.safeParse(safeJson(text));
        return view.success ? view.data : undefined;
      }, undefined),

    set: (shop, orderKey, who, view) =>
      guarded(async () => {
        const key = viewKey(shop, orderKey, who);
        const index = orderIndex(shop, orderKey);
        await client
          .multi()
          .set(key, JSON.stringify(view), 'PX', options.ttlMs)
          .sadd(index, key)
          .pexpire(index, options.ttlMs)
          .exec();
      }, undefined),

    invalidate: (shop, orderKey) =>
      guarded(async () => {
        const index = orderIndex(shop, orderKey);
        const keys = await client.smembers(index);
        await client.del(index, ...keys);
        await client.publish(channel, JSON.stringify({ shop, orderKey }));
      }, undefined),

    subscribe(listener) {
      listeners.push(listener);
      if (subscribed) return;
      subscribed = true;
      subscriber.subscribe(channel).catch(() => {
        // ioredis subscribes again on every reconnect; a failed first try is an outage like others.
        outage.down('view_invalidation_subscribe_failed');
      });
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
