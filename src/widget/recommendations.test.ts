// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { formatPrice } from './recommend-format.js';
import { drawCards, fetchCards, productIds, type RecommendationCard } from './recommendations.js';

const card = (n: number, currencyCode = 'EUR'): RecommendationCard => ({
  title: `Wool hat ${n}`,
  url: `/products/wool-hat-${n}`,
  image: { url: `https://cdn.test/${n}.jpg`, width: 360, height: 360, alt: `A grey wool hat ${n}` },
  price: { amount: '1234.5', currencyCode },
});

describe('recommendations chunk', () => {
  it('formats prices with the currency in the shopper locale', () => {
    const expectFor = (locale: string, currency: string) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency }).format(1234.5);
    expect(formatPrice('1234.5', 'EUR', 'de')).toBe(expectFor('de', 'EUR'));
    expect(formatPrice('1234.5', 'JPY', 'ja')).toBe(expectFor('ja', 'JPY'));
    expect(formatPrice('1234.5', 'NOK', 'nb')).toBe(expectFor('nb', 'NOK'));
    expect(formatPrice('1234.5', 'EUR', 'de')).not.toBe(formatPrice('1234.5', 'EUR', 'en'));
    // An unknown currency code still shows the amount rather than failing.
    expect(formatPrice('5.0', 'NOT A CODE', 'en')).toBe('5.0 NOT A CODE');
  });

  it("asks for the order's products once each, numeric, at most ten", () => {
    const items = [1, 2, 1, 3].map((n) => ({ productId: `gid://shopify/Product/${n}` }));
    expect(productIds({ order: { lineItems: [...items, {}, { productId: 'x' }] } })).toEqual([
      '1',
      '2',
      '3',
    ]);
  });

  it('draws a labelled list: image with alt, product link under the store locale, price', () => {
    const section = drawCards([card(1), { ...card(2), image: null }], {
      heading: 'Passt dazu',
      locale: 'de',
      root: '/de/',
      id: 'TrackOrder-x',
    });
    const heading = section.querySelector('h3');
    expect(heading?.textContent).toBe('Passt dazu');
    expect(section.getAttribute('aria-labelledby')).toBe(heading?.id);
    const items = section.querySelectorAll('li');
    expect(items).toHaveLength(2);
    const img = items[0]?.querySelector('img');
    expect(img?.getAttribute('alt')).toBe('A grey wool hat 1');
    expect(img?.getAttribute('width')).toBe('360');
    expect(items[0]?.querySelector('a')?.getAttribute('href')).toBe('/de/products/wool-hat-1');
    expect(items[0]?.querySelector('p')?.textContent).toBe(formatPrice('1234.5', 'EUR', 'de'));
    expect(items[1]?.querySelector('img')).toBeNull();
  });

  it('reads any failure of the proxy as no cards', async () => {
    const urls: string[] = [];
    const answer =
      (body: unknown, status = 200) =>
      async (url: string) => {
        urls.push(url);
        return new Response(JSON.stringify(body), { status });
      };
    expect(
      await fetchCards(answer({ products: [card(1)] }), '/apps/track', ['7'], 'de', 'DE'),
    ).toHaveLength(1);
    expect(urls[0]).toBe('/apps/track/recommendations?products=7&locale=de&country=DE');
    expect(await fetchCards(answer({ error: {} }, 500), '/a', ['7'], 'de', undefined)).toEqual([]);
    expect(await fetchCards(answer('nope'), '/a', ['7'], 'de', undefined)).toEqual([]);
    const offline = async () => {
      throw new TypeError('offline');
    };
    expect(await fetchCards(offline, '/a', ['7'], 'de', undefined)).toEqual([]);
  });
});
