import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { requestedCost } from '../../demo/shopify/admin-cost.js';
import { ADMIN_GRAPHQL_PATH } from '../../demo/shopify/admin-emulator.js';
import { parseOrderNumber } from '../core/order-number.js';
import { type Fetch, silentLogger } from '../core/ports.js';
import { databases } from '../db/testing.js';
import { createAdminGraphql } from '../shopify/admin-client.js';
import { loadAdminSchema } from '../shopify/admin-schema.js';
import { ORDER_DETAIL_QUERY, ORDER_FIND_QUERY } from '../shopify/order-find-query.js';
import { ORDER_LOOKUP_QUERY } from '../shopify/order-lookup-query.js';
import { singleShopAdmin } from '../sync/shop-admin.js';
import { ORIGIN, SHOP, syncHarness, TOKEN } from '../testing/sync-harness.js';
import { storeFirstOrderSource } from './store-first.js';

/**
 * The bounds, from Shopify's rate limits (reference: a Standard shop's bucket holds 1,000 points and
 * restores 100 a second; the requested cost is reserved before a query runs):
 * - a lookup that finds an order may request at most 300 points: 3 s of restore, so three shoppers
 *   at once still fit in a full bucket (the one-query lookup's 695 fitted once);
 * - a miss (wrong email, unknown number) at most 20: it is what a guesser pays, and it should cost
 *   the shop next to nothing.
 */
const FOUND_BOUND = 300;
const MISS_BOUND = 20;

const schema = loadAdminSchema();
function requested(source: string, variables: Record<string, unknown>): number {
  const document = parse(source);
  const op = getOperationAST(document);
  if (!op) throw new Error('no operation');
  return requestedCost(schema, document, op, variables);
}

interface Call {
  operation: string;
  requested: number;
  actual: number;
}

function number(text: string) {
  const parsed = parseOrderNumber(text);
  if (!parsed.ok) throw new Error(`bad order number ${text}`);
  return parsed.value;
}

describe.each(databases())('the live lookup path requests few points (%s)', (kind) => {
  it('finds by name, then reads the detail of the match only; a miss costs the find alone', async () => {
    const h = await syncHarness(kind);
    const calls: Call[] = [];
    // Every Admin request of the live path, with the cost the emulator charged for it.
    const spy: Fetch = async (input, init) => {
      const request = new Request(input, init);
      const body = (await request.clone().json()) as { query: string };
      const response = await h.emulator.handle(request);
      const answer = (await response.clone().json()) as {
        extensions?: { cost?: { requestedQueryCost: number; actualQueryCost: number | null } };
      };
      calls.push({
        operation: getOperationAST(parse(body.query))?.name?.value ?? '',
        requested: answer.extensions?.cost?.requestedQueryCost ?? Number.NaN,
        actual: answer.extensions?.cost?.actualQueryCost ?? Number.NaN,
      });
      return response;
    };
    const admin = createAdminGraphql(
      {
        shop: SHOP,
        accessToken: TOKEN,
        endpoint: `${ORIGIN}${ADMIN_GRAPHQL_PATH}`,
        budgetMs: 10_000,
      },
      {
        fetch: spy,
        clock: () => h.now.ms,
        sleep: async () => {},
        timeoutSignal: () => new AbortController().signal,
        logger: silentLogger,
      },
    );
    const orders = storeFirstOrderSource({
      orders: h.repos.orders,
      fingerprinter: h.backfillDeps.fingerprinter,
      adminFor: singleShopAdmin(SHOP, admin),
    });
    const ctx = { logger: silentLogger, shop: SHOP };
    const find = requested(ORDER_FIND_QUERY, { query: 'name:1001' });
    const detail = requested(ORDER_DETAIL_QUERY, { id: 'gid://shopify/Order/1' });
    const single = requested(ORDER_LOOKUP_QUERY, { query: 'name:1001' });

    // An order the store does not have yet, with the right email.
    const found = await orders.findOrder(
      { orderNumber: number('#1001'), email: 'ada@example.com', customerId: null },
      ctx,
    );
    expect(found?.name).toBe('#1001');
    expect(calls.map((c) => c.operation)).toEqual(['TrackOrderFind', 'TrackOrderDetail']);
    // The emulator charges what the schema-based calculator says for these very documents.
    expect(calls.map((c) => c.requested)).toEqual([find, detail]);
    const foundRequested = find + detail;
    expect(foundRequested).toBeLessThanOrEqual(FOUND_BOUND);
    expect(foundRequested).toBeLessThan(single / 2);
    for (const c of calls) expect(c.actual).toBeLessThanOrEqual(c.requested);

    // A wrong email for an order not stored: the find alone.
    calls.length = 0;
    expect(
      await orders.findOrder(
        { orderNumber: number('#1002'), email: 'mallory@example.com', customerId: null },
        ctx,
      ),
    ).toBeNull();
    expect(calls.map((c) => c.operation)).toEqual(['TrackOrderFind']);
    expect(calls[0]?.requested).toBe(find);
    expect(find).toBeLessThanOrEqual(MISS_BOUND);

    // The order found live was stored: asking again costs nothing.
    calls.length = 0;
    await orders.findOrder(
      { orderNumber: number('#1001'), email: 'ada@example.com', customerId: null },
      ctx,
    );
    expect(calls).toEqual([]);
  });
});
