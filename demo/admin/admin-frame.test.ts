import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Fetch } from '../../src/core/ports.js';
import { createAccessTokens } from '../shopify/access-tokens.js';
import { seedOrders } from '../shopify/seed-orders.js';
import { verifySessionToken } from '../shopify/session-token.js';
import { WEBHOOK_TOPICS } from '../shopify/webhook-payloads.js';
import { createWebhookSender } from '../shopify/webhook-sender.js';
import { APP_BRIDGE_PATH, createAdminFrame, hostParam, POLARIS_PATH } from './admin-frame.js';
import { createShopActions } from './shop-actions.js';

const SHOP = 'demo-store.myshopify.com';
const OTHER = 'second-store.myshopify.com';
const KEY = 'demo-client-id';
const SECRET = 'demo-client-secret';
const APP = 'http://127.0.0.1:4001';
const ADMIN = 'http://127.0.0.1:4000';
const NOW = Date.parse('2026-11-26T12:00:00Z');

function setup() {
  const clock = () => NOW;
  const orders = seedOrders(new Date(NOW));
  const tokens = createAccessTokens(clock);
  const received: Array<{ headers: Headers; body: string }> = [];
  const fetch: Fetch = async (_url, init) => {
    received.push({ headers: new Headers(init?.headers), body: String(init?.body) });
    return new Response(null, { status: 200 });
  };
  const actions = createShopActions({
    ordersOf: () => orders,
    tokens,
    clock,
    senderFor: (shop) =>
      createWebhookSender({ url: `${APP}/webhooks`, apiSecret: SECRET, shop, fetch, clock }),
  });
  const admin = createAdminFrame({
    apiKey: KEY,
    apiSecret: SECRET,
    appUrl: `${APP}/`,
    shops: [SHOP, OTHER],
    installed: [SHOP],
    topics: WEBHOOK_TOPICS,
    orders: () => orders.map((o) => ({ key: o.id, label: o.name })),
    actions,
    clock,
  });
  const get = (path: string, headers: Record<string, string> = {}) =>
    admin.handle(new Request(`${ADMIN}${path}`, { headers }));
  const post = (path: string, form: Record<string, string>) =>
    admin.handle(
      new Request(`${ADMIN}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      }),
    );
  return { admin, orders, tokens, received, get, post, clock };
}

describe('local Shopify admin', () => {
  it('frames the app home with shop, host, embedded=1 and a valid session token', async () => {
    const t = setup();
    const res = await t.get(`/admin?shop=${SHOP}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const src = /<iframe id="app-frame" title="App" src="([^"]+)"/
      .exec(html)?.[1]
      ?.replaceAll('&amp;', '&');
    if (!src) throw new Error('no app frame');
    const url = new URL(src);
    expect(url.origin).toBe(APP);
    expect(url.searchParams.get('shop')).toBe(SHOP);
    expect(url.searchParams.get('embedded')).toBe('1');
    expect(url.searchParams.get('host')).toBe(hostParam(SHOP));
    expect(Buffer.from(hostParam(SHOP), 'base64').toString()).toBe(
      'admin.shopify.com/store/demo-store',
    );
    const check = await verifySessionToken(url.searchParams.get('id_token') ?? '', {
      apiKey: KEY,
      apiSecret: SECRET,
      clock: t.clock,
    });
    expect(check).toMatchObject({ ok: true, shop: SHOP });
  });

  it('shows no frame for a shop without the app, and installs it from the form', async () => {
    const t = setup();
    expect(await (await t.get(`/admin?shop=${OTHER}`)).text()).not.toContain('<iframe');
    const res = await t.post('/admin/install', { shop: OTHER });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain(`shop=${OTHER}`);
    expect(t.admin.isInstalled(OTHER)).toBe(true);
    expect(await (await t.get(`/admin?shop=${OTHER}`)).text()).toContain('<iframe');
  });

  it('uninstall revokes the shop’s tokens and sends app/uninstalled signed with the secret', async () => {
    const t = setup();
    const token = t.tokens.issue(SHOP, 'read_orders', true).accessToken;
    await t.post('/admin/uninstall', { shop: SHOP });
    expect(t.admin.isInstalled(SHOP)).toBe(false);
    expect(t.tokens.isValid(token, SHOP)).toBe(false);
    const hook = t.received[0];
    expect(hook?.headers.get('x-shopify-topic')).toBe('app/uninstalled');
    expect(hook?.headers.get('x-shopify-hmac-sha256')).toBe(
      createHmac('sha256', SECRET)
        .update(hook?.body ?? '')
        .digest('base64'),
    );
    const refused = await t.get(`/admin/session-token?shop=${SHOP}&client_id=${KEY}`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'not_installed' } });
  });

  it('mints session tokens for the app origin only, with the right client id', async () => {
    const t = setup();
    const ok = await t.get(`/admin/session-token?shop=${SHOP}&client_id=${KEY}`, { origin: APP });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(APP);
    const { token } = (await ok.json()) as { token: string };
    expect(
      await verifySessionToken(token, { apiKey: KEY, apiSecret: SECRET, clock: t.clock }),
    ).toMatchObject({ ok: true });
    const elsewhere = await t.get(`/admin/session-token?shop=${SHOP}&client_id=${KEY}`, {
      origin: 'http://evil.test',
    });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
    const wrongKey = await t.get(`/admin/session-token?shop=${SHOP}&client_id=other`);
    expect(await wrongKey.json()).toMatchObject({ error: { code: 'wrong_api_key' } });
    expect((await t.get('/admin/session-token?shop=nobody.myshopify.com')).status).toBe(400);
  });

  it('sends a chosen webhook topic about a chosen order, or a given payload', async () => {
    const t = setup();
    const order = t.orders[0];
    if (!order) throw new Error('no orders');
    await t.post('/admin/webhooks', {
      shop: SHOP,
      topic: 'orders/updated',
      order: order.id,
      payload: '',
    });
    await t.post('/admin/webhooks', {
      shop: SHOP,
      topic: 'shop/redact',
      order: order.id,
      payload: '{"shop_id":1}',
    });
    expect(t.received.map((r) => r.headers.get('x-shopify-topic'))).toEqual([
      'orders/updated',
      'shop/redact',
    ]);
    expect(JSON.parse(t.received[0]?.body ?? '{}')).toMatchObject({
      admin_graphql_api_id: order.id,
      email: order.email,
    });
    expect(JSON.parse(t.received[1]?.body ?? '{}')).toEqual({ shop_id: 1 });
    const bad = await t.post('/admin/webhooks', {
      shop: SHOP,
      topic: 'nope/nope',
      order: order.id,
    });
    expect(bad.status).toBe(400);
    const badJson = await t.post('/admin/webhooks', {
      shop: SHOP,
      topic: 'shop/redact',
      order: order.id,
      payload: '{',
    });
    expect(await badJson.json()).toMatchObject({ error: { code: 'bad_payload' } });
  });

  it('ships, delivers and cancels orders from the form and tells what was sent', async () => {
    const t = setup();
    const order = t.orders.find(
      (o) => !o.cancelledAt && o.fulfillments.length === 0 && o.requiresShipping,
    );
    if (!order) throw new Error('no unshipped order');
    const shipped = await t.post('/admin/orders', { shop: SHOP, order: order.id, action: 'ship' });
    expect(decodeURIComponent(shipped.headers.get('location') ?? '')).toContain(
      'fulfillments/create → 200',
    );
    await t.post('/admin/orders', { shop: SHOP, order: order.id, action: 'deliver' });
    expect(order.fulfillments.at(-1)?.displayStatus).toBe('DELIVERED');
    const again = await t.post('/admin/orders', { shop: SHOP, order: order.id, action: 'ship' });
    expect(decodeURIComponent(again.headers.get('location') ?? '')).toContain('Failed');
    expect(t.received.map((r) => r.headers.get('x-shopify-topic'))).toEqual([
      'fulfillments/create',
      'orders/updated',
      'fulfillment_events/create',
      'fulfillments/update',
      'orders/updated',
    ]);
  });

  it('serves the App Bridge and Polaris stand-ins as JavaScript', async () => {
    const t = setup();
    for (const path of [APP_BRIDGE_PATH, POLARIS_PATH]) {
      const res = await t.get(path);
      expect(res.headers.get('content-type')).toContain('javascript');
      expect(await res.text()).toContain('Stand-in for Shopify');
    }
  });
});
