import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Fetch } from '../../core/ports.js';
import { PING_BODY } from '../../overview/onboarding.js';
import { createLogger } from '../../platform/logger.js';
import type { AdminQuery } from '../../shopify/admin-client.js';
import type { AppEnv } from '../context.js';
import { HttpError } from '../http-error.js';
import { mountOnboardingRoute, proxyPing } from './api-onboarding.js';

const BLOCK = 'shopify://apps/track-your-order/blocks/track-order/abc';

/** The route behind a stand-in for the session-token middleware (`x-test-shop` is the shop). */
function testApp(themes: Record<string, boolean>, fetch: Fetch) {
  const asked: string[] = [];
  const app = new Hono<AppEnv>();
  const logger = createLogger({ level: 'silent' });
  app.use(async (c, next) => {
    c.set('requestId', 'test');
    c.set('log', logger);
    c.set('fields', {});
    const shop = c.req.header('x-test-shop');
    if (shop) (c as unknown as { set(k: string, v: string): void }).set('shop', shop);
    await next();
  });
  app.onError((error) =>
    error instanceof HttpError ? error.toResponse() : new Response('boom', { status: 500 }),
  );
  mountOnboardingRoute(app, {
    adminFor: (shop) => {
      const admin: AdminQuery = async (_document, _variables, schema) => {
        asked.push(shop);
        const content = JSON.stringify({
          sections: { a: { type: 'apps', blocks: themes[shop] ? { b: { type: BLOCK } } : {} } },
        });
        return schema.parse({
          shop: { primaryDomain: { url: `https://${shop.replace('.myshopify.com', '')}.example` } },
          themes: {
            nodes: [
              {
                id: 'gid://shopify/OnlineStoreTheme/1',
                name: `Theme of ${shop}`,
                files: { nodes: [{ filename: 'templates/page.json', body: { content } }] },
              },
            ],
          },
        });
      };
      return admin;
    },
    fetch,
  });
  return {
    asked,
    get: (shop: string) => app.request('/api/onboarding', { headers: { 'x-test-shop': shop } }),
  };
}

describe('GET /api/onboarding', () => {
  it("checks the session shop's own theme and storefront, never another shop's", async () => {
    const probed: string[] = [];
    const api = testApp(
      { 'alpha.myshopify.com': true, 'beta.myshopify.com': false },
      async (input) => {
        probed.push(String(input));
        return String(input).startsWith('https://alpha.example')
          ? Response.json(PING_BODY)
          : new Response('password', { status: 200 });
      },
    );
    const beta = await api.get('beta.myshopify.com');
    expect(beta.status).toBe(200);
    expect(await beta.json()).toEqual({
      block: { state: 'missing', themeName: 'Theme of beta.myshopify.com', files: [] },
      proxy: { state: 'not_answering', url: 'https://beta.example/apps/track/ping' },
    });
    expect(api.asked).toEqual(['beta.myshopify.com']);
    expect(probed).toEqual(['https://beta.example/apps/track/ping']);
    const alpha = (await (await api.get('alpha.myshopify.com')).json()) as {
      block: { state: string };
      proxy: { state: string };
    };
    expect([alpha.block.state, alpha.proxy.state]).toEqual(['added', 'answering']);
  });

  it('refuses a request that did not pass the session middleware', async () => {
    const api = testApp({}, async () => Response.json(PING_BODY));
    expect((await api.get('')).status).toBe(401);
    expect(api.asked).toEqual([]);
  });
});

describe('GET /proxy/ping', () => {
  it('answers the ping body as JSON, uncached', async () => {
    const response = proxyPing();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual(PING_BODY);
  });
});
