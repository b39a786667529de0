import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/ports.js';
import { createRecommendations } from '../../src/recommendations/recommend.js';
import { createAdminGraphql } from '../../src/shopify/admin-client.js';
import { createStorefrontGraphql } from '../../src/shopify/storefront-client.js';
import { createStorefrontToken } from '../../src/shopify/storefront-token.js';
import { createAdminEmulator } from './admin-emulator.js';
import { seedOrders } from './seed-orders.js';
import { createStorefrontEmulator, STOREFRONT_GRAPHQL_PATH } from './storefront-emulator.js';

const TOKEN = 'public-demo-token';
const ORIGIN = 'http://127.0.0.1:4010';
const SHOP = 'nordlys-demo.myshopify.com';

function rig() {
  const emulator = createStorefrontEmulator({ accessToken: TOKEN });
  const fetch = async (input: string | URL | Request, init?: RequestInit) =>
    (await emulator.handle(new Request(input, init))) ?? new Response('missing', { status: 404 });
  const query = createStorefrontGraphql(
    { shop: SHOP, publicToken: TOKEN, apiOrigin: ORIGIN },
    { fetch },
  );
  const recommendations = createRecommendations(
    { cacheMax: 10, cacheTtlMs: 60_000, budgetMs: 800 },
    {
      storefront: async () => query,
      clock: () => Date.UTC(2026, 10, 30),
      timeoutSignal: () => new AbortController().signal,
      logger: silentLogger,
    },
  );
  return { emulator, fetch, recommendations };
}

describe('the local Storefront API', () => {
  it("recommends for the seed orders' products in the market's currency and language", async () => {
    const { recommendations, emulator } = rig();
    const orders = seedOrders(new Date('2026-11-26T12:00:00Z'));
    const ids = orders.flatMap((o) =>
      o.lineItems.flatMap((li) => (li.product ? [li.product.id] : [])),
    );
    expect(ids.length).toBeGreaterThan(0);
    const socks = 'gid://shopify/Product/8101';
    expect(ids).toContain(socks);
    const cards = await recommendations.recommend(SHOP, [socks], { language: 'NB', country: 'NO' });
    expect(cards.map((c) => c.title)).toEqual([
      'Ullue',
      'Turstøvler',
      'Turstaver',
      'Fjord regnjakke',
    ]);
    expect(cards[0]?.price).toEqual({ amount: '333.50', currencyCode: 'NOK' });
    expect(cards[0]?.image).toEqual({
      url: `${ORIGIN}/cdn/shop/files/wool-beanie.svg`,
      width: 360,
      height: 360,
      alt: 'Red knitted wool beanie',
    });
    const euro = await recommendations.recommend(SHOP, [socks], { language: 'DE', country: 'DE' });
    expect(euro[0]).toMatchObject({
      title: 'Wollmütze',
      price: { amount: '29.00', currencyCode: 'EUR' },
    });
    expect(emulator.calls()).toBe(4);
  });

  it('refuses another token and documents the schema does not have', async () => {
    const { fetch } = rig();
    const post = (token: string, query: string) =>
      fetch(`${ORIGIN}${STOREFRONT_GRAPHQL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-storefront-access-token': token },
        body: JSON.stringify({ query }),
      });
    expect((await post('wrong', '{ shop { name } }')).status).toBe(401);
    const invalid = (await (
      await post(TOKEN, '{ productRecommendations(productId: "1") { notAField } }')
    ).json()) as {
      errors: { message: string }[];
    };
    expect(invalid.errors[0]?.message).toMatch(/notAField/);
  });

  it('serves the product pictures it links to', async () => {
    const { fetch } = rig();
    const res = await fetch(`${ORIGIN}/cdn/shop/files/trail-boots.svg`);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toContain('<svg');
  });

  it('the Admin emulator makes a Storefront token for createStorefrontToken', async () => {
    const admin = createAdminEmulator({
      orders: [],
      accessToken: 'shpat_x',
      clock: () => Date.UTC(2026, 10, 30),
    });
    const query = createAdminGraphql(
      {
        shop: SHOP,
        accessToken: 'shpat_x',
        endpoint: `${ORIGIN}/admin/api/2026-10/graphql.json`,
        budgetMs: 5000,
      },
      {
        fetch: (input, init) => admin.handle(new Request(input, init)),
        clock: () => Date.UTC(2026, 10, 30),
        sleep: async () => {},
        timeoutSignal: () => new AbortController().signal,
        logger: silentLogger,
      },
    );
    expect(await createStorefrontToken(SHOP, query)).toMatch(/^[0-9a-f]{32}$/);
  });
});
