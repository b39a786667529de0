import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ErrorBodySchema } from '../../contract/errors.js';
import { adminOrder, ORDER_EMAIL } from '../../testing/admin-orders.js';
import { storeAdmin } from '../../testing/fake-admin.js';
import { NOW, SECRET, SHOP } from '../../testing/signed.js';
import { testApp } from '../../testing/test-app.js';
import { signAppProxyQuery } from '../auth/app-proxy-signature.js';

const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'PROPFIND',
  'X-CUSTOM',
];
const PATHS = [
  '/proxy/lookup',
  '/proxy/orders',
  '/healthz',
  '/',
  '/proxy',
  '/proxy/lookup/',
  '/proxy/%00',
  '/proxy/lookup/../orders',
  '/ünïcødé',
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  '',
];

const text = fc.string({ unit: 'binary', maxLength: 300 });
const body = fc.oneof(
  text,
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.uint8Array({ maxLength: 600 }),
  fc.json(),
  fc.constant('x'.repeat(5000)),
  fc.constant('{"orderNumber": "1001", "email": '),
  fc
    .record({
      orderNumber: fc.oneof(
        fc.constantFrom('#1001', '1001', '1001 OR 1', '*', ''),
        text,
        fc.integer(),
      ),
      email: fc.oneof(fc.constantFrom(ORDER_EMAIL, 'KARI.NORDMANN@EXAMPLE.COM', '', 'a@b'), text),
      locale: fc.oneof(fc.constantFrom('nb', 'pt-BR', '../x'), text),
    })
    .map((o) => JSON.stringify(o)),
  fc
    .dictionary(fc.constantFrom('orderNumber', 'email', 'locale', 'return_to', 'x'), text)
    .map((d) => new URLSearchParams(d).toString()),
);

const query = fc.record({
  params: fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 4 }),
  signed: fc.boolean(),
  customerId: fc.constantFrom('', '7001', 'abc', '-1', '99999999999999999999999'),
  shop: fc.constantFrom(SHOP, 'other.myshopify.com', ''),
});

const headers = fc.record({
  contentType: fc.constantFrom(...CONTENT_TYPES),
  xff: fc.oneof(
    fc.constantFrom('203.0.113.1', '1.1.1.1, 2.2.2.2', '', ' , ', 'x'.repeat(200)),
    fc.string({ maxLength: 50 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
  ),
  extra: fc.dictionary(
    fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
    fc.stringMatching(/^[\x20-\x7e]{0,40}$/),
    { maxKeys: 3 },
  ),
});

interface Query {
  params: Record<string, string>;
  signed: boolean;
  customerId: string;
  shop: string;
}

function buildUrl(path: string, q: Query) {
  const params = new URLSearchParams(q.params);
  if (q.signed) {
    params.set('shop', q.shop);
    params.set('logged_in_customer_id', q.customerId);
    params.set('timestamp', String(Math.floor(NOW / 1000)));
    params.delete('signature');
    params.set('signature', signAppProxyQuery(params, SECRET));
  }
  return `http://proxy.test${path}?${params}`;
}

describe('any request', () => {
  it('never yields a 5xx or an exception; every error is JSON with a known code', async () => {
    const app = testApp(storeAdmin([adminOrder()]), { RATE_LIMIT_IP_POINTS: '100000' });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.oneof(fc.constantFrom(...PATHS), fc.webPath()),
        query,
        headers,
        body,
        async (method, path, q, h, payload) => {
          const init: RequestInit = { method, headers: { ...h.extra } };
          const hdrs = init.headers as Record<string, string>;
          if (h.contentType) hdrs['content-type'] = h.contentType;
          if (h.xff) hdrs['x-forwarded-for'] = h.xff;
          if (method !== 'GET' && method !== 'HEAD') init.body = payload;
          const request = new Request(buildUrl(path.startsWith('/') ? path : `/${path}`, q), init);
          const response = await app.handler(request);
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers.get('content-type')).toMatch(/^application\/json/);
            // A HEAD answer carries the headers of the GET answer and no body.
            if (method === 'HEAD') return;
            const parsed = ErrorBodySchema.safeParse(await response.json());
            expect(parsed.success).toBe(true);
            if (parsed.success) expect(ERROR_CODES).toContain(parsed.data.error.code);
          } else {
            await response.arrayBuffer();
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never yields a 5xx for any lookup body, signed and from the store', async () => {
    const app = testApp(storeAdmin([adminOrder()]), {
      RATE_LIMIT_IP_POINTS: '100000',
      RATE_LIMIT_ORDER_FAILURES: '100000',
      RATE_LIMIT_SHOP_POINTS: '100000',
    });
    const params = new URLSearchParams({
      shop: SHOP,
      logged_in_customer_id: '',
      timestamp: String(NOW / 1000),
    });
    params.set('signature', signAppProxyQuery(params, SECRET));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CONTENT_TYPES), body, async (contentType, payload) => {
        const response = await app.handler(
          new Request(`http://proxy.test/proxy/lookup?${params}`, {
            method: 'POST',
            headers: contentType ? { 'content-type': contentType } : {},
            body: payload,
          }),
        );
        expect(response.status).toBeLessThan(500);
        const type = response.headers.get('content-type') ?? '';
        if (response.status >= 400) expect(type).toMatch(/^application\/json/);
        if (type.startsWith('application/liquid'))
          expect(await response.text()).not.toMatch(/[{}]/);
        else await response.arrayBuffer();
      }),
      { numRuns: 400 },
    );
  });
});
