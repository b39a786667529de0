import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../platform/logger.js';
import { memoryLimiterFactory } from '../platform/rate-limits.js';
import { adminOrder, ORDER_EMAIL } from '../testing/admin-orders.js';
import { ordersAdmin } from '../testing/fake-admin.js';
import { lookupRequest } from '../testing/signed.js';
import { testApp } from '../testing/test-app.js';
import { ConfigError } from './app.js';
import { createSharedState, type SharedState } from './shared-state.js';

const LIMIT_ENV = { RATE_LIMIT_IP_POINTS: '3', RATE_LIMIT_IP_WINDOW_S: '60' };
const ask = { orderNumber: '#1001', email: ORDER_EMAIL };
const opened: SharedState[] = [];

afterAll(async () => {
  for (const state of opened) await state.close();
});

function shared(env: Record<string, string>) {
  const { logger, lines } = memoryLogger();
  const state = createSharedState(env, logger);
  opened.push(state);
  return { state, lines };
}

describe('without REDIS_URL', () => {
  it('keeps limits and views in process memory, as before', () => {
    const { state } = shared({});
    expect(state.deps.limiterFactory).toBe(memoryLimiterFactory);
    expect(state.deps.sharedViews).toBeUndefined();
  });

  it('drops an invalidated order from the process cache, so the next lookup asks Shopify', async () => {
    const t = testApp(ordersAdmin([adminOrder()]));
    expect((await t.handler(lookupRequest(ask))).status).toBe(200);
    const afterFirst = t.calls.length;
    expect((await t.handler(lookupRequest(ask))).status).toBe(200);
    expect(t.calls.length).toBe(afterFirst);
    await t.app.invalidateOrder('demo-store.myshopify.com', '#1001');
    expect((await t.handler(lookupRequest(ask))).status).toBe(200);
    expect(t.calls.length).toBe(afterFirst * 2);
  });
});

it('refuses a REDIS_URL that is not a Redis URL, without showing it', () => {
  const attempt = () => shared({ REDIS_URL: 'http://user:pw@cache.internal:6379' });
  expect(attempt).toThrow(ConfigError);
  expect(attempt).toThrow(/REDIS_URL/);
  expect(attempt).not.toThrow(/pw@/);
});

describe('Redis unreachable', () => {
  it('limits in process memory and logs the outage once', async () => {
    // Port 1 on loopback: nothing listens, so every connection attempt is refused.
    const { state, lines } = shared({ REDIS_URL: 'redis://127.0.0.1:1' });
    const t = testApp(ordersAdmin([adminOrder()]), LIMIT_ENV, state.deps);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.handler(lookupRequest(ask))).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // Reconnection attempts go on meanwhile; they must not add lines.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const outages = lines.filter((line) => line.event === 'redis_unavailable');
    expect(outages).toHaveLength(1);
    expect(outages[0]).toMatchObject({ level: 'warn', fallback: 'process_memory' });
  });
});

// The real Redis when TEST_REDIS_URL is set (like TEST_DATABASE_URL); nothing to run otherwise.
const redisUrls = process.env.TEST_REDIS_URL ? [process.env.TEST_REDIS_URL] : [];

describe.each(redisUrls)('with Redis at %s', (redisUrl) => {
  const prefix = `test-${randomBytes(6).toString('hex')}:`;
  const admin = new Redis(redisUrl);
  let test = 0;
  let env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix };
  // Each test its own keys: an earlier test's cached view would be a hit.
  beforeEach(() => {
    test += 1;
    env = { ...env, REDIS_KEY_PREFIX: `${prefix}${test}:` };
  });

  afterAll(async () => {
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length) await admin.del(...keys);
    admin.disconnect();
  });

  async function connected() {
    const { state } = shared(env);
    expect(await state.ready()).toBe(true);
    return state.deps;
  }

  it('counts a limit hit on one app instance on the other', async () => {
    const one = testApp(ordersAdmin([adminOrder()]), LIMIT_ENV, await connected());
    const two = testApp(ordersAdmin([adminOrder()]), LIMIT_ENV, await connected());
    const ip = { ip: '198.51.100.77' };
    expect((await one.handler(lookupRequest(ask, ip))).status).toBe(200);
    expect((await one.handler(lookupRequest(ask, ip))).status).toBe(200);
    expect((await two.handler(lookupRequest(ask, ip))).status).toBe(200);
    expect((await two.handler(lookupRequest(ask, ip))).status).toBe(429);
    expect((await one.handler(lookupRequest(ask, ip))).status).toBe(429);
    expect((await one.handler(lookupRequest(ask, { ip: '198.51.100.78' }))).status).toBe(200);
  });

  it('shares cached views between instances and evicts them everywhere on invalidation', async () => {
    const one = testApp(ordersAdmin([adminOrder()]), {}, await connected());
    const two = testApp(ordersAdmin([adminOrder()]), {}, await connected());
    // Both instances must be subscribed before an invalidation is published.
    await until(async () => {
      const [, count] = (await admin.pubsub('NUMSUB', `${env.REDIS_KEY_PREFIX}invalidate`)) as [
        string,
        number,
      ];
      return count >= 2;
    });
    expect((await one.handler(lookupRequest(ask))).status).toBe(200);
    expect(one.calls.length).toBeGreaterThan(0);
    expect((await two.handler(lookupRequest(ask))).status).toBe(200);
    expect(two.calls).toHaveLength(0);
    expect(await admin.keys(`${env.REDIS_KEY_PREFIX}view:*`)).toHaveLength(1);

    await one.app.invalidateOrder('demo-store.myshopify.com', '#1001');
    expect(await admin.keys(`${env.REDIS_KEY_PREFIX}view:*`)).toHaveLength(0);
    // The other instance drops its in-memory copy when the message arrives.
    await until(async () => {
      await two.handler(lookupRequest(ask));
      return two.calls.length > 0;
    });
    expect(two.calls.length).toBeGreaterThan(0);
  });

  it('falls back to memory when Redis goes away mid-run, logging once, and returns to Redis', async () => {
    const link = await relay(redisUrl);
    const { logger, lines } = memoryLogger();
    const state = createSharedState({ ...env, REDIS_URL: link.url() }, logger);
    opened.push(state);
    expect(await state.ready()).toBe(true);
    const t = testApp(ordersAdmin([adminOrder()]), LIMIT_ENV, state.deps);
    const asking = (ip: string) => t.handler(lookupRequest(ask, { ip }));
    expect((await asking('198.51.100.1')).status).toBe(200);

    await link.cut();
    await until(async () => lines.some((line) => line.event === 'redis_unavailable'));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await asking('198.51.100.2')).status);
    // Memory counts from zero: three allowed, the fourth refused.
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(lines.filter((line) => line.event === 'redis_unavailable')).toHaveLength(1);

    await link.restore();
    expect(await state.ready(5_000)).toBe(true);
    await until(async () => lines.some((line) => line.event === 'redis_restored'));
    expect(lines.filter((line) => line.event === 'redis_unavailable')).toHaveLength(1);
    // Back on Redis, whose count for this IP is still the one request made before the cut.
    const again: number[] = [];
    for (let i = 0; i < 3; i++) again.push((await asking('198.51.100.1')).status);
    expect(again).toEqual([200, 200, 429]);
  });

  it('names cached views without the e-mail, the order number or the shop', async () => {
    const t = testApp(ordersAdmin([adminOrder()]), {}, await connected());
    expect((await t.handler(lookupRequest(ask))).status).toBe(200);
    const views = await admin.keys(`${env.REDIS_KEY_PREFIX}view:*`);
    expect(views).toHaveLength(1);
    const keys = [...views, ...(await admin.keys(`${env.REDIS_KEY_PREFIX}order:*`))].join(' ');
    expect(keys).not.toContain('1001');
    expect(keys).not.toContain(ORDER_EMAIL);
    expect(keys).not.toContain('demo-store');
  });
});

/**
 * A TCP relay to the real Redis that can be cut and restored on the same port: Redis going away
 * and coming back, as the app sees it.
 */
async function relay(target: string) {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let listenPort = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = createServer((inbound) => {
        const outbound = connect(Number(port || 6379), hostname);
        for (const socket of [inbound, outbound]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {});
        }
        inbound.pipe(outbound).pipe(inbound);
      });
      server.listen(listenPort, '127.0.0.1', () => {
        const address = server?.address();
        if (address && typeof address === 'object') listenPort = address.port;
        resolve();
      });
    });
  await start();
  return {
    url: () => `redis://127.0.0.1:${listenPort}`,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server?.close(() => resolve());
      }),
    restore: start,
  };
}

async function until(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
