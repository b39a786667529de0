import { describe, expect, it } from 'vitest';
import { ADMIN_GRAPHQL_PATH, createAdminEmulator } from './admin-emulator.js';
import type { OutgoingWebhook } from './order-actions.js';
import { seedOrders } from './seed-orders.js';

const TOKEN = 'shpat_bulk_test';

interface Op {
  id: string;
  status: string;
  url: string | null;
  errorCode: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  completedAt: string | null;
}
interface Data {
  bulkOperationRunQuery: {
    bulkOperation: Op;
    userErrors: Array<{ field: string[] | null; message: string; code: string }>;
  };
  bulkOperation: Op;
  currentBulkOperation: Op;
  bulkOperationCancel: unknown;
  bulkOperations: { nodes: Op[] };
}
type Line = Record<string, unknown>;
const START = Date.parse('2026-11-26T12:00:00Z');

function setup(orders = seedOrders(new Date(START))) {
  let now = START;
  const timers: Array<() => void> = [];
  const webhooks: OutgoingWebhook[] = [];
  const emu = createAdminEmulator({
    orders,
    accessToken: TOKEN,
    clock: () => now,
    bulkDurationMs: 1000,
    schedule: (_ms, run) => {
      timers.push(run);
    },
    onWebhook: (w) => webhooks.push(w),
    maxQueryCost: Number.POSITIVE_INFINITY,
    bucket: { maximumAvailable: 1e9, restoreRate: 1e9 },
  });
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await emu.handle(
      new Request(`http://local-shopify.test${ADMIN_GRAPHQL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': TOKEN },
        body: JSON.stringify({ query, variables }),
      }),
    );
    return (await res.json()) as { data: Data; errors?: unknown[] };
  };
  return {
    emu,
    ask,
    orders,
    webhooks,
    advance: (ms: number) => {
      now += ms;
    },
    fireTimers: () => {
      for (const t of timers.splice(0)) t();
    },
  };
}

const RUN = `mutation Run($q: String!) {
  bulkOperationRunQuery(query: $q) {
    bulkOperation { id status url }
    userErrors { field message code }
  }
}`;
const POLL = `query Poll($id: ID!) {
  bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount fileSize url completedAt }
}`;

const NESTED = `{
  orders(query: "updated_at:>2020-01-01") {
    edges { node {
      id name updatedAt
      customer { id email }
      fulfillments { id trackingInfo { number } }
      lineItems { edges { node { id sku } } }
    } }
  }
}`;

describe('bulk operations', () => {
  it('runs CREATED → RUNNING → COMPLETED and serves JSONL in Shopify’s shape', async () => {
    const t = setup();
    const started = await t.ask(RUN, { q: NESTED });
    const op = started.data.bulkOperationRunQuery;
    expect(op.userErrors).toEqual([]);
    expect(op.bulkOperation).toMatchObject({ status: 'CREATED', url: null });
    const id = op.bulkOperation.id;
    expect(id).toMatch(/^gid:\/\/shopify\/BulkOperation\/\d+$/);

    expect((await t.ask(POLL, { id })).data.bulkOperation.status).toBe('RUNNING');
    t.advance(1000);
    const done = (await t.ask(POLL, { id })).data.bulkOperation;
    expect(done.status).toBe('COMPLETED');
    expect(done.completedAt).toBe(new Date(START + 1000).toISOString());
    const n = id.split('/').pop();
    expect(done.url).toBe(`http://local-shopify.test/bulk/${n}.jsonl`);

    const file = await t.emu.handle(new Request(String(done.url)));
    expect(file.status).toBe(200);
    const text = await file.text();
    expect(String(Buffer.byteLength(text))).toBe(done.fileSize);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    const itemCount = t.orders.reduce((sum, o) => sum + o.lineItems.length, 0);
    expect(lines).toHaveLength(t.orders.length + itemCount);
    expect(done.objectCount).toBe(String(lines.length));
    expect(done.rootObjectCount).toBe(String(t.orders.length));

    // Each order on its own line, lists inline, no connection field left on it…
    const first = t.orders[0];
    const orderLine = lines.find((l) => l.id === first?.id);
    expect(orderLine).toMatchObject({ name: first?.name, customer: { email: first?.email } });
    expect(Array.isArray(orderLine?.fulfillments)).toBe(true);
    expect(orderLine).not.toHaveProperty('lineItems');
    expect(orderLine).not.toHaveProperty('__parentId');
    // …and every line item on its own line after its order, pointing back with __parentId.
    const at = lines.indexOf(orderLine as Line);
    const children = lines.filter((l) => l.__parentId === first?.id);
    expect(children.map((c) => c.id)).toEqual(first?.lineItems.map((i) => i.id));
    for (const c of children) expect(lines.indexOf(c)).toBeGreaterThan(at);
    expect(Object.keys(children[0] ?? {}).sort()).toEqual(['__parentId', 'id', 'sku']);
  });

  it('fires bulk_operations/finish once when the timer completes it', async () => {
    const t = setup();
    const id = (await t.ask(RUN, { q: NESTED })).data.bulkOperationRunQuery.bulkOperation.id;
    t.advance(1000);
    t.fireTimers();
    await t.emu.bulk.get(id);
    await t.ask(POLL, { id });
    expect(t.webhooks.map((w) => w.topic)).toEqual(['bulk_operations/finish']);
    expect(t.webhooks[0]?.payload).toMatchObject({
      admin_graphql_api_id: id,
      status: 'completed',
      type: 'query',
      error_code: null,
    });
    const current = await t.ask('{ currentBulkOperation { id status } }');
    expect(current.data.currentBulkOperation).toEqual({ id, status: 'COMPLETED' });
  });

  it('streams thousands of orders in chunks', async () => {
    const base = seedOrders(new Date(START));
    const many = Array.from({ length: 3000 }, (_, i) => {
      const o = structuredClone(base[i % base.length]);
      if (!o) throw new Error('empty seed');
      o.id = `gid://shopify/Order/${100000 + i}`;
      return o;
    });
    const t = setup(many);
    const id = (await t.ask(RUN, { q: '{ orders { edges { node { id name } } } }' })).data
      ?.bulkOperationRunQuery.bulkOperation.id;
    t.advance(1000);
    const done = (await t.ask(POLL, { id })).data.bulkOperation;
    const res = await t.emu.handle(new Request(String(done.url)));
    const reader = res.body?.getReader();
    let reads = 0;
    let text = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { done: end, value } = (await reader?.read()) ?? { done: true, value: undefined };
      if (end) break;
      reads += 1;
      text += decoder.decode(value);
    }
    expect(reads).toBeGreaterThan(1);
    expect(text.trimEnd().split('\n')).toHaveLength(3000);
  });

  it.each([
    [
      'six connections',
      `{ orders { edges { node { id
        lineItems { edges { node { id } } }
        fulfillmentOrders { edges { node { id } } }
        events { edges { node { id } } }
        transactions: refunds { id }
        agreements { edges { node { id } } }
        risks: returns { edges { node { id } } }
        metafields { edges { node { id } } }
      } } } }`,
      'more than 5 connections',
    ],
    [
      'three levels of connections',
      `{ customers { edges { node { id orders { edges { node { id lineItems { edges { node { id } } } } } } } } } }`,
      'nesting depth greater than 2',
    ],
    ['a top-level node field', `{ node(id: "gid://shopify/Order/1") { id } }`, "'node'"],
    ['no connection', `{ shop { name } }`, 'must be a connection'],
    ['an invalid query', `{ orders { edges { node { nope } } } }`, 'Invalid bulk query'],
  ])('refuses %s with Shopify’s userErrors shape', async (_name, q, message) => {
    const t = setup();
    const answer = await t.ask(RUN, { q });
    expect(answer.errors).toBeUndefined();
    const payload = answer.data.bulkOperationRunQuery;
    expect(payload.bulkOperation).toBeNull();
    expect(payload.userErrors).toEqual([
      { field: ['query'], message: expect.stringContaining(message), code: 'INVALID' },
    ]);
    expect(t.emu.bulk.count).toBe(0);
  });

  it('allows at most 5 bulk queries at once and cancels one', async () => {
    const t = setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await t.ask(RUN, { q: NESTED })).data.bulkOperationRunQuery.bulkOperation.id);
    }
    const sixth = (await t.ask(RUN, { q: NESTED })).data.bulkOperationRunQuery;
    expect(sixth.userErrors[0]).toMatchObject({ code: 'LIMIT_REACHED' });
    const cancel = await t.ask(
      `mutation($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { status } userErrors { message } } }`,
      { id: ids[0] },
    );
    expect(cancel.data.bulkOperationCancel).toEqual({
      bulkOperation: { status: 'CANCELING' },
      userErrors: [],
    });
    expect((await t.ask(POLL, { id: ids[0] })).data.bulkOperation.status).toBe('CANCELED');
    const running = await t.ask(
      `{ bulkOperations(first: 10, query: "status:RUNNING") { nodes { id } } }`,
    );
    expect(running.data.bulkOperations.nodes).toHaveLength(4);
  });

  it('serves 404 for a file that is not ready or does not exist', async () => {
    const t = setup();
    const id: string = (await t.ask(RUN, { q: NESTED })).data.bulkOperationRunQuery.bulkOperation
      .id;
    const n = id.split('/').pop();
    expect(
      (await t.emu.handle(new Request(`http://local-shopify.test/bulk/${n}.jsonl`))).status,
    ).toBe(404);
    expect(
      (await t.emu.handle(new Request('http://local-shopify.test/bulk/999.jsonl'))).status,
    ).toBe(404);
  });
});
