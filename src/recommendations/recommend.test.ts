import { describe, expect, it } from 'vitest';
import { type Logger, silentLogger } from '../core/ports.js';
import { StorefrontError, type StorefrontQuery } from '../shopify/storefront-client.js';
import type { RecommendedProduct } from '../shopify/storefront-documents.js';
import {
  createRecommendations,
  type Market,
  productGid,
  storefrontCountry,
  storefrontLanguage,
} from './recommend.js';

const SHOP = 'a.myshopify.com';
const gid = (n: number) => `gid://shopify/Product/${n}`;
const product = (n: number, currency = 'EUR'): RecommendedProduct => ({
  id: gid(n),
  title: `Product ${n}`,
  handle: `product-${n}`,
  availableForSale: true,
  featuredImage: { url: `https://cdn.test/${n}.jpg`, width: 360, height: 360, altText: null },
  priceRange: { minVariantPrice: { amount: `${n}.0`, currencyCode: currency } },
});

interface Call {
  productId: string;
  intent: string;
  country: unknown;
  language: unknown;
}

/** A Storefront double: answers from a table keyed by `productId intent`; records each call. */
function storefront(table: Record<string, RecommendedProduct[] | 'fail' | 'hang'>): {
  query: StorefrontQuery;
  calls: Call[];
} {
  const calls: Call[] = [];
  const query: StorefrontQuery = async (_doc, variables, schema, signal) => {
    const v = variables as unknown as Call;
    calls.push({
      productId: v.productId,
      intent: v.intent,
      country: v.country,
      language: v.language,
    });
    const answer = table[`${v.productId} ${v.intent}`] ?? [];
    if (answer === 'fail') throw new StorefrontError('status', 'HTTP 500');
    if (answer === 'hang') {
      await new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(new StorefrontError('aborted', 'x'))),
      );
    }
    return schema.parse({ productRecommendations: answer });
  };
  return { query, calls };
}

function recommender(
  query: StorefrontQuery | null,
  options: { now?: () => number; timeout?: AbortController; logger?: Logger } = {},
) {
  const timeout = options.timeout ?? new AbortController();
  return createRecommendations(
    { cacheMax: 100, cacheTtlMs: 60_000, budgetMs: 800 },
    {
      storefront: async () => query,
      clock: options.now ?? (() => Date.UTC(2026, 10, 30)),
      timeoutSignal: () => timeout.signal,
      logger: options.logger ?? silentLogger,
    },
  );
}

const MARKET: Market = { language: 'DE', country: 'DE' };

describe('recommendations', () => {
  it('takes RELATED then COMPLEMENTARY, de-duplicated, without the ordered products, at most 4', async () => {
    const { query, calls } = storefront({
      [`${gid(1)} RELATED`]: [product(2), product(10), product(11)],
      [`${gid(1)} COMPLEMENTARY`]: [product(10), product(12)],
      [`${gid(2)} RELATED`]: [product(1), product(20)],
    });
    const cards = await recommender(query).recommend(SHOP, [gid(1), gid(2)], MARKET);
    // Round-robin over the order's products; 2 and 1 are in the order, 10 comes once.
    expect(cards.map((c) => c.title)).toEqual([
      'Product 10',
      'Product 20',
      'Product 11',
      'Product 12',
    ]);
    expect(cards[0]).toEqual({
      title: 'Product 10',
      url: '/products/product-10',
      image: { url: 'https://cdn.test/10.jpg', width: 360, height: 360, alt: 'Product 10' },
      price: { amount: '10.0', currencyCode: 'EUR' },
    });
    expect(calls.filter((c) => c.productId === gid(1)).map((c) => c.intent)).toEqual([
      'RELATED',
      'COMPLEMENTARY',
    ]);
    expect(calls.every((c) => c.country === 'DE' && c.language === 'DE')).toBe(true);
  });

  it('caches per shop, product, language and country', async () => {
    let now = Date.UTC(2026, 10, 30);
    const { query, calls } = storefront({ [`${gid(1)} RELATED`]: [product(5)] });
    const r = recommender(query, { now: () => now });
    await r.recommend(SHOP, [gid(1)], MARKET);
    await r.recommend(SHOP, [gid(1)], MARKET);
    expect(calls).toHaveLength(2); // RELATED + COMPLEMENTARY, once
    await r.recommend(SHOP, [gid(1)], { language: 'EN', country: 'DE' });
    await r.recommend(SHOP, [gid(1)], { language: 'DE', country: 'US' });
    await r.recommend('b.myshopify.com', [gid(1)], MARKET);
    expect(calls).toHaveLength(8);
    now += 61_000;
    expect((await r.recommend(SHOP, [gid(1)], MARKET)).map((c) => c.title)).toEqual(['Product 5']);
    expect(calls).toHaveLength(10);
  });

  it('gives what it has when the time box closes, and never waits longer', async () => {
    const { query } = storefront({
      [`${gid(1)} RELATED`]: [product(5)],
      [`${gid(2)} RELATED`]: 'hang',
    });
    const timeout = new AbortController();
    const r = recommender(query, { timeout });
    const answer = r.recommend(SHOP, [gid(1), gid(2)], MARKET);
    await new Promise((resolve) => setTimeout(resolve, 0));
    timeout.abort();
    expect((await answer).map((c) => c.title)).toEqual(['Product 5']);
  });

  it('answers an empty list for a failing Storefront, logs the fault, and does not cache it', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger: Logger = { info() {}, warn: (l) => lines.push(l), error() {} };
    const table: Record<string, RecommendedProduct[] | 'fail'> = { [`${gid(1)} RELATED`]: 'fail' };
    const { query, calls } = storefront(table);
    const r = recommender(query, { logger });
    expect(await r.recommend(SHOP, [gid(1)], MARKET)).toEqual([]);
    expect(lines).toEqual([
      { event: 'recommendations_failed', intent: 'RELATED', fault: 'status' },
    ]);
    table[`${gid(1)} RELATED`] = [product(7)];
    expect((await r.recommend(SHOP, [gid(1)], MARKET)).map((c) => c.title)).toEqual(['Product 7']);
    expect(calls).toHaveLength(3);
  });

  it('answers an empty list for a store without recommendations or without a token', async () => {
    const { query } = storefront({});
    expect(await recommender(query).recommend(SHOP, [gid(1)], MARKET)).toEqual([]);
    expect(await recommender(null).recommend(SHOP, [gid(1)], MARKET)).toEqual([]);
  });

  it('leaves out products that are not for sale and falls back to the title for alt text', async () => {
    const soldOut = { ...product(3), availableForSale: false };
    const noImage = { ...product(4), featuredImage: null };
    const { query } = storefront({ [`${gid(1)} RELATED`]: [soldOut, noImage, product(6)] });
    const cards = await recommender(query).recommend(SHOP, [gid(1)], MARKET);
    expect(cards.map((c) => [c.title, c.image?.alt ?? null])).toEqual([
      ['Product 4', null],
      ['Product 6', 'Product 6'],
    ]);
  });
});

describe('input mapping', () => {
  it('reads numeric ids and product GIDs only', () => {
    expect(productGid('123')).toBe(gid(123));
    expect(productGid('gid://shopify/Product/9')).toBe(gid(9));
    expect(productGid('gid://shopify/Order/9')).toBeUndefined();
    expect(productGid('12a')).toBeUndefined();
    expect(productGid('')).toBeUndefined();
  });

  it('maps storefront locales to Storefront language codes and countries to country codes', () => {
    expect(storefrontLanguage('pt-BR')).toBe('PT_BR');
    expect(storefrontLanguage('pt')).toBe('PT_PT');
    expect(storefrontLanguage('de')).toBe('DE');
    expect(storefrontLanguage('nb-NO')).toBe('NB');
    expect(storefrontLanguage('en-US')).toBe('EN');
    expect(storefrontLanguage('<x>')).toBeUndefined();
    expect(storefrontCountry('de')).toBe('DE');
    expect(storefrontCountry('DEU')).toBeUndefined();
  });
});
