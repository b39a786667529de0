import { describe, expect, it } from 'vitest';
import { type AdminCall, json } from '../../testing/fake-admin.js';
import { signedUrl } from '../../testing/signed.js';
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

/** Storefront answers: RELATED gives products 50 and 51, COMPLEMENTARY none. */
function storefrontScript(call: AdminCall) {
  if (!call.url.endsWith('/api/2026-10/graphql.json'))
    return json({ errors: [{ message: 'no' }] }, 404);
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
