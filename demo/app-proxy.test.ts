import { describe, expect, it } from 'vitest';
import { verifyAppProxyQuery } from '../src/server/auth/app-proxy-signature.js';
import { createAppProxy, type ProxiedShopper } from './app-proxy.js';

const NOW = 1_790_000_000;

function setup(answer: () => Response = () => Response.json({ ok: true })) {
  const seen: Request[] = [];
  const forward = createAppProxy({
    secret: 'hush',
    shop: 'demo-store.myshopify.com',
    pathPrefix: '/apps/track',
    upstreamPrefix: '/proxy',
    nowSeconds: () => NOW,
    upstream: async (request) => {
      seen.push(request);
      return answer();
    },
  });
  return { forward, seen };
}

const shopper: ProxiedShopper = {
  subpath: '/lookup',
  clientIp: '203.0.113.9',
  customerId: null,
  renderLiquid: async (source) => `<main>${source}</main>`,
};

describe('the local app proxy', () => {
  it('forwards to the app path with the query Shopify adds, signed so the proxy accepts it', async () => {
    const { forward, seen } = setup();
    await forward(new Request('http://store.test/apps/track/lookup?x=1&x=2'), shopper);
    const url = new URL(seen[0]?.url ?? '');
    expect(url.pathname).toBe('/proxy/lookup');
    expect([...url.searchParams.keys()]).toEqual([
      'x',
      'x',
      'shop',
      'logged_in_customer_id',
      'path_prefix',
      'timestamp',
      'signature',
    ]);
    expect(url.searchParams.get('logged_in_customer_id')).toBe('');
    expect(url.searchParams.get('path_prefix')).toBe('/apps/track');
    expect(verifyAppProxyQuery(url.searchParams, 'hush', NOW)).toEqual({
      ok: true,
      shop: 'demo-store.myshopify.com',
      loggedInCustomerId: null,
      pathPrefix: '/apps/track',
    });
  });

  it('signs the logged-in customer into the query', async () => {
    const { forward, seen } = setup();
    await forward(new Request('http://store.test/apps/track/orders'), {
      ...shopper,
      subpath: '/orders',
      customerId: '7001',
    });
    const params = new URL(seen[0]?.url ?? '').searchParams;
    const result = verifyAppProxyQuery(params, 'hush', NOW);
    expect(result.ok && result.loggedInCustomerId).toBe('7001');
  });

  it("replaces a shopper's own shop and signature parameters instead of passing them on", async () => {
    const { forward, seen } = setup();
    await forward(
      new Request('http://store.test/apps/track/lookup?shop=evil.myshopify.com&signature=00'),
      shopper,
    );
    const params = new URL(seen[0]?.url ?? '').searchParams;
    expect(params.getAll('shop')).toEqual(['demo-store.myshopify.com']);
    expect(params.getAll('signature')).toHaveLength(1);
  });

  it('strips cookies, sets X-Forwarded-For and forwards the method and body', async () => {
    const { forward, seen } = setup();
    await forward(
      new Request('http://store.test/apps/track/lookup', {
        method: 'POST',
        headers: {
          cookie: 'session=secret',
          'content-type': 'application/json',
          'x-forwarded-for': '10.0.0.1',
        },
        body: '{"orderNumber":"#1001"}',
      }),
      shopper,
    );
    const upstream = seen[0];
    expect(upstream?.method).toBe('POST');
    expect(upstream?.headers.get('cookie')).toBeNull();
    expect(upstream?.headers.get('x-forwarded-for')).toBe('203.0.113.9');
    expect(upstream?.headers.get('content-type')).toBe('application/json');
    expect(await upstream?.text()).toBe('{"orderNumber":"#1001"}');
  });

  it('renders an application/liquid answer in the theme and keeps its status', async () => {
    const { forward } = setup(
      () =>
        new Response('<p>timeline</p>', {
          status: 404,
          headers: { 'content-type': 'application/liquid; charset=utf-8' },
        }),
    );
    const response = await forward(new Request('http://store.test/apps/track/lookup'), shopper);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('<main><p>timeline</p></main>');
  });

  it('passes other answers through as they are, without Set-Cookie', async () => {
    const { forward } = setup(
      () =>
        new Response('{"error":{}}', {
          status: 429,
          headers: {
            'content-type': 'application/json',
            'retry-after': '30',
            'set-cookie': 'a=b',
          },
        }),
    );
    const response = await forward(new Request('http://store.test/apps/track/lookup'), shopper);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toBe('{"error":{}}');
  });

  it('answers 502 when the app fails to answer at all', async () => {
    const { forward } = setup(() => {
      throw new Error('down');
    });
    const response = await forward(new Request('http://store.test/apps/track/lookup'), shopper);
    expect(response.status).toBe(502);
  });
});
