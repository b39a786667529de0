// `npm run bench:sync`: backfill ingest rate of a 100,000-order bulk file (PGlite; Postgres when BENCH_DATABASE_URL is set), store lookup p50, Admin calls per synced lookup.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { parseOrderNumber } from '../src/core/order-number.js';
import { silentLogger } from '../src/core/ports.js';
import { type DatabaseHandle, openDatabase, wrapPGlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createRepositories } from '../src/db/repositories.js';
import { storeFirstOrderSource } from '../src/lookup/store-first.js';
import { createSealer } from '../src/platform/crypto.js';
import type { AdminQuery } from '../src/shopify/admin-client.js';
import { ingestBulkFile } from '../src/sync/backfill.js';
import { createFingerprinters } from '../src/sync/shop-admin.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 2_000);
const SHOP = 'bench-sync.myshopify.com';
const JSON_OUT = process.argv.includes('--json');

/** One order as the bulk query writes it: the order line, 2 line items, a fulfillment order, 3 events, 2 fulfilled lines. */
function orderLines(n: number): string[] {
  const order = `gid://shopify/Order/${n}`;
  const f = `gid://shopify/Fulfillment/${n}`;
  const day = (d: number) =>
    new Date(Date.UTC(2026, 9, 1) + (n % 50) * 86_400_000 + d * 3_600_000).toISOString();
  return [
    JSON.stringify({
      id: order,
      name: `#${n}`,
      confirmationNumber: `B${String(n).padStart(10, '0')}`,
      email: `shopper${n}@example.com`,
      processedAt: day(0),
      updatedAt: day(30),
      cancelledAt: null,
      displayFinancialStatus: 'PAID',
      displayFulfillmentStatus: 'FULFILLED',
      returnStatus: 'NO_RETURN',
      customer: { id: `gid://shopify/Customer/${n}` },
      shippingAddress: { countryCodeV2: n % 3 === 0 ? 'SE' : 'NO' },
      fulfillments: [
        {
          id: f,
          status: 'SUCCESS',
          displayStatus: 'IN_TRANSIT',
          createdAt: day(2),
          updatedAt: day(30),
          inTransitAt: day(6),
          deliveredAt: null,
          estimatedDeliveryAt: day(60),
          trackingInfo: [
            { company: 'Bring', number: `CS${String(n).padStart(9, '0')}NO`, url: null },
          ],
        },
      ],
    }),
    ...[1, 2].map((i) =>
      JSON.stringify({
        id: `gid://shopify/LineItem/${n}${i}`,
        name: `Merino socks - Grey / ${i}`,
        quantity: i,
        product: { id: `gid://shopify/Product/${i}` },
        __parentId: order,
      }),
    ),
    JSON.stringify({
      id: `gid://shopify/FulfillmentOrder/${n}`,
      status: 'CLOSED',
      fulfillAt: null,
      fulfillmentHolds: [],
      __parentId: order,
    }),
    ...[1, 2, 3].map((i) =>
      JSON.stringify({
        id: `gid://shopify/FulfillmentEvent/${n}${i}`,
        status: 'IN_TRANSIT',
        happenedAt: day(6 + i * 4),
        message: 'At the terminal',
        city: 'Oslo',
        province: null,
        country: 'Norway',
        estimatedDeliveryAt: null,
        __parentId: f,
      }),
    ),
    ...[1, 2].map((i) =>
      JSON.stringify({
        id: `gid://shopify/FulfillmentLineItem/${n}${i}`,
        quantity: i,
        lineItem: { id: `gid://shopify/LineItem/${n}${i}`, name: `Merino socks - Grey / ${i}` },
        __parentId: f,
      }),
    ),
  ];
}

async function* bulkFile(orders: number): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let chunk: string[] = [];
  for (let n = 1; n <= orders; n += 1) {
    chunk.push(...orderLines(n));
    if (chunk.length >= 2000) {
      yield encoder.encode(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length) yield encoder.encode(`${chunk.join('\n')}\n`);
}

interface Figures {
  database: string;
  orders: number;
  ingestSeconds: number;
  ordersPerSecond: number;
  lookupP50Ms: number;
  lookupP99Ms: number;
  adminCallsPerLookup: number;
}

async function run(name: string, handle: DatabaseHandle): Promise<Figures> {
  const repos = createRepositories(handle.db, createSealer(randomBytes(32)));
  await repos.shops.markInstalled(SHOP, 'read_orders');
  await repos.syncState.startRun(SHOP, 'gid://shopify/BulkOperation/1');
  const fingerprinter = createFingerprinters(repos.shopSecrets);
  let adminCalls = 0;
  const admin: AdminQuery = async () => {
    adminCalls += 1;
    throw new Error('no Admin in the benchmark');
  };
  const started = performance.now();
  const written = await ingestBulkFile(SHOP, bulkFile(ORDERS), { line: 0, byteOffset: 0 }, true, {
    db: handle.db,
    shops: repos.shops,
    orders: repos.orders,
    syncState: repos.syncState,
    adminFor: async () => admin,
    fingerprinter,
    fetch: async () => new Response(null, { status: 404 }),
    clock: () => Date.now(),
    logger: silentLogger,
  });
  const ingestSeconds = (performance.now() - started) / 1000;
  if (written !== ORDERS) throw new Error(`wrote ${written} of ${ORDERS} orders`);

  const source = storeFirstOrderSource({
    orders: repos.orders,
    fingerprinter,
    adminFor: async () => admin,
  });
  const times: number[] = [];
  for (let i = 0; i < LOOKUPS; i += 1) {
    const n = 1 + Math.floor(Math.random() * ORDERS);
    const parsed = parseOrderNumber(`#${n}`);
    if (!parsed.ok) throw new Error('bad number');
    const t = performance.now();
    const order = await source.findOrder(
      { orderNumber: parsed.value, email: `shopper${n}@example.com`, customerId: null },
      { logger: silentLogger, shop: SHOP },
    );
    times.push(performance.now() - t);
    if (order?.name !== `#${n}`) throw new Error(`lookup of #${n} failed`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((times[Math.floor(q * (times.length - 1))] ?? 0) * 100) / 100;
  return {
    database: name,
    orders: ORDERS,
    ingestSeconds: Math.round(ingestSeconds * 10) / 10,
    ordersPerSecond: Math.round(ORDERS / ingestSeconds),
    lookupP50Ms: at(0.5),
    lookupP99Ms: at(0.99),
    adminCallsPerLookup: adminCalls / LOOKUPS,
  };
}

const results: Figures[] = [];
{
  const pglite = await PGlite.create();
  const handle = wrapPGlite(pglite);
  await migrateToLatest(handle.db, silentLogger);
  results.push(await run('PGlite (in memory)', handle));
  await handle.close();
}
const url = process.env.BENCH_DATABASE_URL;
if (url) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const handle = await openDatabase({ databaseUrl: url, dataDir: '.', schema }, silentLogger);
  try {
    results.push(await run('Postgres', handle));
  } finally {
    await sql`drop schema ${sql.id(schema)} cascade`.execute(handle.db);
    await handle.close();
  }
}
if (JSON_OUT) console.log(JSON.stringify(results));
else console.table(results);
