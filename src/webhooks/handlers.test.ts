import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seedOrders } from '../../demo/shopify/seed-orders.js';
import {
  customersDataRequestPayload,
  customersRedactPayload,
  shopRedactPayload,
} from '../../demo/shopify/webhook-payloads.js';
import type { DatabaseHandle } from '../db/index.js';
import { createRepositories } from '../db/repositories.js';
import { SHOP_ROW_TABLES } from '../db/shops.js';
import { databases, testDatabase } from '../db/testing.js';
import { createSealer } from '../platform/crypto.js';
import type { JobQueue } from '../platform/jobs.js';
import { memoryLogger } from '../platform/logger.js';
import { fillShopTables } from '../testing/shop-rows.js';
import { appScopesUpdate } from './app-scopes-update.js';
import { appUninstalled } from './app-uninstalled.js';
import type { CustomerDataReporter, CustomerRedactor } from './customer-data.js';
import {
  createCustomersDataRequestHandler,
  customersDataRequest,
} from './customers-data-request.js';
import { createCustomersRedactHandler, customersRedact } from './customers-redact.js';
import { WEBHOOK_HANDLERS } from './index.js';
import { processWebhook } from './process.js';
import { shopRedact } from './shop-redact.js';
import type { WebhookDelivery, WebhookDeps } from './types.js';

const A = 'alpha.myshopify.com';
const B = 'beta.myshopify.com';
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const orders = seedOrders(new Date(NOW));
const customerOrder = orders.find((o) => o.customer !== null);
if (!customerOrder?.customer) throw new Error('the seed has no order with a customer');
const customer = customerOrder.customer;

/** Handlers never queue here; a call would be a bug. */
const noJobs: JobQueue = {
  start: async () => {},
  stop: async () => {},
  createQueue: async () => {},
  deleteJob: async () => {},
  send: async () => {
    throw new Error('no queue in handler tests');
  },
  work: async () => {
    throw new Error('no queue in handler tests');
  },
};

let ids = 0;
function delivery(shop: string, topic: string, payload: unknown): WebhookDelivery {
  ids += 1;
  return {
    shop,
    topic,
    eventId: `ev-${ids}`,
    webhookId: `wh-${ids}`,
    triggeredAt: new Date(NOW).toISOString(),
    payload,
  };
}

describe.each(databases())('webhook topic handlers on %s', { timeout: 60_000 }, (kind) => {
  async function setup() {
    const handle = await testDatabase(kind);
    const { logger, lines } = memoryLogger();
    const repos = createRepositories(handle.db, createSealer(randomBytes(32)), () => NOW);
    const deps: WebhookDeps = { db: handle.db, repos, jobs: noJobs, logger, clock: () => NOW };
    for (const shop of [A, B]) await fillShopTables(handle.db, repos, shop, new Date(NOW));
    return { handle, deps, lines };
  }

  async function rowsOf(handle: DatabaseHandle, shop: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const { table, column } of SHOP_ROW_TABLES) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = ${shop}`.execute(
        handle.db,
      );
      counts[table] = rows[0]?.n ?? -1;
    }
    return counts;
  }

  const everyTableOnce = Object.fromEntries(SHOP_ROW_TABLES.map(({ table }) => [table, 1]));

  it('app/uninstalled deletes the shop tokens and marks it uninstalled, the other shop untouched', async () => {
    const { handle, deps } = await setup();
    await appUninstalled(delivery(A, 'app/uninstalled', { id: 1, myshopify_domain: A }), deps);
    expect(await deps.repos.sessions.load(A)).toBeUndefined();
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from offline_sessions where shop = ${A}`.execute(handle.db);
    expect(rows[0]?.n).toBe(0);
    const shop = await deps.repos.shops.get(A);
    expect(shop?.state).toBe('uninstalled');
    expect(shop?.uninstalledAt).toEqual(new Date(NOW));
    // Kept for shop/redact: the shop row, its secret and its events.
    expect(await rowsOf(handle, A)).toEqual({ ...everyTableOnce, offline_sessions: 0 });
    expect((await deps.repos.sessions.load(B))?.accessToken).toBe(`shpat_${B}`);
    expect((await deps.repos.shops.get(B))?.state).toBe('installed');
  });

  it('app/scopes_update stores the current scopes; a bad payload is logged and dropped', async () => {
    const { deps, lines } = await setup();
    await appScopesUpdate(
      delivery(A, 'app/scopes_update', {
        id: 1,
        previous: ['read_orders'],
        current: ['read_orders', 'read_fulfillments'],
        updated_at: new Date(NOW).toISOString(),
      }),
      deps,
    );
    expect((await deps.repos.shops.get(A))?.scopes).toBe('read_orders,read_fulfillments');
    expect((await deps.repos.sessions.load(A))?.scope).toBe('read_orders,read_fulfillments');
    expect((await deps.repos.shops.get(B))?.scopes).toBe('read_orders');
    expect((await deps.repos.sessions.load(B))?.scope).toBe('read_orders');

    await appScopesUpdate(delivery(A, 'app/scopes_update', { current: 'write_orders' }), deps);
    await appScopesUpdate(delivery(A, 'app/scopes_update', null), deps);
    expect((await deps.repos.shops.get(A))?.scopes).toBe('read_orders,read_fulfillments');
    const invalid = lines.filter((l) => l.event === 'webhook_payload_invalid');
    expect(invalid).toHaveLength(2);
    expect(invalid[0]).toMatchObject({ topic: 'app/scopes_update', shop: A });
    expect(JSON.stringify(invalid)).not.toContain('write_orders');
  });

  it('customers/data_request logs that it was answered, with no personal data', async () => {
    const { handle, deps, lines } = await setup();
    const payload = customersDataRequestPayload(A, customer, orders, 9001);
    await customersDataRequest(delivery(A, 'customers/data_request', payload), deps);
    const answered = lines.filter((l) => l.event === 'customer_data_request_answered');
    expect(answered).toEqual([
      expect.objectContaining({
        shop: A,
        dataRequestId: '9001',
        personalDataHeld: false,
        held: [],
        ordersRequested: (payload.orders_requested as number[]).length,
      }),
    ]);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(customer.email);
    if (customer.phone) expect(logged).not.toContain(customer.phone);
    expect(logged).not.toContain(`"${(payload.customer as { id: number }).id}"`);
    // Answering changes nothing.
    expect(await rowsOf(handle, A)).toEqual(everyTableOnce);
  });

  it('customers/data_request lists the ids a reporter holds for the named orders', async () => {
    const { deps, lines } = await setup();
    const payload = customersDataRequestPayload(A, customer, orders, 9002);
    const asked: string[][] = [];
    const reporter: CustomerDataReporter = {
      name: 'orders',
      held: async (request) => {
        asked.push([request.shop, request.customerGid, ...request.orderGids]);
        return { kind: 'order', ids: request.orderGids.slice(0, 1) };
      },
    };
    await createCustomersDataRequestHandler([reporter])(
      delivery(A, 'customers/data_request', payload),
      deps,
    );
    const requested = payload.orders_requested as number[];
    expect(asked).toEqual([
      [
        A,
        `gid://shopify/Customer/${(payload.customer as { id: number }).id}`,
        ...requested.map((id) => `gid://shopify/Order/${id}`),
      ],
    ]);
    expect(lines.find((l) => l.event === 'customer_data_request_answered')?.held).toEqual([
      { kind: 'order', ids: [`gid://shopify/Order/${requested[0]}`] },
    ]);
  });

  it('customers/redact of a customer with nothing stored erases nothing else, and remembers the named orders as deleted', async () => {
    const { handle, deps, lines } = await setup();
    const payload = customersRedactPayload(A, customer, orders);
    const named = (payload.orders_to_redact as number[]).length;
    await customersRedact(delivery(A, 'customers/redact', payload), deps);
    // Their ids (never content) stay in deleted_orders, so a late webhook cannot bring them back.
    expect(await rowsOf(handle, A)).toEqual({ ...everyTableOnce, deleted_orders: 1 + named });
    expect(lines.find((l) => l.event === 'customer_redacted')).toMatchObject({ shop: A });
    expect(JSON.stringify(lines)).not.toContain(customer.email);
  });

  it('customers/redact runs every redactor: rows of that customer and those orders go, in that shop only', async () => {
    const { handle, deps } = await setup();
    // A stand-in for the tables order sync adds: rows keyed by customer or by order, per shop.
    await sql`create table if not exists test_customer_rows (
      shop text not null, customer_gid text, order_gid text)`.execute(handle.db);
    await sql`delete from test_customer_rows`.execute(handle.db);
    const payload = customersRedactPayload(A, customer, orders);
    const toRedact = (payload.orders_to_redact as number[]).map(
      (id) => `gid://shopify/Order/${id}`,
    );
    const customerGid = `gid://shopify/Customer/${(payload.customer as { id: number }).id}`;
    for (const shop of [A, B]) {
      await sql`insert into test_customer_rows values
        (${shop}, ${customerGid}, null),
        (${shop}, null, ${toRedact[0] ?? 'none'}),
        (${shop}, 'gid://shopify/Customer/1', 'gid://shopify/Order/1')`.execute(handle.db);
    }
    const redactor: CustomerRedactor = {
      name: 'test_customer_rows',
      async redact(request, { db }) {
        const orderGids = request.orderGids.length > 0 ? [...request.orderGids] : [''];
        const { rows } = await sql<{ n: number }>`
          with gone as (
            delete from test_customer_rows
            where shop = ${request.shop}
              and (customer_gid = ${request.customerGid} or order_gid = any(${orderGids}))
            returning 1)
          select count(*)::int as n from gone`.execute(db);
        return rows[0]?.n ?? 0;
      },
    };
    await createCustomersRedactHandler([redactor])(delivery(A, 'customers/redact', payload), {
      ...deps,
    });
    const left = await sql<{ shop: string; customer_gid: string | null }>`
      select shop, customer_gid from test_customer_rows order by shop, customer_gid`.execute(
      handle.db,
    );
    expect(left.rows).toEqual([
      { shop: A, customer_gid: 'gid://shopify/Customer/1' },
      { shop: B, customer_gid: 'gid://shopify/Customer/1' },
      { shop: B, customer_gid: customerGid },
      { shop: B, customer_gid: null },
    ]);
    expect(await rowsOf(handle, A)).toEqual(everyTableOnce);
    await sql`drop table test_customer_rows`.execute(handle.db);
  });

  it('shop/redact erases every row of the shop in every table, and only that shop', async () => {
    const { handle, deps } = await setup();
    await shopRedact(delivery(A, 'shop/redact', shopRedactPayload(A)), deps);
    const none = Object.fromEntries(SHOP_ROW_TABLES.map(({ table }) => [table, 0]));
    expect(await rowsOf(handle, A)).toEqual(none);
    expect(await rowsOf(handle, B)).toEqual(everyTableOnce);
  });

  it('a compliance body naming another shop than the signed header is dropped', async () => {
    const { handle, deps, lines } = await setup();
    await shopRedact(delivery(A, 'shop/redact', shopRedactPayload(B)), deps);
    await shopRedact(delivery(B, 'shop/redact', shopRedactPayload(A)), deps);
    expect(await rowsOf(handle, A)).toEqual(everyTableOnce);
    expect(await rowsOf(handle, B)).toEqual(everyTableOnce);
    expect(lines.filter((l) => l.event === 'webhook_payload_other_shop')).toHaveLength(2);
  });

  it('processes an event once, skips topics of uninstalled shops, still runs compliance for them', async () => {
    const { handle, deps } = await setup();
    const calls: string[] = [];
    const handlers = {
      ...WEBHOOK_HANDLERS,
      'orders/create': async (d: WebhookDelivery) => void calls.push(d.eventId),
    };
    const order = delivery(A, 'orders/create', { id: 1 });
    expect(await processWebhook(order, deps, handlers)).toBe('processed');
    expect(await processWebhook({ ...order, webhookId: 'again' }, deps, handlers)).toBe(
      'duplicate',
    );
    expect(calls).toEqual([order.eventId]);

    expect(await processWebhook(delivery(A, 'app/uninstalled', {}), deps, handlers)).toBe(
      'processed',
    );
    expect(await processWebhook(delivery(A, 'orders/create', { id: 2 }), deps, handlers)).toBe(
      'shop_not_installed',
    );
    expect(calls).toHaveLength(1);
    expect(await processWebhook(delivery(A, 'shop/redact', {}), deps, handlers)).toBe('processed');
    expect((await rowsOf(handle, A)).shops).toBe(0);
    expect(await processWebhook(delivery(A, 'customers/redact', {}), deps, handlers)).toBe(
      'unknown_shop',
    );
    expect(await processWebhook(delivery(B, 'no/such_topic', {}), deps, handlers)).toBe(
      'unknown_topic',
    );
  });

  it('an event whose handler threw is run again, then counts as processed', async () => {
    const { deps } = await setup();
    let attempts = 0;
    const handlers = {
      'test/flaky': async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('transient');
      },
    };
    const event = delivery(A, 'test/flaky', {});
    await expect(processWebhook(event, deps, handlers)).rejects.toThrow('transient');
    expect((await deps.repos.webhookEvents.status(A, event.eventId))?.processedAt).toBeNull();
    expect(await processWebhook(event, deps, handlers)).toBe('processed');
    expect(await processWebhook(event, deps, handlers)).toBe('duplicate');
    expect(attempts).toBe(2);
  });
});
