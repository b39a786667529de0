import { describe, expect, it } from 'vitest';
import type { Fetch } from '../../src/core/ports.js';
import { ADMIN_GRAPHQL_PATH } from './admin-emulator.js';
import { createLocalShopify } from './local-shopify.js';
import { ID_TOKEN_TYPE, OFFLINE_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from './oauth.js';
import { seedOrders } from './seed-orders.js';
import { mintSessionToken } from './session-token.js';

const A = 'demo-store.myshopify.com';
const B = 'second-store.myshopify.com';
const KEY = 'local-key';
const SECRET = 'local-secret';
const ORIGIN = 'http://127.0.0.1:5000';
const START = Date.parse('2026-11-26T12:00:00Z');

function setup() {
  let now = START;
  const clock = () => now;
  const aOrders = seedOrders(new Date(START));
  const bOrders = seedOrders(new Date(START))
    .slice(0, 2)
    .map((o, i) => ({ ...o, id: `gid://shopify/Order/${900001 + i}`, name: `#900${i + 1}` }));
  const hooks: Array<{ topic: string | null; shop: string | null }> = [];
  const fetch: Fetch = async (_url, init) => {
    const h = new Headers(init?.headers);
    hooks.push({ topic: h.get('x-shopify-topic'), shop: h.get('x-shopify-shop-domain') });
    return new Response(null, { status: 200 });
  };
  const local = createLocalShopify({
    apiKey: KEY,
    apiSecret: SECRET,
    scope: 'read_orders',
    appUrl: 'http://127.0.0.1:5001/',
    webhookUrl: 'http://127.0.0.1:5001/webhooks',
    shops: [
      { domain: A, orders: aOrders },
      { domain: B, orders: bOrders },
    ],
    clock,
    fetch,
    fixedAccessToken: 'shpat_fixed',
    bulkDurationMs: 10,
  });
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await local.handle(new Request(`${ORIGIN}${path}`, init));
    if (!res) throw new Error(`no route for ${path}`);
    return res;
  };
  const exchange = async (shop: string) => {
    const subject = await mintSessionToken({ shop, apiKey: KEY, apiSecret: SECRET, clock });
    const res = await call('/admin/oauth/access_token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: KEY,
        client_secret: SECRET,
        grant_type: TOKEN_EXCHANGE_GRANT,
        subject_token: subject,
        subject_token_type: ID_TOKEN_TYPE,
        requested_token_type: OFFLINE_TOKEN_TYPE,
        expiring: '1',
      }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const gql = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await call(ADMIN_GRAPHQL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        data?: Record<string, { nodes?: Array<{ name: string }> } & Record<string, unknown>>;
      },
    };
  };
  return {
    local,
    call,
    exchange,
    gql,
    hooks,
    aOrders,
    bOrders,
    advance: (ms: number) => (now += ms),
  };
}

const NAMES = '{ orders(first: 250) { nodes { name } } }';

describe('local Shopify', () => {
  it('routes each token to its own shop: a token for shop A never reads shop B', async () => {
    const t = setup();
    const a = await t.exchange(A);
    const b = await t.exchange(B);
    const fromA = (await t.gql(a, NAMES)).body.data?.orders?.nodes?.map((n) => n.name);
    const fromB = (await t.gql(b, NAMES)).body.data?.orders?.nodes?.map((n) => n.name);
    expect(fromA).toEqual(expect.arrayContaining(t.aOrders.map((o) => o.name)));
    expect(fromA).toHaveLength(t.aOrders.length);
    expect(fromB).toEqual(['#9001', '#9002']);
    expect((await t.gql('shpat_fixed', NAMES)).body.data?.orders?.nodes).toHaveLength(
      t.aOrders.length,
    );
    expect((await t.gql('shpat_unknown', NAMES)).status).toBe(401);
    expect(t.local.oauth.counts.exchanges).toBe(2);
  });

  it('sends the webhooks a write causes to the app, for the right shop, while installed', async () => {
    const t = setup();
    const a = await t.exchange(A);
    const f = t.aOrders.flatMap((o) => o.fulfillments)[0];
    if (!f) throw new Error('no fulfilment');
    const write = `mutation($e: FulfillmentEventInput!) { fulfillmentEventCreate(fulfillmentEvent: $e) { userErrors { message } } }`;
    await t.gql(a, write, { e: { fulfillmentId: f.id, status: 'IN_TRANSIT' } });
    expect(t.hooks).toEqual([
      { topic: 'fulfillment_events/create', shop: A },
      { topic: 'fulfillments/update', shop: A },
      { topic: 'orders/updated', shop: A },
    ]);
    // Uninstall from the admin page: app/uninstalled goes out, the token stops working.
    const res = await t.call('/admin/uninstall', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `shop=${A}`,
    });
    expect(res.status).toBe(303);
    expect(t.hooks.at(-1)).toEqual({ topic: 'app/uninstalled', shop: A });
    expect(t.local.isInstalled(A)).toBe(false);
    expect((await t.gql(a, NAMES)).status).toBe(401);
    await t.gql('shpat_fixed', write, { e: { fulfillmentId: f.id, status: 'DELIVERED' } });
    expect(t.hooks).toHaveLength(4);
  });

  it('serves each shop’s bulk file at its own URL', async () => {
    const t = setup();
    const b = await t.exchange(B);
    const run = await t.gql(
      b,
      `mutation { bulkOperationRunQuery(query: "{ orders { edges { node { id name } } } }") { bulkOperation { id } userErrors { message } } }`,
    );
    const started = run.body.data?.bulkOperationRunQuery as { bulkOperation: { id: string } };
    const id = started.bulkOperation.id;
    t.advance(10);
    const poll = await t.gql(b, `query($id: ID!) { bulkOperation(id: $id) { status url } }`, {
      id,
    });
    const op = poll.body.data?.bulkOperation as { status: string; url: string };
    expect(op.status).toBe('COMPLETED');
    expect(op.url).toBe(`${ORIGIN}/bulk/1000001.jsonl`);
    const file = await (await t.call(new URL(op.url).pathname)).text();
    expect(
      file
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { name: string }).name),
    ).toEqual(['#9001', '#9002']);
  });

  it('answers the admin page and the CDN stand-ins, and nothing else', async () => {
    const t = setup();
    expect((await t.call('/admin')).status).toBe(200);
    expect((await t.call('/cdn/shopifycloud/app-bridge.js')).status).toBe(200);
    expect(await t.local.handle(new Request(`${ORIGIN}/apps/track`))).toBeNull();
  });
});
