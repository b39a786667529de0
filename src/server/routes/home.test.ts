// The app home, the readiness database probe and the two settings modes.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRepositories } from '../../db/repositories.js';
import { testDatabase } from '../../db/testing.js';
import { createSealer } from '../../platform/crypto.js';
import { API_KEY } from '../../testing/session-tokens.js';
import { SECRET } from '../../testing/signed.js';
import { type AppStores, ConfigError, createApp } from '../app.js';
import { loadProxyConfig } from '../config.js';
import { frameAncestors } from './home.js';

const APP_ENV = {
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_APP_URL: 'https://track.example.com',
};

async function stores(ping?: () => Promise<void>): Promise<AppStores> {
  const database = await testDatabase();
  const sealer = createSealer(randomBytes(32));
  return {
    db: database.db,
    repos: createRepositories(database.db, sealer),
    sealer,
    ping: ping ?? database.ping,
  };
}

describe('GET /', () => {
  it('is the admin shell: API key meta, App Bridge then Polaris from the CDN, the #app mount', async () => {
    const app = createApp(
      { ...APP_ENV, SHOPIFY_CDN_ORIGIN: 'http://127.0.0.1:4000' },
      { stores: await stores() },
    );
    const response = await app.fetch(
      new Request('http://app.test/?shop=shop-a.myshopify.com&host=abc&embedded=1'),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain(`<meta name="shopify-api-key" content="${API_KEY}">`);
    const bridge = html.indexOf('src="http://127.0.0.1:4000/shopifycloud/app-bridge.js"');
    const polaris = html.indexOf('src="http://127.0.0.1:4000/shopifycloud/polaris.js"');
    expect(bridge).toBeGreaterThan(0);
    expect(polaris).toBeGreaterThan(bridge);
    expect(html).toMatch(/<div id="app">\s*<h1>Track your order<\/h1>/);
    expect(html).not.toContain(SECRET);
    expect(response.headers.get('content-security-policy')).toBe(
      'frame-ancestors https://shop-a.myshopify.com https://admin.shopify.com',
    );
  });

  it('names only a valid myshopify shop in frame-ancestors, plus the extra origins', () => {
    expect(frameAncestors('evil.example.com', [])).toBe(
      'frame-ancestors https://admin.shopify.com',
    );
    expect(frameAncestors('a.myshopify.com https://evil.example.com', [])).toBe(
      'frame-ancestors https://admin.shopify.com',
    );
    expect(frameAncestors(undefined, ['http://127.0.0.1:8080'])).toBe(
      'frame-ancestors https://admin.shopify.com http://127.0.0.1:8080',
    );
  });

  it('is not served in custom-app mode (there is no embedded admin)', async () => {
    const app = createApp({
      SHOPIFY_API_SECRET: SECRET,
      SHOPIFY_SHOP: 'demo-store.myshopify.com',
      SHOPIFY_ADMIN_TOKEN: 'shpat_x',
    });
    expect((await app.fetch(new Request('http://app.test/'))).status).toBe(404);
  });
});

describe('GET /readyz', () => {
  it('answers 503 database_unavailable when the database does not answer', async () => {
    let up = true;
    const app = createApp(APP_ENV, {
      stores: await stores(async () => {
        if (!up) throw new Error('down');
      }),
    });
    expect((await app.fetch(new Request('http://app.test/readyz'))).status).toBe(200);
    up = false;
    const down = await app.fetch(new Request('http://app.test/readyz'));
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe(
      'database_unavailable',
    );
  });
});

describe('settings modes', () => {
  const errorOf = (env: Record<string, string>) => {
    try {
      loadProxyConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error;
    }
    throw new Error('no ConfigError');
  };

  it('needs one complete mode and names what is missing', () => {
    expect(errorOf({ SHOPIFY_API_SECRET: SECRET }).missing).toEqual([
      'SHOPIFY_API_KEY',
      'SHOPIFY_APP_URL',
    ]);
    expect(errorOf({ SHOPIFY_API_KEY: API_KEY }).missing).toEqual([
      'SHOPIFY_API_SECRET',
      'SHOPIFY_APP_URL',
    ]);
    expect(errorOf({ ...APP_ENV, SHOPIFY_SHOP: 'a.myshopify.com' }).missing).toEqual([
      'SHOPIFY_ADMIN_TOKEN',
    ]);
  });

  it('takes app mode, custom-app mode, or both; an empty setting is unset', () => {
    const app = loadProxyConfig({ ...APP_ENV, SHOPIFY_SHOP: '', SHOPIFY_ADMIN_TOKEN: ' ' });
    expect(app.app).toEqual({ apiKey: API_KEY, appUrl: 'https://track.example.com' });
    expect(app.custom).toBeUndefined();
    const both = loadProxyConfig({
      ...APP_ENV,
      SHOPIFY_SHOP: 'A.myshopify.com',
      SHOPIFY_ADMIN_TOKEN: 'shpat_x',
    });
    expect(both.custom?.shop).toBe('a.myshopify.com');
    expect(both.app?.apiKey).toBe(API_KEY);
  });

  it('refuses an http app URL except on localhost, and an API origin with a path', () => {
    expect(errorOf({ ...APP_ENV, SHOPIFY_APP_URL: 'http://track.example.com' }).invalid).toEqual([
      'SHOPIFY_APP_URL',
    ]);
    expect(
      loadProxyConfig({ ...APP_ENV, SHOPIFY_APP_URL: 'http://localhost:3000/' }).app?.appUrl,
    ).toBe('http://localhost:3000');
    expect(
      errorOf({ ...APP_ENV, SHOPIFY_API_ORIGIN: 'http://127.0.0.1:8080/admin' }).invalid,
    ).toEqual(['SHOPIFY_API_ORIGIN']);
    expect(
      loadProxyConfig({ ...APP_ENV, SHOPIFY_API_ORIGIN: 'http://127.0.0.1:8080/' }).apiOrigin,
    ).toBe('http://127.0.0.1:8080');
    expect(errorOf({ ...APP_ENV, FRAME_ANCESTORS_EXTRA: 'javascript:x' }).invalid).toEqual([
      'FRAME_ANCESTORS_EXTRA',
    ]);
  });
});
