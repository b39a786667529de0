import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBodySchema } from '../contract/errors.js';
import { adminOrder, ORDER_EMAIL } from '../testing/admin-orders.js';
import { ordersAdmin } from '../testing/fake-admin.js';
import { lookupRequest } from '../testing/signed.js';
import { testApp } from '../testing/test-app.js';

// rate-limiter-flexible's memory store reads Date.now(); the tests move it with the injected clock.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const app = (env: Record<string, string>) => testApp(ordersAdmin([adminOrder()]), env);

async function codeOf(res: Response): Promise<string | undefined> {
  if (res.ok) return undefined;
  return ErrorBodySchema.parse(await res.json()).error.code;
}

describe('per shopper IP', () => {
  const env = { RATE_LIMIT_IP_POINTS: '3', RATE_LIMIT_IP_WINDOW_S: '60' };

  it('answers 429 rate_limited with Retry-After once the IP is over, and again after the window', async () => {
    const t = app(env);
    const ask = (ip: string) =>
      t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }, { ip, nowMs: t.now() }));
    for (let i = 0; i < 3; i++) expect((await ask('198.51.100.9')).status).toBe(200);
    t.advance(20_000);
    const refused = await ask('198.51.100.9');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('40');
    const body = ErrorBodySchema.parse(await refused.json());
    expect(body.error).toMatchObject({ code: 'rate_limited', retryAfter: 40 });
    expect((await ask('198.51.100.10')).status).toBe(200);
    t.advance(40_001);
    expect((await ask('198.51.100.9')).status).toBe(200);
  });

  it("counts the first X-Forwarded-For entry, Shopify's, not the proxies after it", async () => {
    const t = app(env);
    const ask = (xff: string) =>
      t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }, { ip: xff }));
    await ask('198.51.100.9, 10.0.0.1');
    await ask('198.51.100.9, 10.0.0.2');
    await ask('198.51.100.9');
    expect(await codeOf(await ask('198.51.100.9, 10.0.0.3'))).toBe('rate_limited');
    expect((await ask('10.0.0.1, 198.51.100.9')).status).toBe(200);
  });
});

describe('per order number, for failed attempts', () => {
  const env = {
    RATE_LIMIT_ORDER_FAILURES: '3',
    RATE_LIMIT_ORDER_WINDOW_S: '600',
    RATE_LIMIT_ORDER_BLOCK_S: '900',
  };

  it('locks one IP out of an order number after its own wrong emails, then unlocks', async () => {
    const t = app(env);
    const ask = (email: string, ip = '198.51.100.1') =>
      t.handler(lookupRequest({ orderNumber: '#1001', email }, { ip, nowMs: t.now() }));
    for (let i = 0; i < 3; i++) {
      expect(await codeOf(await ask(`wrong${i}@example.com`))).toBe('order_not_found');
    }
    const locked = await ask(ORDER_EMAIL);
    expect(await codeOf(locked)).toBe('rate_limited');
    expect(locked.headers.get('retry-after')).toBe('900');
    expect(t.calls).toHaveLength(3);
    t.advance(900_001);
    expect((await ask(ORDER_EMAIL)).status).toBe(200);
  });

  it.each([
    ['one other IP', 1],
    ['many other IPs', 40],
  ])("never refuses the right email because of %s's failures", async (_label, ips) => {
    const t = app({
      ...env,
      RATE_LIMIT_ORDER_GLOBAL_FAILURES: '10',
      RATE_LIMIT_SHOP_POINTS: '500',
    });
    for (let i = 0; i < ips; i++) {
      for (let n = 0; n < 3; n++) {
        await t.handler(
          lookupRequest(
            { orderNumber: '1001', email: `guess${n}@example.com` },
            { ip: `192.0.2.${i}`, nowMs: t.now() },
          ),
        );
      }
    }
    const owner = await t.handler(
      lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }, { ip: '203.0.113.200' }),
    );
    expect(owner.status).toBe(200);
  });

  it('bounds guessing overall: past the ceiling, each IP gets one wrong answer per window', async () => {
    const t = app({ ...env, RATE_LIMIT_ORDER_GLOBAL_FAILURES: '6' });
    const guess = (ip: string, n: number) =>
      t.handler(
        lookupRequest({ orderNumber: '1001', email: `g${n}@example.com` }, { ip, nowMs: t.now() }),
      );
    // Two IPs spend their three each: the ceiling of six is reached.
    for (const ip of ['192.0.2.1', '192.0.2.2']) {
      for (let n = 0; n < 3; n++) expect(await codeOf(await guess(ip, n))).toBe('order_not_found');
    }
    // A fresh IP now gets one wrong answer, then is locked.
    expect(await codeOf(await guess('192.0.2.3', 0))).toBe('order_not_found');
    expect(await codeOf(await guess('192.0.2.3', 1))).toBe('rate_limited');
    // Its owner, asking with the right email from an IP with one earlier typo, still gets the order.
    const typo = await guess('203.0.113.9', 9);
    expect(await codeOf(typo)).toBe('order_not_found');
    // ...that typo came after the ceiling, so it locked that IP too (its own failure, not others').
    expect(
      await codeOf(
        await t.handler(
          lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }, { ip: '203.0.113.9' }),
        ),
      ),
    ).toBe('rate_limited');
    const fresh = await t.handler(
      lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }, { ip: '203.0.113.10' }),
    );
    expect(fresh.status).toBe(200);
    // After the window the ceiling is forgotten: three tries per IP again.
    t.advance(900_001);
    for (let n = 0; n < 3; n++) {
      expect(await codeOf(await guess('192.0.2.4', n))).toBe('order_not_found');
    }
  });

  it('counts unknown orders the same way (no hint that the number exists)', async () => {
    const t = app(env);
    for (let i = 0; i < 3; i++) {
      await t.handler(
        lookupRequest({ orderNumber: '5555', email: ORDER_EMAIL }, { nowMs: t.now() }),
      );
    }
    const res = await t.handler(lookupRequest({ orderNumber: '5555', email: ORDER_EMAIL }));
    expect(await codeOf(res)).toBe('rate_limited');
  });

  it('leaves other order numbers open and forgets failures after the window', async () => {
    const t = app(env);
    const ask = (orderNumber: string, email: string) =>
      t.handler(lookupRequest({ orderNumber, email }, { nowMs: t.now() }));
    for (let i = 0; i < 3; i++) await ask('1001', 'x@example.com');
    expect((await ask('1002', ORDER_EMAIL)).status).toBe(404);
    t.advance(900_001);
    for (let i = 0; i < 2; i++) await ask('1001', 'x@example.com');
    expect((await ask('1001', ORDER_EMAIL)).status).toBe(200);
  });
});

describe('per shop, on Admin API calls only', () => {
  const env = { RATE_LIMIT_SHOP_POINTS: '2', RATE_LIMIT_SHOP_WINDOW_S: '1' };

  it('refuses the Admin call over the limit but still serves cached lookups', async () => {
    const t = app(env);
    const ask = (email: string) =>
      t.handler(lookupRequest({ orderNumber: '1001', email }, { nowMs: t.now() }));
    expect((await ask(ORDER_EMAIL)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await ask(ORDER_EMAIL)).status).toBe(200);
    expect(await codeOf(await ask('other@example.com'))).toBe('order_not_found');
    const over = await ask('third@example.com');
    expect(await codeOf(over)).toBe('rate_limited');
    expect(over.headers.get('retry-after')).toBe('1');
    expect(t.calls).toHaveLength(2);
    expect((await ask(ORDER_EMAIL)).status).toBe(200);
    t.advance(1001);
    expect(await codeOf(await ask('third@example.com'))).toBe('order_not_found');
  });
});
