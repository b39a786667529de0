import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Fetch } from '../../src/core/ports.js';
import { seedOrders } from './seed-orders.js';
import { orderPayload, samplePayload, WEBHOOK_TOPICS } from './webhook-payloads.js';
import { createWebhookSender, signWebhookBody } from './webhook-sender.js';

const SHOP = 'demo-store.myshopify.com';
const SECRET = 'app-secret';
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const orders = seedOrders(new Date(NOW));

function capture() {
  const requests: Array<{ url: string; headers: Headers; body: string }> = [];
  const fetch: Fetch = async (input, init) => {
    requests.push({
      url: String(input),
      headers: new Headers(init?.headers),
      body: String(init?.body),
    });
    return new Response(null, { status: 200 });
  };
  let n = 0;
  const sender = createWebhookSender({
    url: 'http://app.test/webhooks',
    apiSecret: SECRET,
    shop: SHOP,
    fetch,
    clock: () => NOW,
    newId: () => `id-${++n}`,
  });
  return { sender, requests };
}

describe('webhook sender', () => {
  it('signs the raw body with the app secret and sets every X-Shopify header', async () => {
    const { sender, requests } = capture();
    const order = orders[0];
    if (!order) throw new Error('no seed orders');
    const result = await sender.send('orders/updated', orderPayload(order));
    expect(result.status).toBe(200);
    const req = requests[0];
    if (!req) throw new Error('nothing sent');
    const expected = createHmac('sha256', SECRET).update(req.body).digest('base64');
    expect(req.headers.get('x-shopify-hmac-sha256')).toBe(expected);
    expect(signWebhookBody(req.body, 'other')).not.toBe(expected);
    expect(req.headers.get('x-shopify-topic')).toBe('orders/updated');
    expect(req.headers.get('x-shopify-shop-domain')).toBe(SHOP);
    expect(req.headers.get('x-shopify-api-version')).toBe('2026-10');
    expect(req.headers.get('x-shopify-webhook-id')).toBe('id-2');
    expect(req.headers.get('x-shopify-event-id')).toBe('id-1');
    expect(req.headers.get('x-shopify-triggered-at')).toBe(new Date(NOW).toISOString());
  });

  it('resends with the same event id: a retry keeps the webhook id, a duplicate gets a new one', async () => {
    const { sender, requests } = capture();
    const first = await sender.send('shop/redact', { shop_id: 1, shop_domain: SHOP });
    await sender.resend(first.delivery);
    await sender.resend(first.delivery, { duplicate: true });
    const ids = requests.map((r) => [
      r.headers.get('x-shopify-event-id'),
      r.headers.get('x-shopify-webhook-id'),
    ]);
    expect(ids).toEqual([
      ['id-1', 'id-2'],
      ['id-1', 'id-2'],
      ['id-1', 'id-3'],
    ]);
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    expect(sender.sent).toHaveLength(3);
  });

  it('reports an unreachable app as status 0 instead of throwing', async () => {
    const sender = createWebhookSender({
      url: 'http://app.test/webhooks',
      apiSecret: SECRET,
      shop: SHOP,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      clock: () => NOW,
    });
    expect((await sender.send('shop/redact', {})).status).toBe(0);
  });
});

describe('webhook payloads', () => {
  const shipped = orders.find((o) => o.fulfillments.some((f) => f.events.length > 0));
  if (!shipped) throw new Error('seed has no shipped order with events');

  it('carries the PII Shopify sends in an order payload', () => {
    const p = orderPayload(shipped);
    const text = JSON.stringify(p);
    expect(p.email).toBe(shipped.email);
    expect(p.admin_graphql_api_id).toBe(shipped.id);
    expect(p.id).toBe(Number(shipped.legacyResourceId));
    for (const secret of [
      shipped.phone,
      shipped.note,
      shipped.shippingAddress?.address1,
      shipped.customer?.lastName,
      ...shipped.tags,
    ]) {
      if (secret) expect(text).toContain(JSON.stringify(secret).slice(1, -1));
    }
    const f = (p.fulfillments as Array<Record<string, unknown>>)[0];
    expect(f?.tracking_numbers).toEqual(shipped.fulfillments[0]?.trackingInfo.map((t) => t.number));
    expect(f?.shipment_status).toBe(shipped.fulfillments[0]?.displayStatus?.toLowerCase());
  });

  it('builds a payload for every topic from a shipped order', () => {
    for (const topic of WEBHOOK_TOPICS) {
      const payload = samplePayload(topic, {
        shop: SHOP,
        order: shipped,
        orders,
        now: new Date(NOW).toISOString(),
      });
      expect(payload, topic).not.toBeNull();
    }
    const redact = samplePayload('customers/redact', {
      shop: SHOP,
      order: shipped,
      orders,
      now: '',
    });
    expect(redact).toMatchObject({
      shop_domain: SHOP,
      customer: { email: shipped.customer?.email },
    });
    expect(redact?.orders_to_redact).toEqual(
      expect.arrayContaining([Number(shipped.legacyResourceId)]),
    );
    const event = samplePayload('fulfillment_events/create', {
      shop: SHOP,
      order: shipped,
      orders,
      now: '',
    });
    expect(event?.status).toBe(shipped.fulfillments.at(-1)?.events.at(-1)?.status.toLowerCase());
  });
});
