import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, ErrorBodySchema } from '../../contract/errors.js';
import { ResultHtmlAnswerSchema } from '../../contract/result-html.js';
import { TrackingViewSchema } from '../../contract/tracking-view.js';
import { adminOrder, ORDER_EMAIL } from '../../testing/admin-orders.js';
import { json, ordersAdmin } from '../../testing/fake-admin.js';
import { lookupRequest, NOW, SECRET, signedUrl, TOKEN } from '../../testing/signed.js';
import { testApp } from '../../testing/test-app.js';
import { formatDate } from '../../widget/format.js';
import { stringsFor } from '../page/locale-strings.js';

async function errorOf(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = ErrorBodySchema.parse(await response.json());
  expect(response.status).toBe(ERROR_STATUS[body.error.code]);
  return body.error;
}

const app = () => testApp(ordersAdmin([adminOrder()]));

describe('routing', () => {
  it('answers GET /healthz with 200 and no signature', async () => {
    const res = await app().handler(new Request('http://proxy.test/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers an unknown path with 404 not_found', async () => {
    const res = await app().handler(new Request('http://proxy.test/proxy/nope'));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
  });

  it('answers a wrong method with 405 method_not_allowed and the allowed methods', async () => {
    const res = await app().handler(new Request(signedUrl('/proxy/lookup')));
    expect((await errorOf(res)).code).toBe('method_not_allowed');
    expect(res.headers.get('allow')).toBe('POST');
    const del = await app().handler(new Request('http://proxy.test/healthz', { method: 'DELETE' }));
    expect((await errorOf(del)).code).toBe('method_not_allowed');
    expect(del.headers.get('allow')).toBe('GET, HEAD');
  });

  it('accepts a trailing slash on a route', async () => {
    const res = await app().handler(new Request('http://proxy.test/healthz/'));
    expect(res.status).toBe(200);
  });

  it('gives every answer a request id', async () => {
    const res = await app().handler(new Request('http://proxy.test/nope'));
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('POST /proxy/lookup', () => {
  it('answers a matching order number and email with a TrackingView', async () => {
    const t = app();
    const res = await t.handler(lookupRequest({ orderNumber: '#1001', email: ORDER_EMAIL }));
    expect(res.status).toBe(200);
    const view = TrackingViewSchema.parse(await res.json());
    expect(view.order.name).toBe('#1001');
    expect(t.calls).toHaveLength(1);
  });

  it('answers the plain TrackingView, with no `html`, when the body does not ask for it', async () => {
    for (const extra of [{}, { html: 'yes' }, { html: null }, { html: ['x'] }]) {
      const res = await app().handler(
        lookupRequest({ orderNumber: '#1001', email: ORDER_EMAIL, ...extra }),
      );
      const body = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(Object.keys(TrackingViewSchema.parse(body)).sort());
      expect(body).not.toHaveProperty('html');
    }
  });

  it('adds the timeline drawn as HTML, by the block settings, in the shopper’s zone and language', async () => {
    const plain = await app().handler(lookupRequest({ orderNumber: '#1001', email: ORDER_EMAIL }));
    const view = TrackingViewSchema.parse(await plain.json());
    const res = await app().handler(
      lookupRequest({
        orderNumber: '#1001',
        email: ORDER_EMAIL,
        locale: 'nb',
        html: {
          timeZone: 'Asia/Tokyo',
          showLineItems: false,
          showEvents: true,
          layout: 'compact',
          idPrefix: 'TrackOrder-abc_1',
          contactUrl: '/pages/contact',
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const answer = ResultHtmlAnswerSchema.parse(await res.json());
    // The view is the very one other clients get.
    expect(answer.view).toEqual(view);
    const nb = stringsFor('nb');
    expect(answer.html).toMatch(/^<section class="track-order__result"/);
    expect(answer.html).toContain('id="TrackOrder-abc_1-result" tabindex="-1"');
    expect(answer.html).toContain(nb['form.placed'].replace('{date}', ''));
    expect(answer.html).toContain(formatDate(view.order.processedAt, 'nb', 'Asia/Tokyo'));
    expect(answer.html).not.toContain('track-order__items');
  });

  it('draws the HTML with defaults for settings that do not fit, never failing the lookup', async () => {
    const res = await app().handler(
      lookupRequest({
        orderNumber: '#1001',
        email: ORDER_EMAIL,
        html: {
          timeZone: 'Mars/Olympus_Mons',
          showEvents: 'no',
          layout: 'wide',
          idPrefix: '"><script>alert(1)</script>',
          contactUrl: 'javascript:alert(1)',
        },
      }),
    );
    expect(res.status).toBe(200);
    const { html } = ResultHtmlAnswerSchema.parse(await res.json());
    expect(html).toContain('id="track-order-result"');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('javascript:');
  });

  it('compares the email without regard to case or surrounding spaces', async () => {
    const res = await app().handler(
      lookupRequest({ orderNumber: '1001', email: `  ${ORDER_EMAIL.toUpperCase()} ` }),
    );
    expect(res.status).toBe(200);
  });

  it('sends the order number to Shopify only as a variable, with the access token', async () => {
    const t = app();
    await t.handler(lookupRequest({ orderNumber: '#1001', email: ORDER_EMAIL }));
    const [call] = t.calls;
    expect(call?.variables).toEqual({ query: 'name:1001' });
    expect(call?.query).not.toContain('1001');
    expect(call?.headers.get('x-shopify-access-token')).toBe(TOKEN);
    expect(call?.url).toBe('https://demo-store.myshopify.com/admin/api/2026-10/graphql.json');
  });

  it('refuses an order whose name only shares the token (#1001-A for 1001)', async () => {
    const t = testApp(ordersAdmin([adminOrder({ name: '#1001-A' })]));
    const res = await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    expect((await errorOf(res)).code).toBe('order_not_found');
  });

  it('answers a wrong email and an unknown order identically, after the same upstream work', async () => {
    const t = app();
    const wrong = await t.handler(
      lookupRequest({ orderNumber: '1001', email: 'other@example.com' }),
    );
    const unknown = await t.handler(lookupRequest({ orderNumber: '4242', email: ORDER_EMAIL }));
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(wrong.status);
    expect(await unknown.text()).toBe(await wrong.text());
    expect(t.calls).toHaveLength(2);
  });

  it.each([
    ['Arabic-Indic digits', '١٠٠١', ORDER_EMAIL],
    ['pasted text around the number', 'Order #1001, thanks!', ORDER_EMAIL],
    ['a left-to-right mark and a zero-width space', '\u200e#1001\u200b', `${ORDER_EMAIL}\u200b`],
  ])('finds the order from %s', async (_why, orderNumber, email) => {
    const t = app();
    const res = await t.handler(lookupRequest({ orderNumber, email }));
    expect(res.status).toBe(200);
    expect(t.calls[0]?.variables).toEqual({ query: 'name:1001' });
  });

  it('finds an order by its confirmation code, searched as confirmation_number:', async () => {
    const t = app();
    const res = await t.handler(lookupRequest({ orderNumber: 'kx7p2m9qd', email: ORDER_EMAIL }));
    expect(res.status).toBe(200);
    expect(TrackingViewSchema.parse(await res.json()).order.name).toBe('#1001');
    expect(t.calls[0]?.variables).toEqual({ query: 'confirmation_number:KX7P2M9QD' });
    expect(t.calls[0]?.query).toContain('confirmationNumber');
  });

  it('answers a confirmation code with a wrong email, or of another order, as not found', async () => {
    const t = app();
    const wrong = await t.handler(
      lookupRequest({ orderNumber: 'KX7P2M9QD', email: 'other@example.com' }),
    );
    const unknown = await t.handler(
      lookupRequest({ orderNumber: 'KX7P2M9QE', email: ORDER_EMAIL }),
    );
    expect(await unknown.text()).toBe(await wrong.text());
    expect(wrong.status).toBe(404);
  });

  it.each([
    ['ola@blåbær.no', 'ola@xn--blbr-roah.no'],
    ['ola@xn--blbr-roah.no', 'ola@blåbær.no'],
  ])('finds an order placed as %j when looked up as %j', async (placed, typed) => {
    const t = testApp(ordersAdmin([adminOrder({ email: placed })]));
    const res = await t.handler(lookupRequest({ orderNumber: '1001', email: typed }));
    expect(res.status).toBe(200);
  });

  it.each([
    ['nb', 'nb'],
    ['nb-NO', 'nb'],
    ['pt-BR', 'pt'],
    ['ko', undefined],
    ['../../etc', undefined],
    [undefined, undefined],
  ])('passes the storefront locale %j to the carriers as %j', async (locale, language) => {
    const seen: (string | undefined)[] = [];
    const t = testApp(
      ordersAdmin([adminOrder()]),
      {},
      {
        enrich: async (view, _signal, _logger, lang) => {
          seen.push(lang);
          return view;
        },
      },
    );
    const res = await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL, locale }));
    expect(res.status).toBe(200);
    expect(seen).toEqual([language]);
  });

  it('lets a logged-in customer look up their own order without an email', async () => {
    const t = app();
    const own = await t.handler(
      lookupRequest({ orderNumber: '1001', email: '' }, { customerId: '7001' }),
    );
    expect(own.status).toBe(200);
    const other = await t.handler(lookupRequest({ orderNumber: '1001' }, { customerId: '7002' }));
    expect((await errorOf(other)).code).toBe('order_not_found');
  });

  it('answers 401 invalid_signature for a missing, wrong or stale signature', async () => {
    const t = app();
    const body = JSON.stringify({ orderNumber: '1001', email: ORDER_EMAIL });
    const post = (url: string) =>
      t.handler(
        new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
      );
    for (const url of [
      'http://proxy.test/proxy/lookup',
      signedUrl('/proxy/lookup', { secret: 'not-the-secret' }),
      signedUrl('/proxy/lookup', { nowMs: NOW - 10 * 60_000 }),
      `${signedUrl('/proxy/lookup')}&shop=other.myshopify.com`,
    ]) {
      const res = await post(url);
      expect((await errorOf(res)).code).toBe('invalid_signature');
    }
    expect(t.calls).toHaveLength(0);
  });

  it('refuses a valid signature made for another store', async () => {
    const res = await app().handler(
      lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }, { shop: 'other.myshopify.com' }),
    );
    expect((await errorOf(res)).code).toBe('invalid_signature');
  });

  it('answers 415 unsupported_media_type for a body that is neither JSON nor a form', async () => {
    const res = await app().handler(
      new Request(signedUrl('/proxy/lookup'), {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'orderNumber=1001',
      }),
    );
    expect((await errorOf(res)).code).toBe('unsupported_media_type');
  });

  it('answers 413 payload_too_large for a body over 4 KB, declared or streamed', async () => {
    const big = JSON.stringify({ orderNumber: '1001', email: ORDER_EMAIL, pad: 'x'.repeat(5000) });
    const declared = await app().handler(
      new Request(signedUrl('/proxy/lookup'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      }),
    );
    expect((await errorOf(declared)).code).toBe('payload_too_large');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1000)));
        controller.close();
      },
    });
    const streamed = await app().handler(
      new Request(signedUrl('/proxy/lookup'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect((await errorOf(streamed)).code).toBe('payload_too_large');
  });

  it('answers 400 invalid_input naming each bad field', async () => {
    const t = app();
    const res = await t.handler(lookupRequest({ orderNumber: '1001 OR 1002', email: 'nope' }));
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_input');
    expect(error.fields).toEqual([
      { field: 'orderNumber', issue: 'invalid_format' },
      { field: 'email', issue: 'invalid_format' },
    ]);
    const missing = await errorOf(await t.handler(lookupRequest({})));
    expect(missing.fields).toEqual([
      { field: 'orderNumber', issue: 'required' },
      { field: 'email', issue: 'required' },
    ]);
    expect(t.calls).toHaveLength(0);
  });

  it('answers 400 invalid_input for malformed JSON and for JSON that is not an object', async () => {
    const t = app();
    for (const body of ['{"orderNumber":', '[1,2]', '"text"', 'null']) {
      const res = await t.handler(
        new Request(signedUrl('/proxy/lookup'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }),
      );
      expect((await errorOf(res)).code).toBe('invalid_input');
    }
  });
});

describe('GET /proxy/orders', () => {
  const list = {
    data: {
      customer: {
        orders: {
          nodes: [
            {
              name: '#1002',
              processedAt: '2026-11-24T10:00:00Z',
              cancelledAt: null,
              displayFinancialStatus: 'PAID',
              displayFulfillmentStatus: 'UNFULFILLED',
              email: 'kari.nordmann@example.com',
            },
          ],
        },
      },
    },
  };

  it("lists the signed customer's recent orders without asking for an email", async () => {
    const t = testApp(() => json(list));
    const res = await t.handler(new Request(signedUrl('/proxy/orders', { customerId: '7001' })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      orders: [
        {
          name: '#1002',
          processedAt: '2026-11-24T10:00:00Z',
          cancelled: false,
          financialStatus: 'PAID',
          fulfillmentStatus: 'UNFULFILLED',
        },
      ],
    });
    expect(t.calls[0]?.variables).toEqual({ id: 'gid://shopify/Customer/7001' });
  });

  it('answers an unknown customer with an empty list', async () => {
    const t = testApp(() => json({ data: { customer: null } }));
    const res = await t.handler(new Request(signedUrl('/proxy/orders', { customerId: '9' })));
    expect(await res.json()).toEqual({ orders: [] });
  });

  it('answers 400 invalid_input when nobody is logged in', async () => {
    const t = testApp(() => json(list));
    const res = await t.handler(new Request(signedUrl('/proxy/orders')));
    const error = await errorOf(res);
    expect(error.fields).toEqual([{ field: 'logged_in_customer_id', issue: 'required' }]);
    expect(t.calls).toHaveLength(0);
  });

  it('answers 401 invalid_signature when the customer id was not signed', async () => {
    const url = `${signedUrl('/proxy/orders')}&logged_in_customer_id=7001`;
    const res = await testApp(() => json(list)).handler(new Request(url));
    expect((await errorOf(res)).code).toBe('invalid_signature');
  });
});

describe('request log', () => {
  it('writes one line per request with id, route, status, duration, shop and cache hit', async () => {
    const t = app();
    await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    const lines = t.logs.filter((l) => l.route);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      route: 'lookup',
      status: 200,
      shop: 'demo-store.myshopify.com',
      cacheHit: false,
    });
    expect(lines[1]).toMatchObject({ cacheHit: true });
    expect(typeof lines[0]?.durationMs).toBe('number');
    expect(typeof lines[0]?.requestId).toBe('string');
  });

  it('never logs an email, the token, the secret or a signature', async () => {
    const t = testApp(() => json({ nope: true }, 500));
    const url = signedUrl('/proxy/lookup');
    const signature = new URL(url).searchParams.get('signature') ?? '';
    await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    await t.handler(lookupRequest({ orderNumber: 'x y', email: ORDER_EMAIL }));
    const text = JSON.stringify(t.logs);
    for (const secret of [ORDER_EMAIL, TOKEN, SECRET, signature, 'kari'])
      expect(text).not.toContain(secret);
    expect(t.logs.some((l) => l.event === 'upstream_fault')).toBe(true);
  });
});

describe('a client that hangs up', () => {
  it("aborts the request's Admin call", async () => {
    const client = new AbortController();
    const t = testApp(
      (call) =>
        new Promise<Response>((_resolve, reject) => {
          call.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          );
          // The shopper hangs up while the Admin call is running.
          client.abort();
        }),
    );
    const request = new Request(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }), {
      signal: client.signal,
    });
    const res = await t.handler(request);
    expect(t.calls).toHaveLength(1);
    expect(t.calls[0]?.signal?.aborted).toBe(true);
    expect(res.status).toBe(503);
    expect(t.logs.find((l) => l.event === 'upstream_fault')?.fault).toBe('aborted');
  });
});
