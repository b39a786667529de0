import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadAdminSchema } from './admin-schema.js';
import {
  BULK_DOCUMENTS,
  backfillSince,
  bulkOrdersQuery,
  bulkOrdersSearch,
  DEFAULT_BACKFILL_DAYS,
} from './bulk-orders-query.js';
import {
  BulkOperationsFinishSchema,
  BulkRunDataSchema,
  RecentBulkQueriesDataSchema,
} from './bulk-orders-schema.js';
import { BULK_LIMITS, bulkQueryShape } from './bulk-query-rules.js';
import { ORDER_FIND_DOCUMENTS } from './order-find-query.js';

const schema = loadAdminSchema();
const NOW = Date.parse('2026-11-30T12:00:00Z');
const errors = (source: string) => validate(schema, parse(source)).map((e) => e.message);

const INNER_QUERIES = {
  'last 60 days': bulkOrdersQuery({ processedSince: backfillSince(NOW, false) }),
  'all orders': bulkOrdersQuery({ processedSince: backfillSince(NOW, true) }),
  reconciliation: bulkOrdersQuery({
    processedSince: null,
    updatedSince: new Date('2026-11-30T11:45:00Z'),
  }),
};

describe("the sync's documents are valid against Shopify's 2026-10 Admin schema", () => {
  it.each(Object.entries({ ...BULK_DOCUMENTS, ...ORDER_FIND_DOCUMENTS }))(
    '%s validates',
    (_name, source) => {
      expect(errors(source)).toEqual([]);
    },
  );

  it.each(Object.entries(INNER_QUERIES))('the inner bulk query (%s) validates', (_n, source) => {
    expect(errors(source)).toEqual([]);
  });

  it('the check can fail: a field the Order type lacks is reported', () => {
    expect(
      errors(INNER_QUERIES['all orders'].replace('returnStatus', 'shippingNotes')),
    ).not.toEqual([]);
  });
});

describe('the inner bulk query obeys the bulk operation limits', () => {
  it.each(Object.entries(INNER_QUERIES))('%s', (_name, source) => {
    const shape = bulkQueryShape(schema, parse(source));
    expect(shape.connections.length).toBeLessThanOrEqual(BULK_LIMITS.connections);
    expect(shape.nesting).toBeLessThanOrEqual(BULK_LIMITS.nesting);
    expect(shape.forbiddenRootFields).toEqual([]);
  });

  it('names the five connections it uses', () => {
    expect(bulkQueryShape(schema, parse(INNER_QUERIES['all orders'])).connections).toEqual([
      'orders',
      'orders.edges.node.lineItems',
      'orders.edges.node.fulfillmentOrders',
      'orders.edges.node.fulfillments.events',
      'orders.edges.node.fulfillments.fulfillmentLineItems',
    ]);
  });

  it('the walker sees three levels of nesting, six connections and a top-level nodes', () => {
    const shape = bulkQueryShape(
      schema,
      parse(`{
        nodes(ids: ["gid://shopify/Order/1"]) { id }
        orders { edges { node {
          a: lineItems { edges { node { id } } } b: lineItems { edges { node { id } } }
          c: lineItems { edges { node { id } } } d: lineItems { edges { node { id } } }
          customer { orders { edges { node { lineItems { edges { node { id } } } } } } }
        } } }
      }`),
    );
    expect(shape.nesting).toBe(3);
    expect(shape.connections.length).toBeGreaterThan(BULK_LIMITS.connections);
    expect(shape.forbiddenRootFields).toEqual(['nodes']);
  });

  it('asks for the email only to fingerprint it and for nothing else personal', () => {
    const source = INNER_QUERIES['all orders'];
    expect(source).toMatch(/\bemail\b/);
    for (const field of [
      'phone',
      'firstName',
      'lastName',
      'address1',
      'zip',
      'note',
      'tags',
      'risk',
      'displayName',
      'billingAddress',
      'customAttributes',
      'clientIp',
    ]) {
      expect(source).not.toMatch(new RegExp(`\\b${field}\\b`));
    }
  });
});

describe('bulk orders filter', () => {
  it(`starts ${DEFAULT_BACKFILL_DAYS} days back without read_all_orders, nowhere with it`, () => {
    expect(backfillSince(NOW, false)?.toISOString()).toBe('2026-10-01T12:00:00.000Z');
    expect(backfillSince(NOW, true)).toBeNull();
  });

  it("writes Shopify's quoted search syntax, cut to the second so the window only widens", () => {
    expect(bulkOrdersSearch({ processedSince: new Date('2026-10-01T12:00:00.750Z') })).toBe(
      "processed_at:>='2026-10-01T12:00:00Z'",
    );
    expect(
      bulkOrdersSearch({
        processedSince: new Date('2026-10-01T00:00:00Z'),
        updatedSince: new Date('2026-11-30T11:45:00Z'),
      }),
    ).toBe("processed_at:>='2026-10-01T00:00:00Z' AND updated_at:>'2026-11-30T11:45:00Z'");
    expect(bulkOrdersSearch({ processedSince: null })).toBe('');
  });

  it('puts the search string into the inner query as one GraphQL string literal', () => {
    expect(INNER_QUERIES['last 60 days']).toContain(
      `orders(query: "processed_at:>='2026-10-01T12:00:00Z'", sortKey: ID)`,
    );
    expect(INNER_QUERIES['all orders']).toContain('orders(sortKey: ID)');
  });

  it('refuses an invalid date', () => {
    expect(() => bulkOrdersQuery({ processedSince: new Date(Number.NaN) })).toThrow(RangeError);
  });
});

describe('bulk operation answers', () => {
  it('reads the finish webhook, with enums open', () => {
    const body = {
      admin_graphql_api_id: 'gid://shopify/BulkOperation/147595010',
      completed_at: '2026-11-30T12:05:01-05:00',
      created_at: '2026-11-30T12:00:00-05:00',
      error_code: null,
      status: 'completed',
      type: 'query',
      some_new_field: 1,
    };
    const parsed = BulkOperationsFinishSchema.safeParse(body);
    expect(parsed.success).toBe(true);
    expect(parsed.data).not.toHaveProperty('some_new_field');
    expect(BulkOperationsFinishSchema.safeParse({ ...body, status: 'teleported' }).success).toBe(
      true,
    );
    expect(BulkOperationsFinishSchema.safeParse({ status: 'completed' }).success).toBe(false);
  });

  it('reads user errors of the run mutation and an object count as a string', () => {
    expect(
      BulkRunDataSchema.safeParse({
        bulkOperationRunQuery: {
          bulkOperation: null,
          userErrors: [
            { field: ['query'], message: 'A bulk query operation is in progress', code: null },
          ],
        },
      }).success,
    ).toBe(true);
    expect(
      RecentBulkQueriesDataSchema.safeParse({
        bulkOperations: {
          nodes: [
            {
              id: 'gid://shopify/BulkOperation/1',
              status: 'RUNNING',
              errorCode: null,
              objectCount: '1234',
              rootObjectCount: '100',
              url: null,
            },
          ],
        },
      }).success,
    ).toBe(true);
  });
});
