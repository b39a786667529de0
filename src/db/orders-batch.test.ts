import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../core/ports.js';
import { createSealer } from '../platform/crypto.js';
import { type BackfillDeps, ingestBulkFile } from '../sync/backfill.js';
import { createFingerprinters } from '../sync/shop-admin.js';
import type { StoredOrder, StoredShipmentEvent } from '../sync/stored-order.js';
import { storedOrder } from '../testing/stored-orders.js';
import type { OrdersRepository } from './orders.js';
import { createRepositories } from './repositories.js';
import { type DatabaseKind, databases, testDatabase } from './testing.js';

const SHOP = 'batch.myshopify.com';

async function setup(kind: DatabaseKind) {
  const handle = await testDatabase(kind);
  const repos = createRepositories(handle.db, createSealer(randomBytes(32)));
  await repos.shops.markInstalled(SHOP, 'read_orders');
  return { handle, repos };
}

function event(n: number, happenedAt: string, status = 'IN_TRANSIT'): StoredShipmentEvent {
  return {
    eventGid: `gid://shopify/FulfillmentEvent/${n}`,
    fulfillmentGid: `gid://shopify/Fulfillment/${n % 1000}`,
    status,
    happenedAt,
    message: null,
    city: 'Oslo',
    province: null,
    country: 'Norway',
    estimatedDeliveryAt: null,
  };
}

/** Order `n` stamped `updatedAt`, its one shipment carrying `events` (newest first). */
function withEvents(
  n: number,
  updatedAt: string,
  events: StoredShipmentEvent[],
  patch: Partial<StoredOrder> = {},
): StoredOrder {
  const base = storedOrder(n, { updatedAt });
  const [shipment] = base.shipments;
  if (!shipment) throw new Error('fixture has a shipment');
  return { ...base, ...patch, shipments: [{ ...shipment, events }] };
}

async function rowCount(
  db: Awaited<ReturnType<typeof setup>>['handle']['db'],
  table: string,
): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from ${sql.table(table)} where shop = ${SHOP}`.execute(db);
  return rows[0]?.n ?? -1;
}

describe.each(databases())('batched order writes (%s)', (kind) => {
  it('one order twice in a batch is written once: the later copy merged over the earlier, events of both kept', async () => {
    const { repos } = await setup(kind);
    const early = withEvents(1, '2026-11-02T10:00:00Z', [event(1001, '2026-11-01T15:00:00Z')]);
    const late = withEvents(
      1,
      '2026-11-03T10:00:00Z',
      [event(2001, '2026-11-03T09:00:00Z', 'OUT_FOR_DELIVERY')],
      { financialStatus: 'PARTIALLY_REFUNDED' },
    );
    const results = await repos.orders.upsertMany(SHOP, [early, storedOrder(2), late]);
    expect(results.map((r) => [r.orderGid, r.outcome])).toEqual([
      ['gid://shopify/Order/1', 'written'],
      ['gid://shopify/Order/2', 'written'],
    ]);
    const stored = await repos.orders.get(SHOP, early.orderGid);
    expect(stored?.updatedAt).toBe('2026-11-03T10:00:00Z');
    expect(stored?.financialStatus).toBe('PARTIALLY_REFUNDED');
    expect(stored?.shipments[0]?.events.map((e) => e.eventGid)).toEqual([
      'gid://shopify/FulfillmentEvent/2001',
      'gid://shopify/FulfillmentEvent/1001',
    ]);
    expect(await repos.orders.count(SHOP)).toBe(2);

    // The other way round in one batch: the older copy after the newer one changes nothing.
    const { repos: other } = await setup(kind);
    await other.orders.upsertMany(SHOP, [late, { ...early, financialStatus: 'REFUNDED' }]);
    expect((await other.orders.get(SHOP, early.orderGid))?.financialStatus).toBe(
      'PARTIALLY_REFUNDED',
    );
  });

  it('an older copy in a batch leaves the stored order as it was while the rest of the batch is written', async () => {
    const { repos } = await setup(kind);
    const stored = withEvents(1, '2026-11-05T10:00:00Z', [event(1001, '2026-11-04T15:00:00Z')]);
    await repos.orders.upsert(SHOP, stored);
    const before = await repos.orders.get(SHOP, stored.orderGid);
    const older = withEvents(
      1,
      '2026-11-04T10:00:00Z',
      [event(1002, '2026-11-03T15:00:00Z', 'CONFIRMED')],
      { financialStatus: 'REFUNDED', lineItems: [] },
    );
    const results = await repos.orders.upsertMany(SHOP, [storedOrder(2), older, storedOrder(3)]);
    expect(results.map((r) => r.outcome)).toEqual(['written', 'kept', 'written']);
    expect(await repos.orders.get(SHOP, stored.orderGid)).toEqual(before);
    expect(await repos.orders.count(SHOP)).toBe(3);
  });

  it('a newer copy of a stored order replaces its children, keeps its earlier events and first estimate', async () => {
    const { repos, handle } = await setup(kind);
    const first = withEvents(1, '2026-11-02T10:00:00Z', [event(1001, '2026-11-01T15:00:00Z')]);
    await repos.orders.upsertMany(SHOP, [first, storedOrder(2)]);
    const base = withEvents(1, '2026-11-04T10:00:00Z', [
      event(1002, '2026-11-03T15:00:00Z', 'DELIVERED'),
    ]);
    const [shipment] = base.shipments;
    if (!shipment) throw new Error('fixture has a shipment');
    const newer: StoredOrder = {
      ...base,
      lineItems: [
        { lineItemGid: 'gid://shopify/LineItem/91', name: 'Beanie', quantity: 1, productGid: null },
        {
          lineItemGid: 'gid://shopify/LineItem/92',
          name: 'Mittens',
          quantity: 3,
          productGid: null,
        },
      ],
      shipments: [{ ...shipment, estimatedDeliveryAt: '2026-11-06T00:00:00Z' }],
    };
    await repos.orders.upsertMany(SHOP, [newer, storedOrder(3)]);
    const stored = await repos.orders.get(SHOP, first.orderGid);
    expect(stored?.lineItems.map((l) => [l.lineItemGid, l.quantity])).toEqual([
      ['gid://shopify/LineItem/91', 1],
      ['gid://shopify/LineItem/92', 3],
    ]);
    expect(stored?.shipments[0]?.events.map((e) => e.eventGid)).toEqual([
      'gid://shopify/FulfillmentEvent/1002',
      'gid://shopify/FulfillmentEvent/1001',
    ]);
    expect(stored?.shipments[0]?.firstEstimatedDeliveryAt).toBe('2026-11-04T00:00:00Z');
    expect(stored?.shipments[0]?.estimatedDeliveryAt).toBe('2026-11-06T00:00:00Z');
    expect(await rowCount(handle.db, 'order_line_items')).toBe(4);
    expect(await rowCount(handle.db, 'shipments')).toBe(3);
  });

  it("keeps each shipment's newest event time: written with the shipment, raised and lowered by the triggers", async () => {
    const { repos, handle } = await setup(kind);
    await repos.orders.upsertMany(SHOP, [
      withEvents(1, '2026-11-02T10:00:00Z', [
        event(1002, '2026-11-02T08:00:00Z'),
        event(1001, '2026-11-01T15:00:00Z'),
      ]),
      withEvents(2, '2026-11-02T10:00:00Z', []),
    ]);
    const lastEvent = async (n: number) => {
      const row = await handle.db
        .selectFrom('shipments')
        .select('last_event_at')
        .where('shop', '=', SHOP)
        .where('fulfillment_gid', '=', `gid://shopify/Fulfillment/${n}`)
        .executeTakeFirstOrThrow();
      return row.last_event_at?.toISOString() ?? null;
    };
    expect(await lastEvent(1)).toBe('2026-11-02T08:00:00.000Z');
    expect(await lastEvent(2)).toBeNull();
    // Another writer of events (the overview's seed does so): the insert trigger raises it.
    await handle.db
      .insertInto('shipment_events')
      .values({
        shop: SHOP,
        event_gid: 'gid://shopify/FulfillmentEvent/9',
        fulfillment_gid: 'gid://shopify/Fulfillment/1',
        status: 'DELIVERED',
        happened_at: '2026-11-03T12:00:00Z',
      })
      .execute();
    expect(await lastEvent(1)).toBe('2026-11-03T12:00:00.000Z');
    // An older event leaves it; deleting the newest lowers it to the next.
    await handle.db
      .insertInto('shipment_events')
      .values({
        shop: SHOP,
        event_gid: 'gid://shopify/FulfillmentEvent/8',
        fulfillment_gid: 'gid://shopify/Fulfillment/1',
        status: 'CONFIRMED',
        happened_at: '2026-10-30T12:00:00Z',
      })
      .execute();
    expect(await lastEvent(1)).toBe('2026-11-03T12:00:00.000Z');
    await handle.db
      .deleteFrom('shipment_events')
      .where('event_gid', '=', 'gid://shopify/FulfillmentEvent/9')
      .execute();
    expect(await lastEvent(1)).toBe('2026-11-02T08:00:00.000Z');
    // The write path tells the trigger to skip only its own insert: a later one in the same
    // transaction is kept up to date again.
    await handle.db.transaction().execute(async (trx) => {
      await repos.orders.upsertMany(
        SHOP,
        [withEvents(3, '2026-11-02T10:00:00Z', [event(1003, '2026-11-02T09:00:00Z')])],
        trx,
      );
      await trx
        .insertInto('shipment_events')
        .values({
          shop: SHOP,
          event_gid: 'gid://shopify/FulfillmentEvent/7',
          fulfillment_gid: 'gid://shopify/Fulfillment/3',
          status: 'DELIVERED',
          happened_at: '2026-11-04T12:00:00Z',
        })
        .execute();
    });
    expect(await lastEvent(3)).toBe('2026-11-04T12:00:00.000Z');
  });
});

// A bulk file of `orders` orders, each: the order line, one line item, one fulfillment order and
// two events of its fulfillment (5 lines). Order `again` appears a second time at the end, newer.
function bulkFile(orders: number, again: number): Uint8Array {
  const lines: string[] = [];
  const order = (n: number, updatedAt: string, extraEvent: boolean) => {
    const id = `gid://shopify/Order/${n}`;
    const f = `gid://shopify/Fulfillment/${n}`;
    lines.push(
      JSON.stringify({
        id,
        name: `#${n}`,
        confirmationNumber: null,
        email: `shopper${n}@example.com`,
        processedAt: '2026-11-01T10:00:00Z',
        updatedAt,
        cancelledAt: null,
        displayFinancialStatus: 'PAID',
        displayFulfillmentStatus: 'FULFILLED',
        returnStatus: 'NO_RETURN',
        customer: null,
        shippingAddress: { countryCodeV2: 'NO' },
        fulfillments: [
          {
            id: f,
            status: 'SUCCESS',
            displayStatus: 'IN_TRANSIT',
            createdAt: '2026-11-01T12:00:00Z',
            updatedAt,
            trackingInfo: [{ company: 'Bring', number: `TRACK${n}`, url: null }],
          },
        ],
      }),
      JSON.stringify({
        id: `gid://shopify/LineItem/${n}`,
        name: 'Socks',
        quantity: 1,
        product: null,
        __parentId: id,
      }),
      JSON.stringify({
        id: `gid://shopify/FulfillmentOrder/${n}`,
        status: 'CLOSED',
        fulfillAt: null,
        fulfillmentHolds: [],
        __parentId: id,
      }),
    );
    for (let e = 0; e < (extraEvent ? 3 : 2); e += 1) {
      lines.push(
        JSON.stringify({
          id: `gid://shopify/FulfillmentEvent/${n * 10 + e}`,
          status: 'IN_TRANSIT',
          happenedAt: `2026-11-0${2 + e}T10:00:00Z`,
          __parentId: f,
        }),
      );
    }
  };
  for (let n = 1; n <= orders; n += 1) order(n, '2026-11-02T10:00:00Z', false);
  order(again, '2026-11-05T10:00:00Z', true);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/** Orders whose `upsertMany` throws on call `failOn`, after writing, inside the batch's transaction. */
function crashingOn(orders: OrdersRepository, failOn: number): OrdersRepository {
  let calls = 0;
  return {
    ...orders,
    async upsertMany(shop, batch, trx) {
      const written = await orders.upsertMany(shop, batch, trx);
      calls += 1;
      if (calls === failOn) throw new Error('process killed mid-batch');
      return written;
    },
  };
}

describe.each(databases())('backfill batches (%s)', (kind) => {
  it('a crash mid-batch commits nothing of that batch; resuming from the committed position stores every order once', async () => {
    const { handle, repos } = await setup(kind);
    await repos.syncState.startRun(SHOP, 'gid://shopify/BulkOperation/1');
    const ORDERS = 40;
    const file = bulkFile(ORDERS, 7);
    const deps: BackfillDeps = {
      db: handle.db,
      shops: repos.shops,
      orders: crashingOn(repos.orders, 3),
      syncState: repos.syncState,
      adminFor: async () => null,
      fingerprinter: createFingerprinters(repos.shopSecrets),
      fetch: async () => new Response(null, { status: 404 }),
      clock: () => Date.now(),
      logger: silentLogger,
      // 4 orders (20 lines) per batch.
      batchLines: 23,
    };
    const start = { line: 0, byteOffset: 0 };
    await expect(ingestBulkFile(SHOP, [file], start, true, deps)).rejects.toThrow('mid-batch');
    const crashed = await repos.syncState.get(SHOP);
    // Two batches committed, the third rolled back whole: orders, children and position.
    expect(crashed.ordersCount).toBe(8);
    expect(crashed.resume.line).toBe(40);
    expect(await repos.orders.count(SHOP)).toBe(8);
    for (const table of ['order_line_items', 'fulfillment_orders', 'shipments']) {
      expect(await rowCount(handle.db, table)).toBe(8);
    }
    expect(await rowCount(handle.db, 'shipment_events')).toBe(16);

    // Restarted, the download starting over (no Range): the committed bytes are skipped unread.
    const resumed = { ...deps, orders: repos.orders };
    const written = await ingestBulkFile(SHOP, [file], crashed.resume, false, resumed);
    expect(written).toBe(ORDERS + 1 - 8);
    const done = await repos.syncState.get(SHOP);
    expect(done.resume.byteOffset).toBe(file.length);
    expect(done.ordersCount).toBe(ORDERS + 1);
    expect(await repos.orders.count(SHOP)).toBe(ORDERS);
    for (const table of ['order_line_items', 'fulfillment_orders', 'shipments']) {
      expect(await rowCount(handle.db, table)).toBe(ORDERS);
    }
    // Order 7 came twice; its later, newer copy added a third event.
    expect(await rowCount(handle.db, 'shipment_events')).toBe(ORDERS * 2 + 1);
    expect((await repos.orders.get(SHOP, 'gid://shopify/Order/7'))?.updatedAt).toBe(
      '2026-11-05T10:00:00Z',
    );

    // A second worker replaying the file from the start writes nothing: every batch was claimed.
    expect(await ingestBulkFile(SHOP, [file], start, true, resumed)).toBe(0);
    expect((await repos.syncState.get(SHOP)).ordersCount).toBe(ORDERS + 1);
    expect(await rowCount(handle.db, 'shipment_events')).toBe(ORDERS * 2 + 1);
  });

  it("refreshes the tables' statistics after committed batches 1, 2, 4, 8, …", async () => {
    const { handle, repos } = await setup(kind);
    await repos.syncState.startRun(SHOP, 'gid://shopify/BulkOperation/1');
    const analyzedAfter: number[] = [];
    const orders: OrdersRepository = {
      ...repos.orders,
      analyze: async () => {
        analyzedAfter.push(await repos.orders.count(SHOP));
        await repos.orders.analyze();
      },
    };
    const deps: BackfillDeps = {
      db: handle.db,
      shops: repos.shops,
      orders,
      syncState: repos.syncState,
      adminFor: async () => null,
      fingerprinter: createFingerprinters(repos.shopSecrets),
      fetch: async () => new Response(null, { status: 404 }),
      clock: () => Date.now(),
      logger: silentLogger,
      batchLines: 5,
    };
    // 20 orders of 5 lines, one a batch, and order 1 again at the end: 21 batches.
    await ingestBulkFile(SHOP, [bulkFile(20, 1)], { line: 0, byteOffset: 0 }, true, deps);
    expect(analyzedAfter).toEqual([1, 2, 4, 8, 16]);
  });

  it('resumes a ranged download from the committed byte with the same result', async () => {
    const { handle, repos } = await setup(kind);
    await repos.syncState.startRun(SHOP, 'gid://shopify/BulkOperation/1');
    const file = bulkFile(30, 3);
    const deps: BackfillDeps = {
      db: handle.db,
      shops: repos.shops,
      orders: crashingOn(repos.orders, 4),
      syncState: repos.syncState,
      adminFor: async () => null,
      fingerprinter: createFingerprinters(repos.shopSecrets),
      fetch: async () => new Response(null, { status: 404 }),
      clock: () => Date.now(),
      logger: silentLogger,
      batchLines: 20,
    };
    await expect(
      ingestBulkFile(SHOP, [file], { line: 0, byteOffset: 0 }, true, deps),
    ).rejects.toThrow('mid-batch');
    const crashed = await repos.syncState.get(SHOP);
    expect(crashed.ordersCount).toBe(12);
    const rest = file.subarray(crashed.resume.byteOffset);
    await ingestBulkFile(SHOP, [rest], crashed.resume, true, { ...deps, orders: repos.orders });
    const done = await repos.syncState.get(SHOP);
    expect(done.resume.byteOffset).toBe(file.length);
    expect(await repos.orders.count(SHOP)).toBe(30);
    expect(await rowCount(handle.db, 'shipment_events')).toBe(30 * 2 + 1);
  });
});

describe.runIf(databases().includes('postgres'))('batched order writes racing (postgres)', () => {
  it('an older copy never overwrites an order another writer inserted after the stamps were read', async () => {
    const { handle, repos } = await setup('postgres');
    const newer = storedOrder(5, { updatedAt: '2026-11-05T10:00:00Z' });
    const older = {
      ...storedOrder(5, { updatedAt: '2026-11-04T10:00:00Z' }),
      financialStatus: 'REFUNDED',
    };
    let commitNewer = () => {};
    const committed = new Promise<void>((resolve) => {
      commitNewer = resolve;
    });
    let inserted = () => {};
    const newerInserted = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    // A webhook's write: inserted, not yet committed, so the backfill finds no row to compare.
    const webhook = handle.db.transaction().execute(async (trx) => {
      await repos.orders.upsertMany(SHOP, [newer], trx);
      inserted();
      await committed;
    });
    await newerInserted;
    const backfill = repos.orders.upsertMany(SHOP, [older]);
    // The backfill's insert waits on the webhook's uncommitted row before the webhook commits
    // (watched on a connection of its own: the file's pool has two, both busy now).
    const watcher = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await watcher.connect();
    try {
      for (;;) {
        const { rows } = await watcher.query<{ n: number }>(
          `select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
           where not l.granted and a.query like 'insert into "orders"%'`,
        );
        if ((rows[0]?.n ?? 0) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await watcher.end();
    }
    commitNewer();
    await webhook;
    await backfill;
    const stored = await repos.orders.get(SHOP, newer.orderGid);
    expect(stored?.updatedAt).toBe('2026-11-05T10:00:00Z');
    expect(stored?.financialStatus).toBe('PAID');
  });
});
