import { describe, expect, it } from 'vitest';
import { adminOrder, ORDER_EMAIL } from '../../testing/admin-orders.js';
import { ordersAdmin } from '../../testing/fake-admin.js';
import { formRequest } from '../../testing/signed.js';
import { testApp } from '../../testing/test-app.js';
import { escapeHtml, liquidSafe } from './escape.js';

const INJECTED = [
  '{{ shop.name }}',
  "{% render 'x' %}",
  '{%- liquid echo 1 -%}',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
];

/** An order whose every shopper-visible text tries Liquid or HTML injection. */
function hostileOrder() {
  const [a, b, c, d, e] = INJECTED;
  const base = adminOrder();
  const fulfillment = (base.fulfillments as Record<string, unknown>[])[0] ?? {};
  return adminOrder({
    lineItems: { nodes: [{ name: `Socks ${a}`, quantity: 1 }] },
    fulfillments: [
      {
        ...fulfillment,
        fulfillmentLineItems: { nodes: [{ quantity: 1, lineItem: { name: `Socks ${a}` } }] },
        trackingInfo: [{ company: `Carrier ${b}`, number: `TN${c}`, url: `https://x.test/${d}` }],
        events: {
          nodes: [
            {
              status: 'IN_TRANSIT',
              happenedAt: '2026-11-22T08:00:00Z',
              message: `Left ${e} ${a}`,
              city: `City ${b}`,
              province: null,
              country: 'Norway',
            },
          ],
        },
      },
    ],
  });
}

describe('the Liquid page keeps data literal', () => {
  it('escapes every brace so no {{ or {% reaches Shopify from order or carrier text', async () => {
    const t = testApp(ordersAdmin([hostileOrder()]));
    const res = await t.handler(formRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    expect(res.headers.get('content-type')).toMatch(/^application\/liquid/);
    const html = await res.text();
    expect(html).toContain('Socks &#123;&#123; shop.name &#125;&#125;');
    expect(html).not.toMatch(/[{}]/);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
  });

  it('escapes what the shopper typed when the form comes back with an error', async () => {
    const t = testApp(ordersAdmin([]));
    const res = await t.handler(formRequest({ orderNumber: '{{ x }}', email: '{% y %}"><b>' }));
    const html = await res.text();
    expect(res.headers.get('x-track-error')).toBe('invalid_input');
    expect(html).not.toMatch(/[{}]/);
    expect(html).not.toContain('<b>');
    expect(html).toContain('value="&#123;&#123; x &#125;&#125;"');
    expect(html).toContain('role="alert"');
  });

  it('renders through liquidjs as the literal text, not as Liquid', async () => {
    const { Liquid } = await import('liquidjs');
    const engine = new Liquid();
    const page = liquidSafe(`<p>${escapeHtml(INJECTED.join(' '))}</p>`);
    const rendered = await engine.parseAndRender(page, { shop: { name: 'LEAKED' } });
    expect(rendered).toBe(page);
    expect(rendered).not.toContain('LEAKED');
  });
});

describe('the no-JS page', () => {
  it("is drawn with the widget's components in the shopper's language", async () => {
    const t = testApp(ordersAdmin([adminOrder()]));
    const res = await t.handler(
      formRequest({ orderNumber: '1001', email: ORDER_EMAIL, locale: 'nb' }),
    );
    const html = await res.text();
    expect(html).toContain('data-rendered="server"');
    expect(html).toContain('Bestilling #1001');
    expect(html).toContain('action="/apps/track/lookup"');
  });

  it('falls back to English for a locale without a file, and to the language for a region', async () => {
    const t = testApp(ordersAdmin([adminOrder()]));
    const zz = await (
      await t.handler(formRequest({ orderNumber: '1', email: 'bad', locale: 'zz' }))
    ).text();
    expect(zz).toContain('Track your order');
    const nbNo = await (
      await t.handler(formRequest({ orderNumber: '1', email: 'bad', locale: 'nb-NO' }))
    ).text();
    expect(nbNo).toContain('Spor bestillingen din');
  });

  it('re-shows the form with a message for an order that is not found, keeping the typed values', async () => {
    const t = testApp(ordersAdmin([]));
    const res = await t.handler(formRequest({ orderNumber: '#1001', email: 'a@example.com' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-track-error')).toBe('order_not_found');
    const html = await res.text();
    expect(html).toMatch(/role="alert"/);
    expect(html).toContain('value="#1001"');
    expect(html).toContain('value="a@example.com"');
  });

  it('drops a return_to that could lead off the store and a locale that is not a tag', async () => {
    const t = testApp(ordersAdmin([]));
    const res = await t.handler(
      formRequest({
        orderNumber: '1',
        email: 'bad',
        locale: '../../etc/passwd',
        return_to: '//evil.test/x',
      }),
    );
    const html = await res.text();
    expect(html).not.toContain('evil.test');
    expect(html).not.toContain('passwd');
  });
});

describe("the no-JS page's stylesheet", () => {
  const CDN = '//cdn.shopify.com/extensions/0a1b/track-your-order-3/assets/track-order.css?v=17';

  it("links the block's stylesheet from Shopify's CDN and keeps it for the next post", async () => {
    const t = testApp(ordersAdmin([adminOrder()]));
    const ok = await t.handler(
      formRequest({ orderNumber: '1001', email: ORDER_EMAIL, stylesheet: CDN }),
    );
    const html = await ok.text();
    expect(html).toContain(`<link rel="stylesheet" href="${CDN}"`);
    expect(html).toContain(`name="stylesheet" value="${CDN}"`);
    expect(html).not.toMatch(/[{}]/);
  });

  it.each([
    'https://evil.example/track-order.css',
    '//evil.example/track-order.css',
    '//cdn.shopify.com/evil.css',
    'javascript:alert(1)//track-order.css',
    '/track-order.css"><script>alert(1)</script>',
    '//cdn.shopify.com.evil.example/track-order.css',
  ])('drops %s', async (stylesheet) => {
    const t = testApp(ordersAdmin([]));
    const html = await (
      await t.handler(formRequest({ orderNumber: '1', email: 'bad', stylesheet }))
    ).text();
    expect(html).not.toContain('rel="stylesheet"');
    expect(html).not.toContain('name="stylesheet"');
  });
});
