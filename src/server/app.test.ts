import { describe, expect, it } from 'vitest';
import { adminOrder, ORDER_EMAIL } from '../testing/admin-orders.js';
import { fakeAdmin, ordersAdmin } from '../testing/fake-admin.js';
import { lookupRequest, NOW } from '../testing/signed.js';
import { TEST_ENV } from '../testing/test-app.js';
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
    const { handler } = createApp(
      { ...TEST_ENV, SHOPIFY_ADMIN_ENDPOINT: 'http://127.0.0.1:4000/graphql' },
      { fetch: admin.fetch, clock: () => NOW },
    );
    const res = await handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    expect(res.status).toBe(200);
    expect(admin.calls.map((c) => c.url)).toEqual(['http://127.0.0.1:4000/graphql']);
  });
});
