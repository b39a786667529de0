import { describe, expect, it } from 'vitest';
import { CUSTOMER_ORDERS_QUERY, ORDER_LOOKUP_QUERY } from '../../src/shopify/order-lookup-query.js';
import { CustomerOrdersDataSchema, OrderLookupDataSchema } from '../../src/shopify/order-schema.js';
import {
  ADMIN_GRAPHQL_PATH,
  type AdminEmulatorOptions,
  createAdminEmulator,
} from './admin-emulator.js';
import { seedOrders } from './seed-orders.js';

const TOKEN = 'shpat_local_test_token';
const NOW = new Date('2026-11-26T12:00:00Z');
const orders = seedOrders(NOW);

function emulator(extra: Partial<AdminEmulatorOptions> = {}) {
  return createAdminEmulator({ orders, accessToken: TOKEN, clock: () => +NOW, ...extra });
}

function post(
  body: unknown,
  { token = TOKEN, path = ADMIN_GRAPHQL_PATH }: { token?: string | null; path?: string } = {},
): Request {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers['x-shopify-access-token'] = token;
  return new Request(`http://shop.test${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
}

type Answer = {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
};

async function ask(
  emu: ReturnType<typeof emulator>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  const res = await emu.handle(post({ query, variables }));
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

// The lookup query's shape is checked here apart from its cost, which has a test of its own.
const uncapped = () => emulator({ maxQueryCost: Number.POSITIVE_INFINITY });

describe('the local Admin API answers the real lookup query', () => {
  const emu = uncapped();

  it.each(orders.map((o) => [o.name]))(
    'returns %s in a shape OrderLookupDataSchema accepts',
    async (name) => {
      const answer = await ask(emu, ORDER_LOOKUP_QUERY, { query: `name:${name.slice(1)}` });
      expect(answer.errors).toBeUndefined();
      const parsed = OrderLookupDataSchema.safeParse(answer.data);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(parsed.data?.orders.nodes.map((n) => n.name)).toContain(name);
    },
  );

  it('returns fulfillment events newest first, as the query asks', async () => {
    const answer = await ask(emu, ORDER_LOOKUP_QUERY, { query: 'name:1004' });
    const data = OrderLookupDataSchema.parse(answer.data);
    const times =
      data.orders.nodes[0]?.fulfillments[0]?.events.nodes.map((e) => e.happenedAt) ?? [];
    expect(times.length).toBeGreaterThan(1);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('finds nothing for an order number that does not exist', async () => {
    const answer = await ask(emu, ORDER_LOOKUP_QUERY, { query: 'name:9999' });
    expect(OrderLookupDataSchema.parse(answer.data).orders.nodes).toEqual([]);
  });

  it('answers staff-only fields only to a query that asks for them', async () => {
    const answer = await ask(
      emu,
      '{ orders(first: 1, query: "name:1012") { nodes { note tags } } }',
    );
    expect(JSON.stringify(answer.data)).toContain('FRAUD SUSPECTED');
    const lookup = await ask(emu, ORDER_LOOKUP_QUERY, { query: 'name:1012' });
    expect(JSON.stringify(lookup.data)).not.toContain('FRAUD SUSPECTED');
  });

  it('resolves staff comments through the Event interface', async () => {
    const answer = await ask(
      emu,
      '{ orders(first: 1, query: "name:1001") { nodes { events(first: 5) { nodes { __typename ... on CommentEvent { rawMessage } } } } } }',
    );
    expect(answer.errors).toBeUndefined();
    expect(JSON.stringify(answer.data)).toContain('"__typename":"CommentEvent"');
  });
});

describe('the local Admin API answers the customer orders query', () => {
  const emu = emulator();

  it("lists a customer's orders newest first", async () => {
    const answer = await ask(emu, CUSTOMER_ORDERS_QUERY, { id: 'gid://shopify/Customer/7001' });
    const parsed = CustomerOrdersDataSchema.safeParse(answer.data);
    expect(parsed.success).toBe(true);
    const nodes = parsed.data?.customer?.orders.nodes ?? [];
    expect(nodes.map((n) => n.name)).toEqual(['#1001', '#1014', '#1019']);
  });

  it('answers null for an unknown customer', async () => {
    const answer = await ask(emu, CUSTOMER_ORDERS_QUERY, { id: 'gid://shopify/Customer/1' });
    expect(CustomerOrdersDataSchema.parse(answer.data).customer).toBeNull();
  });
});

describe('the local Admin API speaks GraphQL over HTTP like Shopify', () => {
  it('accepts a raw application/graphql body', async () => {
    const res = await emulator().handle(
      new Request(`http://shop.test${ADMIN_GRAPHQL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/graphql', 'x-shopify-access-token': TOKEN },
        body: '{ shop { currencyCode } }',
      }),
    );
    expect(((await res.json()) as Answer).data).toEqual({ shop: { currencyCode: 'NOK' } });
  });

  it('runs the operation named by operationName', async () => {
    const query = 'query A { shop { name } } query B { shop { currencyCode } }';
    const res = await emulator().handle(post({ query, operationName: 'B' }));
    expect(((await res.json()) as Answer).data).toEqual({ shop: { currencyCode: 'NOK' } });
  });

  it('pages a connection with cursors', async () => {
    const emu = emulator();
    const page = async (after: string | null) =>
      (
        (await ask(
          emu,
          'query ($after: String) { orders(first: 10, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } } }',
          { after },
        )) as {
          data: {
            orders: {
              nodes: Array<{ name: string }>;
              pageInfo: { hasNextPage: boolean; endCursor: string };
            };
          };
        }
      ).data.orders;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const p = await page(after);
      seen.push(...p.nodes.map((n) => n.name));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    // Shopify's default sort key for orders is PROCESSED_AT, oldest first.
    const byDate = [...orders].sort((a, b) => (a.processedAt < b.processedAt ? -1 : 1));
    expect(seen).toEqual(byDate.map((o) => o.name));
  });

  it('sorts by processing date and reverses on request', async () => {
    const answer = (await ask(
      emulator(),
      '{ orders(first: 3, sortKey: PROCESSED_AT, reverse: true) { nodes { processedAt } } }',
    )) as { data: { orders: { nodes: Array<{ processedAt: string }> } } };
    const newest = [...orders]
      .map((o) => o.processedAt)
      .sort()
      .reverse()
      .slice(0, 3);
    expect(answer.data.orders.nodes.map((n) => n.processedAt)).toEqual(newest);
  });
});

describe('the local Admin API rejects what Shopify rejects', () => {
  it('reports an unknown field as a validation error, without data', async () => {
    const answer = await ask(emulator(), '{ orders(first: 1) { nodes { name notARealField } } }');
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.[0]?.message).toMatch(
      /^Cannot query field "notARealField" on type "Order"\./,
    );
  });

  it('reports an argument the field does not take', async () => {
    const answer = await ask(emulator(), '{ orders(first: 1, size: 3) { nodes { name } } }');
    expect(answer.errors?.[0]?.message).toContain('Unknown argument "size"');
  });

  it('reports a syntax error with its location', async () => {
    const res = await emulator().handle(post({ query: '{ orders(first: 1) { nodes { name }' }));
    const body = (await res.json()) as { errors: Array<{ message: string; locations: unknown[] }> };
    expect(body.errors[0]?.message).toMatch(/^Syntax Error/);
    expect(body.errors[0]?.locations).toHaveLength(1);
  });

  it('reports a missing variable', async () => {
    const answer = await ask(emulator(), ORDER_LOOKUP_QUERY, {});
    expect(answer.errors?.[0]?.message).toContain(
      '"$query" of required type "String!" was not provided',
    );
  });

  it('asks for first or last on a connection', async () => {
    const answer = await ask(emulator(), '{ orders { nodes { name } } }');
    expect(answer.errors?.[0]?.message).toBe('you must provide one of first or last');
  });

  it("refuses a missing access token with 401 and Shopify's body", async () => {
    const res = await emulator().handle(post({ query: '{ shop { name } }' }, { token: null }));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
    });
  });

  it('refuses a wrong access token with 401', async () => {
    const res = await emulator().handle(post({ query: '{ shop { name } }' }, { token: 'shpat_x' }));
    expect(res.status).toBe(401);
  });

  it('answers 404 for another API version or path', async () => {
    const emu = emulator();
    for (const path of ['/admin/api/2024-01/graphql.json', '/admin/api/graphql.json', '/']) {
      const res = await emu.handle(post({ query: '{ shop { name } }' }, { path }));
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ errors: 'Not Found' });
    }
  });

  it('answers 405 to anything but POST', async () => {
    const res = await emulator().handle(new Request(`http://shop.test${ADMIN_GRAPHQL_PATH}`));
    expect(res.status).toBe(405);
  });

  it('answers 400 to a body without a query', async () => {
    const res = await emulator().handle(post({ variables: {} }));
    expect(res.status).toBe(400);
  });

  it('answers queries only', async () => {
    const answer = await ask(
      emulator(),
      'mutation { tagsAdd(id: "gid://shopify/Order/6001", tags: ["x"]) { userErrors { message } } }',
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_IMPLEMENTED');
  });
});

describe('calls', () => {
  it('counts every request made to the GraphQL path, and reset clears it', async () => {
    const emu = emulator();
    expect(emu.calls).toBe(0);
    await ask(emu, '{ shop { name } }');
    await emu.handle(post({ query: '{ shop { name } }' }, { token: 'wrong' }));
    await emu.handle(
      post({ query: '{ shop { name } }' }, { path: '/admin/api/2024-01/graphql.json' }),
    );
    expect(emu.calls).toBe(2);
    emu.reset();
    expect(emu.calls).toBe(0);
  });
});
