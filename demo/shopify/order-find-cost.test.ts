import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadAdminSchema } from '../../src/shopify/admin-schema.js';
import {
  OrderDetailDataSchema,
  OrderFindDataSchema,
} from '../../src/shopify/order-detail-schema.js';
import { ORDER_DETAIL_QUERY, ORDER_FIND_QUERY } from '../../src/shopify/order-find-query.js';
import { ORDER_LOOKUP_QUERY } from '../../src/shopify/order-lookup-query.js';
import { requestedCost } from './admin-cost.js';
import { ADMIN_GRAPHQL_PATH, createAdminEmulator } from './admin-emulator.js';
import { seedOrders } from './seed-orders.js';

const schema = loadAdminSchema();

function requested(source: string, variables: Record<string, unknown>): number {
  const document = parse(source);
  const op = getOperationAST(document);
  if (!op) throw new Error('no operation');
  return requestedCost(schema, document, op, variables);
}

const FIND = requested(ORDER_FIND_QUERY, { query: 'name:1001' });
const DETAIL = requested(ORDER_DETAIL_QUERY, { id: 'gid://shopify/Order/1' });
const SINGLE = requested(ORDER_LOOKUP_QUERY, { query: 'name:1001' });

describe('the find-then-detail lookup requests far fewer points than the one-query lookup', () => {
  it('find by name requests 12 points (2 + 5 × (order + customer))', () => {
    expect(FIND).toBe(12);
    expect(FIND).toBeLessThanOrEqual(20);
  });

  it('the detail of one order requests 257 points', () => {
    expect(DETAIL).toBe(257);
    expect(DETAIL).toBeLessThanOrEqual(300);
  });

  it('a found order costs find + detail, a miss costs the find alone; both under half of today', () => {
    // 25 line items × their product (1 point) over 3 orders on top of the 695 before product ids.
    expect(SINGLE).toBe(770);
    expect(FIND + DETAIL).toBeLessThan(SINGLE / 2);
  });
});

describe('actual cost on the demo shop (the emulator charges as Shopify does)', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  const orders = seedOrders(now);
  const emulator = createAdminEmulator({
    orders,
    accessToken: 'shpat_test',
    clock: () => +now,
    bucket: { maximumAvailable: 1_000_000, restoreRate: 1_000_000 },
  });

  async function ask(query: string, variables: Record<string, unknown>) {
    const response = await emulator.handle(
      new Request(`http://shop.test${ADMIN_GRAPHQL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_test' },
        body: JSON.stringify({ query, variables }),
      }),
    );
    const body = (await response.json()) as { data?: unknown };
    return { data: body.data, cost: emulator.lastCost };
  }

  it.each(orders.map((o) => [o.name]))('%s: find then detail', async (name) => {
    const found = await ask(ORDER_FIND_QUERY, { query: `name:${name.slice(1)}` });
    const candidates = OrderFindDataSchema.parse(found.data).orders.nodes;
    const match = candidates.find((c) => c.name === name);
    expect(match).toBeDefined();
    expect(found.cost?.requestedQueryCost).toBe(FIND);
    expect(found.cost?.actualQueryCost).toBeLessThanOrEqual(FIND);

    const detail = await ask(ORDER_DETAIL_QUERY, { id: match?.id });
    expect(OrderDetailDataSchema.parse(detail.data).order?.name).toBe(name);
    expect(detail.cost?.requestedQueryCost).toBe(DETAIL);
    expect(detail.cost?.actualQueryCost).toBeLessThanOrEqual(DETAIL);
  });
});
