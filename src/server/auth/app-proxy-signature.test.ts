import { describe, expect, it } from 'vitest';
import { appProxyMessage, signAppProxyQuery, verifyAppProxyQuery } from './app-proxy-signature.js';

const SECRET = 'hush';
const DOC_QUERY =
  'extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555';

describe("Shopify's documented test vectors", () => {
  it('builds the documented message and signature for a logged-in customer', () => {
    const params = new URLSearchParams(DOC_QUERY);
    expect(appProxyMessage(params)).toBe(
      'extra=1,2logged_in_customer_id=1path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555',
    );
    expect(signAppProxyQuery(params, SECRET)).toBe(
      '4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb',
    );
  });

  it('signs an empty logged_in_customer_id as the documented second vector', () => {
    const params = new URLSearchParams(
      DOC_QUERY.replace('logged_in_customer_id=1', 'logged_in_customer_id='),
    );
    expect(signAppProxyQuery(params, SECRET)).toBe(
      'e072b6d7e6622d85912a5214b860d3100dc1e73d9bc29f43796ac8c9ff8093cb',
    );
  });

  it('verifies the documented request inside the time window', () => {
    const params = new URLSearchParams(DOC_QUERY);
    params.append('signature', '4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb');
    expect(verifyAppProxyQuery(params, SECRET, 1317327555 + 30)).toEqual({
      ok: true,
      shop: 'shop-name.myshopify.com',
      loggedInCustomerId: '1',
      pathPrefix: '/apps/awesome_reviews',
    });
  });
});

describe('byte-order sorting of whole key=value strings', () => {
  it('puts a key that extends another before it when its next byte is smaller than "="', () => {
    // '-' (0x2d) < '=' (0x3d): "a-b=2" sorts before "a=1"; localeCompare on keys would disagree.
    expect(appProxyMessage(new URLSearchParams('a=1&a-b=2'))).toBe('a-b=2a=1');
  });

  it('sorts upper case before lower case, as bytes do', () => {
    expect(appProxyMessage(new URLSearchParams('b=1&B=2&a=3'))).toBe('B=2a=3b=1');
  });

  it('sorts a character from U+E000 up before an emoji, as their UTF-8 bytes do', () => {
    // In UTF-16 the emoji's surrogate (0xD83D) sorts below 0xE000; in UTF-8, 0xF0 sorts above 0xEE.
    const params = new URLSearchParams();
    params.append('\u{1F600}', '1');
    params.append('\uE000', '2');
    params.append('a', '3');
    expect(appProxyMessage(params)).toBe('a=3\uE000=2\u{1F600}=1');
  });

  it('signs decoded values: percent-encoded and non-ASCII values give the same signature', () => {
    const encoded = new URLSearchParams('q=%C3%A6%C3%B8%C3%A5%20%2B&shop=x.myshopify.com');
    const literal = new URLSearchParams();
    literal.append('q', 'æøå +');
    literal.append('shop', 'x.myshopify.com');
    expect(signAppProxyQuery(encoded, SECRET)).toBe(signAppProxyQuery(literal, SECRET));
    expect(appProxyMessage(encoded)).toBe('q=æøå +shop=x.myshopify.com');
  });
});

describe('verification failures', () => {
  const now = 1_800_000_000;
  const signed = (extra = '') => {
    const params = new URLSearchParams(
      `shop=s.myshopify.com&logged_in_customer_id=&path_prefix=%2Fapps%2Ftrack&timestamp=${now}${extra}`,
    );
    params.append('signature', signAppProxyQuery(params, SECRET));
    return params;
  };

  it('accepts a fresh request and reports no customer when the id is empty', () => {
    expect(verifyAppProxyQuery(signed(), SECRET, now)).toMatchObject({
      ok: true,
      loggedInCustomerId: null,
    });
  });

  it.each([
    ['a missing signature', (p: URLSearchParams) => p.delete('signature'), 'missing_signature'],
    [
      'a repeated signature',
      (p: URLSearchParams) => p.append('signature', 'ab'),
      'repeated_parameter',
    ],
    [
      'a repeated shop',
      (p: URLSearchParams) => p.append('shop', 'evil.myshopify.com'),
      'repeated_parameter',
    ],
    [
      'a repeated timestamp',
      (p: URLSearchParams) => p.append('timestamp', '1'),
      'repeated_parameter',
    ],
    [
      'a tampered shop',
      (p: URLSearchParams) => p.set('shop', 'evil.myshopify.com'),
      'bad_signature',
    ],
    [
      'an added parameter',
      (p: URLSearchParams) => p.append('logged_in_customer_id', '7'),
      'bad_signature',
    ],
    [
      'a truncated signature',
      (p: URLSearchParams) => p.set('signature', (p.get('signature') ?? '').slice(1)),
      'bad_signature',
    ],
  ] as const)('rejects %s', (_label, mutate, reason) => {
    const params = signed();
    mutate(params);
    expect(verifyAppProxyQuery(params, SECRET, now)).toEqual({ ok: false, reason });
  });

  it('takes the signature in either case, and refuses one that is not 64 hex digits', () => {
    const upper = signed();
    upper.set('signature', String(upper.get('signature')).toUpperCase());
    expect(verifyAppProxyQuery(upper, SECRET, now).ok).toBe(true);
    for (const bad of [(sig: string) => sig.slice(1), (sig: string) => `${sig.slice(1)}g`]) {
      const params = signed();
      params.set('signature', bad(String(params.get('signature'))));
      expect(verifyAppProxyQuery(params, SECRET, now)).toEqual({
        ok: false,
        reason: 'bad_signature',
      });
    }
  });

  it('rejects the wrong secret', () => {
    expect(verifyAppProxyQuery(signed(), 'other', now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('accepts 90 seconds of skew either way and rejects 91', () => {
    expect(verifyAppProxyQuery(signed(), SECRET, now + 90).ok).toBe(true);
    expect(verifyAppProxyQuery(signed(), SECRET, now - 90).ok).toBe(true);
    expect(verifyAppProxyQuery(signed(), SECRET, now + 91)).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
    expect(verifyAppProxyQuery(signed(), SECRET, now - 91)).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
  });
});
