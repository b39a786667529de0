import { describe, expect, it } from 'vitest';
import { adminOrder, lookupBody, ORDER_EMAIL } from '../../testing/admin-orders.js';
import { type AdminCall, json } from '../../testing/fake-admin.js';
import { formRequest, signedUrl } from '../../testing/signed.js';
import { testApp } from '../../testing/test-app.js';

const STOREFRONT_URL = 'https://demo-store.myshopify.com/api/2026-10/graphql.json';

const product = (n: number) => ({
  id: `gid://shopify/Product/${n}`,
  title: `Wool hat ${n}`,
  handle: `wool-hat-${n}`,
  availableForSale: true,
  featuredImage: { url: `https://cdn.test/${n}.jpg`, width: 360, height: 360, altText: 'A hat' },
  priceRange: { minVariantPrice: { amount: '19.5', currencyCode: 'NOK' } },
});

const isStorefront = (call: AdminCall) =>
  !call.url.includes('/admin/') && call.url.endsWith('/api/2026-10/graphql.json');

/** Storefront answers: RELATED gives products 50 and 51, COMPLEMENTARY none. */
function storefrontScript(call: AdminCall) {
  if (!isStorefront(call)) return json({ errors: [{ message: 'no' }] }, 404);
  const related = call.variables.intent === 'RELATED';
  return json({ data: { productRecommendations: related ? [product(50), product(51)] : [] } });
}

const url = (query: Record<string, string>) =>
  signedUrl('/proxy/recommendations', { extra: query });

describe('GET /proxy/recommendations', () => {
  it('answers the products the Storefront API recommends, in the shopper market', async () => {
    const t = testApp(storefrontScript, { SHOPIFY_STOREFRONT_TOKEN: 'public-token' });
    const res = await t.handler(
      new Request(url({ products: '7,50', locale: 'nb-NO', country: 'no' })),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      products: [
        {
          title: 'Wool hat 51',
          url: '/products/wool-hat-51',
          image: { url: 'https://cdn.test/51.jpg', width: 360, height: 360, alt: 'A hat' },
          price: { amount: '19.5', currencyCode: 'NOK' },
        },
      ],
    });
    const first = t.calls[0];
    expect(first?.url).toBe(STOREFRONT_URL);
    expect(first?.headers.get('x-shopify-storefront-access-token')).toBe('public-token');
    expect(first?.variables).toEqual({
      productId: 'gid://shopify/Product/7',
      intent: 'RELATED',
      country: 'NO',
      language: 'NB',
    });
  });

  it('sends Storefront calls to SHOPIFY_API_ORIGIN when it is set', async () => {
    const t = testApp(storefrontScript, {
      SHOPIFY_STOREFRONT_TOKEN: 'public-token',
      SHOPIFY_API_ORIGIN: 'http://127.0.0.1:9999/',
    });
    await t.handler(new Request(url({ products: 'gid://shopify/Product/7' })));
    expect(t.calls[0]?.url).toBe('http://127.0.0.1:9999/api/2026-10/graphql.json');
  });

  it('answers an empty list without a Storefront token, calling nobody', async () => {
    const t = testApp(storefrontScript);
    const res = await t.handler(new Request(url({ products: '7' })));
    expect(await res.json()).toEqual({ products: [] });
    expect(t.calls).toHaveLength(0);
  });

  it('answers an empty list when the Storefront API fails', async () => {
    const t = testApp(() => json({ errors: 'bad' }, 502), { SHOPIFY_STOREFRONT_TOKEN: 'tok' });
    const res = await t.handler(new Request(url({ products: '7' })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ products: [] });
  });

  it.each([
    [{}, 'products', 'required'],
    [{ products: '1,2,3,4,5,6,7,8,9,10,11' }, 'products', 'too_many'],
    [{ products: '7,gid://shopify/Order/1' }, 'products', 'invalid_format'],
    [{ products: '7', locale: 'en<script>' }, 'locale', 'invalid_format'],
    [{ products: '7', country: 'Norway' }, 'country', 'invalid_format'],
  ])('refuses %j with invalid_input', async (query, field, issue) => {
    const t = testApp(storefrontScript, { SHOPIFY_STOREFRONT_TOKEN: 'tok' });
    const res = await t.handler(new Request(url(query as Record<string, string>)));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: unknown[] } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.fields).toEqual([{ field, issue }]);
    expect(t.calls).toHaveLength(0);
  });

  it('refuses an unsigned request', async () => {
    const t = testApp(storefrontScript, { SHOPIFY_STOREFRONT_TOKEN: 'tok' });
    const res = await t.handler(new Request('http://proxy.test/proxy/recommendations?products=7'));
    expect(res.status).toBe(401);
  });
});

describe('the no-JS timeline page', () => {
  const order = adminOrder({
    lineItems: {
      nodes: [{ name: 'Wool hat', quantity: 1, product: { id: 'gid://shopify/Product/7' } }],
    },
  });
  /** Admin answers the lookup; Storefront answers as `storefront` says. */
  const script =
    (storefront: (call: AdminCall) => Response | Promise<Response>) => (call: AdminCall) =>
      isStorefront(call) ? storefront(call) : json(lookupBody([order]));
  const post = (extra: Record<string, string>) =>
    formRequest({ orderNumber: '1001', email: ORDER_EMAIL, locale: 'de', ...extra });

  it('shows the recommendations under the timeline when the block turned them on', async () => {
    const t = testApp(script(storefrontScript), { SHOPIFY_STOREFRONT_TOKEN: 'tok' });
    const res = await t.handler(post({ recommendations: 'Passt dazu', country: 'DE' }));
    const html = await res.text();
    expect(html).toContain(
      '<h3 class="track-order__subtitle" id="track-order-recs">Passt dazu</h3>',
    );
    expect(html).toContain('href="/products/wool-hat-51"');
    // Prices in the shopper's locale and the market's currency.
    expect(html).toContain(
      new Intl.NumberFormat('de', { style: 'currency', currency: 'NOK' }).format(19.5),
    );
    expect(html.indexOf('track-order__recs')).toBeGreaterThan(html.indexOf('track-order__result'));
    const storefrontCall = t.calls.find(isStorefront);
    expect(storefrontCall?.variables).toMatchObject({ country: 'DE', language: 'DE' });
  });

  it('shows none when the block turned them off', async () => {
    const t = testApp(script(storefrontScript), { SHOPIFY_STOREFRONT_TOKEN: 'tok' });
    const res = await t.handler(post({}));
    const html = await res.text();
    expect(html).toContain('track-order__result');
    expect(html).not.toContain('track-order__recs');
    expect(t.calls.some(isStorefront)).toBe(false);
  });

  it('does not wait past its time box for a slow Storefront: the timeline goes out without them', async () => {
    const budgets: number[] = [];
    const timeout = new AbortController();
    const hang = (call: AdminCall) =>
      new Promise<Response>((_resolve, reject) => {
        call.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        // The page's 300 ms box closes while Shopify still thinks.
        queueMicrotask(() => timeout.abort());
      });
    const t = testApp(
      script(hang),
      { SHOPIFY_STOREFRONT_TOKEN: 'tok' },
      {
        timeoutSignal: (ms) => {
          budgets.push(ms);
          return ms === 300 ? timeout.signal : new AbortController().signal;
        },
      },
    );
    const res = await t.handler(post({ recommendations: 'Passt dazu' }));
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('track-order__result');
    expect(html).not.toContain('track-order__recs');
    expect(budgets).toContain(300);
  });
});
