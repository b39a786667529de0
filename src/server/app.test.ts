import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '../contract/errors.js';
import { silentLogger } from '../core/ports.js';
import { createAdminGraphql } from '../shopify/admin-client.js';
import { createShopCheck } from '../shopify/shop-check.js';
import { adminOrder, ORDER_EMAIL } from '../testing/admin-orders.js';
import { fakeAdmin, json, ordersAdmin, storeAdmin } from '../testing/fake-admin.js';
import { lookupRequest, NOW, SHOP, TOKEN } from '../testing/signed.js';
import { TEST_ENV, testApp } from '../testing/test-app.js';
import { ConfigError, createApp } from './app.js';

describe('createApp', () => {
  it('names every missing required setting and no value', () => {
    let caught: unknown;
    try {
      createApp({ SHOPIFY_SHOP: 'demo-store.myshopify.com' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).missing).toEqual(['SHOPIFY_API_SECRET', 'SHOPIFY_ADMIN_TOKEN']);
    expect((caught as ConfigError).message).toContain('SHOPIFY_API_SECRET, SHOPIFY_ADMIN_TOKEN');
  });

  it('stops on a malformed carrier setting, naming it without its value', () => {
    let caught: unknown;
    try {
      createApp({
        ...TEST_ENV,
        BRING_API_UID: 'u',
        BRING_API_KEY: 'k',
        BRING_TRACKING_URL: 'ftp://secret.example',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).invalid).toEqual(['BRING_TRACKING_URL']);
    expect((caught as ConfigError).message).toContain(
      'BRING_TRACKING_URL must be an http or https URL',
    );
    expect((caught as ConfigError).message).not.toContain('secret.example');
  });

  it('treats blank settings as missing and rejects malformed numbers and endpoints', () => {
    expect(() => createApp({ ...TEST_ENV, SHOPIFY_API_SECRET: '  ' })).toThrow(
      /SHOPIFY_API_SECRET/,
    );
    const error = (() => {
      try {
        createApp({ ...TEST_ENV, RATE_LIMIT_IP_POINTS: 'many', SHOPIFY_ADMIN_ENDPOINT: 'ftp://x' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.invalid).toEqual(['RATE_LIMIT_IP_POINTS', 'SHOPIFY_ADMIN_ENDPOINT']);
  });

  it('sends Admin calls to SHOPIFY_ADMIN_ENDPOINT when set, http included', async () => {
    const admin = fakeAdmin(ordersAdmin([adminOrder()]));
    const { fetch: handler } = createApp(
      { ...TEST_ENV, SHOPIFY_ADMIN_ENDPOINT: 'http://127.0.0.1:4000/graphql' },
      { fetch: admin.fetch, clock: () => NOW },
    );
    const res = await handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    expect(res.status).toBe(200);
    expect(admin.calls.map((c) => c.url)).toEqual(['http://127.0.0.1:4000/graphql']);
  });
});

describe('settings', () => {
  it('refuses SHOPIFY_SHOP without .myshopify.com, by name and without its value', () => {
    const error = (() => {
      try {
        createApp({ ...TEST_ENV, SHOPIFY_SHOP: 'my-secret-shop' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.invalid).toEqual(['SHOPIFY_SHOP']);
    expect(error?.message).toContain('myshopify.com');
    expect(error?.message).not.toContain('my-secret-shop');
  });

  it('counts an empty variable as unset, and listens on 0.0.0.0:3000 by default', () => {
    const app = createApp({ ...TEST_ENV, HOST: '', PORT: '', RATE_LIMIT_IP_POINTS: '' });
    expect(app.config.host).toBe('0.0.0.0');
    expect(app.config.port).toBe(3000);
    expect(app.config.limits.ipPoints).toBe(30);
    expect(() => createApp({ ...TEST_ENV, SHOPIFY_ADMIN_TOKEN: '' })).toThrow(
      /SHOPIFY_ADMIN_TOKEN/,
    );
  });
});

describe('the start-up Shopify check and /readyz', () => {
  const shopAnswer = () => json({ data: { shop: { name: 'Demo', ianaTimezone: 'Europe/Oslo' } } });

  it('answers /readyz 503 shopify_unauthorized until the check has passed, then 200', async () => {
    const t = testApp((call) => (call.query.includes('ShopCheck') ? shopAnswer() : json({}, 500)));
    const before = await t.handler(new Request('http://proxy.test/readyz'));
    expect(before.status).toBe(503);
    expect(((await before.json()) as ErrorBody).error.code).toBe('shopify_unauthorized');
    expect(t.calls).toHaveLength(0);
    await t.app.shopCheck.start();
    const after = await t.handler(new Request('http://proxy.test/readyz'));
    expect(after.status).toBe(200);
    expect(t.app.shopCheck.state()).toMatchObject({ status: 'ok', timeZone: 'Europe/Oslo' });
  });

  it('with a refused token: logs it clearly, lookups answer 503 upstream_unavailable, retried every 30 s', async () => {
    let accept = false;
    const t = testApp((call) => {
      if (call.query.includes('ShopCheck')) {
        return accept ? shopAnswer() : json({ errors: 'Invalid API key or access token' }, 401);
      }
      return storeAdmin([adminOrder()])(call, 1);
    });
    const retries: { run: () => void; ms: number }[] = [];
    const check = createShopCheck({
      admin: createAdminGraphql(
        { shop: SHOP, accessToken: 'x', endpoint: undefined, budgetMs: 1000 },
        {
          fetch: fakeAdmin(() => json({}, 401)).fetch,
          clock: () => NOW,
          sleep: async () => {},
          timeoutSignal: () => new AbortController().signal,
          logger: silentLogger,
        },
      ),
      logger: silentLogger,
      schedule: (run, ms) => {
        retries.push({ run, ms });
        return () => {};
      },
    });
    expect(await check.start()).toEqual({ status: 'failed', reason: 'unauthorized' });
    expect(retries.map((r) => r.ms)).toEqual([30_000]);

    // The app's own check, with its log line and the effect on lookups.
    expect((await t.app.shopCheck.start()).status).toBe('failed');
    t.app.shopCheck.stop();
    const failed = t.logs.find((l) => l.event === 'shopify_check_failed');
    expect(failed).toMatchObject({ level: 'error', reason: 'unauthorized', httpStatus: 401 });
    expect(JSON.stringify(t.logs)).not.toContain(TOKEN);
    const res = await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    expect(res.status).toBe(503);
    expect(((await res.json()) as ErrorBody).error.code).toBe('upstream_unavailable');
    const ready = await t.handler(new Request('http://proxy.test/readyz'));
    expect(((await ready.json()) as ErrorBody).error.code).toBe('shopify_unauthorized');

    accept = true;
    expect((await t.app.shopCheck.start()).status).toBe('ok');
    const later = await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    expect(later.status).toBe(200);
  });

  it('asks every injected readiness probe, naming the first that fails', async () => {
    const t = testApp(shopAnswer, {}, { readiness: [() => 'database_unavailable'] });
    await t.app.shopCheck.start();
    const res = await t.handler(new Request('http://proxy.test/readyz'));
    expect(res.status).toBe(503);
    expect(((await res.json()) as ErrorBody).error.code).toBe('database_unavailable');
  });
});
