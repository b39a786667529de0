import { describe, expect, it } from 'vitest';
import { createAccessTokens } from './access-tokens.js';
import { ADMIN_GRAPHQL_PATH, createAdminEmulator } from './admin-emulator.js';
import { compileOrderSearchWithDates } from './admin-search-dates.js';
import type { OutgoingWebhook } from './order-actions.js';
import { seedOrders } from './seed-orders.js';

const TOKEN = 'shpat_fixed';
const NOW = Date.parse('2026-11-26T12:00:00Z');
const SHOP = 'demo-store.myshopify.com';

function setup() {
  const orders = seedOrders(new Date(NOW));
  const webhooks: OutgoingWebhook[] = [];
  const tokens = createAccessTokens(() => NOW);
  const emu = createAdminEmulator({
    orders,
    accessToken: TOKEN,
    isValidToken: tokens.isValid,
    shop: SHOP,
    clock: () => NOW,
    onWebhook: (w) => webhooks.push(w),
    maxQueryCost: Number.POSITIVE_INFINITY,
  });
  const call = (query: string, variables: Record<string, unknown> = {}, token = TOKEN) =>
    emu.handle(
      new Request(`http://local.test${ADMIN_GRAPHQL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
        body: JSON.stringify({ query, variables }),
      }),
    );
  const ask = async (query: string, variables: Record<string, unknown> = {}) =>
    (await (await call(query, variables)).json()) as {
      data: Record<string, Record<string, unknown>>;
      errors?: unknown[];
    };
  return { orders, webhooks, tokens, emu, call, ask };
}

describe('Admin emulator writes', () => {
  it('records fulfillmentEventCreate on the fulfilment, moves its status and sends the webhooks', async () => {
    const t = setup();
    const order = t.orders.find((o) =>
      o.fulfillments.some((f) => f.displayStatus === 'IN_TRANSIT'),
    );
    const f = order?.fulfillments.find((x) => x.displayStatus === 'IN_TRANSIT');
    if (!order || !f) throw new Error('seed has no order in transit');
    const before = order.updatedAt;
    const answer = await t.ask(
      `mutation($e: FulfillmentEventInput!) { fulfillmentEventCreate(fulfillmentEvent: $e) {
        fulfillmentEvent { id status happenedAt city } userErrors { field message } } }`,
      {
        e: {
          fulfillmentId: f.id,
          status: 'DELIVERED',
          happenedAt: '2026-11-26T11:00:00Z',
          city: 'Oslo',
        },
      },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data.fulfillmentEventCreate).toMatchObject({
      fulfillmentEvent: { status: 'DELIVERED', happenedAt: '2026-11-26T11:00:00Z', city: 'Oslo' },
      userErrors: [],
    });
    expect(f.displayStatus).toBe('DELIVERED');
    expect(f.deliveredAt).toBe('2026-11-26T11:00:00Z');
    expect(Date.parse(order.updatedAt)).toBeGreaterThan(Date.parse(before));
    expect(t.emu.records.fulfillmentEvents).toEqual([{ fulfillmentId: f.id, status: 'DELIVERED' }]);
    expect(t.webhooks.map((w) => w.topic)).toEqual([
      'fulfillment_events/create',
      'fulfillments/update',
      'orders/updated',
    ]);
    const read = await t.ask(
      `query($id: ID!) { order(id: $id) { fulfillments { displayStatus events(first: 50) { nodes { status } } } } }`,
      {
        id: order.id,
      },
    );
    const fulfillments = read.data.order?.fulfillments as Array<{
      displayStatus: string;
      events: { nodes: Array<{ status: string }> };
    }>;
    expect(
      fulfillments.some(
        (x) => x.displayStatus === 'DELIVERED' && x.events.nodes.at(-1)?.status === 'DELIVERED',
      ),
    ).toBe(true);
  });

  it('answers a userError for an unknown fulfilment', async () => {
    const t = setup();
    const answer = await t.ask(
      `mutation { fulfillmentEventCreate(fulfillmentEvent: { fulfillmentId: "gid://shopify/Fulfillment/1", status: DELIVERED }) {
        fulfillmentEvent { id } userErrors { field message } } }`,
    );
    expect(answer.data.fulfillmentEventCreate).toEqual({
      fulfillmentEvent: null,
      userErrors: [
        { field: ['fulfillmentEvent', 'fulfillmentId'], message: 'Fulfillment does not exist.' },
      ],
    });
    expect(t.webhooks).toEqual([]);
  });

  it('records flowTriggerReceive calls and returns a Storefront token', async () => {
    const t = setup();
    const flow = await t.ask(
      `mutation($p: JSON) { flowTriggerReceive(handle: "shipment-delayed", payload: $p) { userErrors { message } } }`,
      { p: { 'Order id': 'gid://shopify/Order/6001', days: 3 } },
    );
    expect(flow.data.flowTriggerReceive).toEqual({ userErrors: [] });
    expect(t.emu.records.flowTriggers).toEqual([
      {
        handle: 'shipment-delayed',
        payload: { 'Order id': 'gid://shopify/Order/6001', days: 3 },
        body: null,
        at: new Date(NOW).toISOString(),
      },
    ]);
    const token = await t.ask(
      `mutation { storefrontAccessTokenCreate(input: { title: "Recommendations" }) {
        storefrontAccessToken { id title accessToken accessScopes { handle } } shop { myshopifyDomain } userErrors { message } } }`,
    );
    const created = token.data.storefrontAccessTokenCreate as {
      storefrontAccessToken: { accessToken: string; title: string };
    };
    expect(created.storefrontAccessToken.title).toBe('Recommendations');
    expect(created.storefrontAccessToken.accessToken).toMatch(/^[0-9a-f]{32}$/);
    expect(t.emu.records.storefrontTokens.map((s) => s.accessToken)).toEqual([
      created.storefrontAccessToken.accessToken,
    ]);
  });

  it('answers shop { name ianaTimezone myshopifyDomain }', async () => {
    const t = setup();
    const answer = await t.ask('{ shop { name ianaTimezone myshopifyDomain } }');
    expect(answer.data.shop).toEqual({
      name: expect.any(String),
      ianaTimezone: 'Europe/Oslo',
      myshopifyDomain: expect.stringMatching(/\.myshopify\.com$/),
    });
  });

  it('accepts tokens the token endpoint issued for its shop only, and the fixed token', async () => {
    const t = setup();
    const mine = t.tokens.issue(SHOP, 'read_orders', true).accessToken;
    const theirs = t.tokens.issue('other.myshopify.com', 'read_orders', true).accessToken;
    const q = '{ shop { name } }';
    expect((await t.call(q, {}, mine)).status).toBe(200);
    expect((await t.call(q, {}, TOKEN)).status).toBe(200);
    expect((await t.call(q, {}, theirs)).status).toBe(401);
    t.tokens.revokeShop(SHOP);
    expect((await t.call(q, {}, mine)).status).toBe(401);
  });

  it('filters orders by updated_at like Shopify search', async () => {
    const t = setup();
    const sorted = [...t.orders].sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
    const pivot = sorted[Math.floor(sorted.length / 2)]?.updatedAt ?? '';
    const newer = t.orders.filter((o) => Date.parse(o.updatedAt) > Date.parse(pivot)).length;
    expect(newer).toBeGreaterThan(0);
    const answer = await t.ask(
      `query($q: String) { ordersCount(query: $q) { count } orders(first: 250, query: $q) { nodes { id } } }`,
      {
        q: `updated_at:>'${pivot}'`,
      },
    );
    expect(answer.data.ordersCount).toEqual({ count: newer });
    expect(answer.data.orders?.nodes).toHaveLength(newer);
    const first = t.orders[0];
    if (!first) throw new Error('no orders');
    const both = compileOrderSearchWithDates(
      `updated_at:<=${first.updatedAt} AND name:${first.name.slice(1)}`,
    );
    expect(both(first)).toBe(true);
    expect(compileOrderSearchWithDates('updated_at:>not-a-date')(first)).toBe(false);
  });
});
