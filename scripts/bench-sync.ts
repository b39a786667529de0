// `npm run bench:sync`: backfill ingest of a bulk JSONL (100,000 orders) on PGlite and Postgres, peak RSS, store lookup latency, Admin calls per synced lookup.
//
// Flags: --orders N (or BENCH_ORDERS), --lookups N (BENCH_LOOKUPS), --database-url URL (or
// TEST_DATABASE_URL / BENCH_DATABASE_URL; Postgres runs when one is set and answers),
// --no-pglite, --no-postgres, --json.

import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { parseOrderNumber } from '../src/core/order-number.js';
import { silentLogger } from '../src/core/ports.js';
import { type DatabaseHandle, openDatabase } from '../src/db/index.js';
import { createRepositories } from '../src/db/repositories.js';
import { storeFirstOrderSource } from '../src/lookup/store-first.js';
import { createSealer } from '../src/platform/crypto.js';
import { createAdminGraphql } from '../src/shopify/admin-client.js';
import { ingestBulkFile } from '../src/sync/backfill.js';
import { createFingerprinters } from '../src/sync/shop-admin.js';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}
const has = (name: string) => process.argv.includes(`--${name}`);

const ORDERS = Number(flag('orders') ?? process.env.BENCH_ORDERS ?? 100_000);
const LOOKUPS = Number(flag('lookups') ?? process.env.BENCH_LOOKUPS ?? 2_000);
const DATABASE_URL =
  flag('database-url') ?? process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL;
const SHOP = 'bench-sync.myshopify.com';
const JSON_OUT = has('json');

// A seeded generator, so every run ingests the same file.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = [
  'Merino hiking socks - Grey / 39-42',
  'Ribbed beanie - Forest green',
  'Down jacket - Navy / M',
  'Wool mittens - Red',
  'Rain shell - Yellow / L',
  'Thermal base layer - Black / S',
  'Trail runners - 43',
];
const CARRIERS = [
  ['Bring', (n: number) => `70712${String(n).padStart(12, '0')}`],
  ['PostNord', (n: number) => `00370${String(n).padStart(13, '0')}`],
  ['DHL Express', (n: number) => String(1_000_000_000 + n)],
  ['UPS', (n: number) => `1Z999AA1${String(n).padStart(10, '0')}`],
] as const;
const PLACES = [
  ['Oslo', 'Norway'],
  ['Bergen', 'Norway'],
  ['Göteborg', 'Sweden'],
  ['Malmö', 'Sweden'],
  ['København', 'Denmark'],
] as const;
const EVENT_STEPS = [
  'LABEL_PRINTED',
  'CONFIRMED',
  'IN_TRANSIT',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
] as const;

/** The email order `n` was placed with (mixed case, as shoppers type it). */
const emailOf = (n: number) => `Shopper.${n}@Example.com`;

/**
 * Order `n` as Shopify's grouped bulk output writes it: the order line (its `fulfillments` list
 * inline), then its line items and fulfillment orders, then each fulfillment's events and
 * fulfilled lines, each child naming its parent in `__parentId`. 1–5 line items, 1–2 fulfillment
 * orders, 0–3 fulfillments with tracking, each with 0–6 events.
 */
function orderLines(n: number): string[] {
  const rnd = random(n);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const order = `gid://shopify/Order/${5_000_000 + n}`;
  const base = Date.UTC(2026, 8, 1) + Math.floor(rnd() * 60) * 86_400_000 + n * 1000;
  const at = (hours: number) => new Date(base + hours * 3_600_000).toISOString();
  const lineCount = 1 + Math.floor(rnd() * 5);
  const r = rnd();
  const fulfillmentCount = r < 0.15 ? 0 : r < 0.8 ? 1 : r < 0.95 ? 2 : 3;
  const cancelled = fulfillmentCount === 0 && rnd() < 0.2;
  const [place, country] = pick(PLACES);
  const items = Array.from({ length: lineCount }, (_, i) => ({
    id: `gid://shopify/LineItem/${(5_000_000 + n) * 10 + i}`,
    name: pick(PRODUCTS),
    quantity: 1 + Math.floor(rnd() * 3),
    product: { id: `gid://shopify/Product/${800 + Math.floor(rnd() * 200)}` },
  }));
  const fulfillments: Array<{ head: object; children: object[] }> = [];
  let lastUpdate = 1;
  for (let f = 0; f < fulfillmentCount; f += 1) {
    const id = `gid://shopify/Fulfillment/${(5_000_000 + n) * 10 + f}`;
    const steps = Math.floor(rnd() * 7);
    const delivered = steps === 6;
    const [company, number] = pick(CARRIERS);
    const created = 4 + f * 12;
    const eventAt = (i: number) => created + 2 + i * 9;
    lastUpdate = Math.max(lastUpdate, steps > 0 ? eventAt(steps - 1) : created);
    fulfillments.push({
      head: {
        id,
        status: 'SUCCESS',
        displayStatus: delivered ? 'DELIVERED' : steps > 2 ? 'IN_TRANSIT' : 'CONFIRMED',
        createdAt: at(created),
        updatedAt: at(steps > 0 ? eventAt(steps - 1) : created),
        inTransitAt: steps > 2 ? at(eventAt(2)) : null,
        deliveredAt: delivered ? at(eventAt(5)) : null,
        estimatedDeliveryAt: at(created + 72),
        trackingInfo: [
          {
            company,
            number: number(n * 10 + f),
            url: `https://track.example/${number(n * 10 + f)}`,
          },
        ],
      },
      children: [
        ...Array.from({ length: steps }, (_, i) => ({
          id: `gid://shopify/FulfillmentEvent/${((5_000_000 + n) * 10 + f) * 10 + i}`,
          status: EVENT_STEPS[i],
          happenedAt: at(eventAt(i)),
          message: i === 5 ? 'Delivered to the parcel box' : 'Handled at the terminal',
          city: place,
          province: null,
          country,
          estimatedDeliveryAt: i === 2 ? at(created + 80) : null,
          __parentId: id,
        })),
        ...items
          .filter((_, i) => i % fulfillmentCount === f)
          .map((li, i) => ({
            id: `gid://shopify/FulfillmentLineItem/${((5_000_000 + n) * 10 + f) * 10 + i}`,
            quantity: li.quantity,
            lineItem: { id: li.id, name: li.name },
            __parentId: id,
          })),
      ],
    });
  }
  const foCount = fulfillmentCount > 1 && rnd() < 0.5 ? 2 : 1;
  const head = {
    id: order,
    name: `#${1000 + n}`,
    confirmationNumber: `B${String(n).padStart(9, '0')}`,
    email: emailOf(n),
    processedAt: at(0),
    updatedAt: at(lastUpdate),
    cancelledAt: cancelled ? at(1) : null,
    displayFinancialStatus: cancelled ? 'REFUNDED' : 'PAID',
    displayFulfillmentStatus: fulfillmentCount === 0 ? 'UNFULFILLED' : 'FULFILLED',
    returnStatus: 'NO_RETURN',
    customer: rnd() < 0.9 ? { id: `gid://shopify/Customer/${700_000 + (n % 40_000)}` } : null,
    shippingAddress: {
      countryCodeV2: country === 'Norway' ? 'NO' : country === 'Sweden' ? 'SE' : 'DK',
    },
    fulfillments: fulfillments.map((f) => f.head),
  };
  return [
    JSON.stringify(head),
    ...items.map((li) => JSON.stringify({ ...li, __parentId: order })),
    ...Array.from({ length: foCount }, (_, i) =>
      JSON.stringify({
        id: `gid://shopify/FulfillmentOrder/${(5_000_000 + n) * 10 + i}`,
        status: fulfillmentCount === 0 ? (cancelled ? 'CANCELLED' : 'OPEN') : 'CLOSED',
        fulfillAt: at(0),
        fulfillmentHolds: [],
        __parentId: order,
      }),
    ),
    ...fulfillments.flatMap((f) => f.children.map((c) => JSON.stringify(c))),
  ];
}

/** Writes the file; returns its line count and size in bytes. */
async function writeBulkFile(
  path: string,
  orders: number,
): Promise<{ lines: number; bytes: number }> {
  const out = createWriteStream(path);
  let lines = 0;
  let chunk: string[] = [];
  const flush = async () => {
    if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
    chunk = [];
  };
  for (let n = 1; n <= orders; n += 1) {
    const group = orderLines(n);
    lines += group.length;
    chunk.push(...group);
    if (chunk.length >= 5000) await flush();
  }
  if (chunk.length) await flush();
  out.end();
  await once(out, 'finish');
  return { lines, bytes: statSync(path).size };
}

/** The highest resident set size seen while `work` runs (sampled every 50 ms), in MiB. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peakMiB: Math.round(peak / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}

interface Figures {
  database: string;
  orders: number;
  lines: number;
  ingestSeconds: number;
  ordersPerSecond: number;
  linesPerSecond: number;
  peakRssMiB: number;
  lookupP50Ms: number;
  lookupP99Ms: number;
  adminCallsPerLookup: number;
}

async function run(
  name: string,
  handle: DatabaseHandle,
  file: { path: string; lines: number },
): Promise<Figures> {
  const repos = createRepositories(handle.db, createSealer(randomBytes(32)));
  await repos.shops.markInstalled(SHOP, 'read_orders');
  await repos.syncState.startRun(SHOP, 'gid://shopify/BulkOperation/1');
  const fingerprinter = createFingerprinters(repos.shopSecrets);
  // The Admin client a live lookup would use; its fetch only counts (a synced order needs none).
  let adminCalls = 0;
  const admin = createAdminGraphql(
    { shop: SHOP, accessToken: 'shpat_bench', endpoint: undefined, budgetMs: 1000, maxAttempts: 1 },
    {
      fetch: async () => {
        adminCalls += 1;
        return new Response('{"errors":[{"message":"no Admin in the benchmark"}]}', {
          status: 500,
        });
      },
      clock: () => Date.now(),
      sleep: async () => {},
      timeoutSignal: (ms) => AbortSignal.timeout(ms),
      logger: silentLogger,
    },
  );
  global.gc?.();
  const started = performance.now();
  const { value: written, peakMiB } = await peakRss(() =>
    ingestBulkFile(
      SHOP,
      createReadStream(file.path, { highWaterMark: 256 * 1024 }),
      { line: 0, byteOffset: 0 },
      true,
      {
        db: handle.db,
        shops: repos.shops,
        orders: repos.orders,
        syncState: repos.syncState,
        adminFor: async () => admin,
        fingerprinter,
        fetch: async () => new Response(null, { status: 404 }),
        clock: () => Date.now(),
        logger: silentLogger,
      },
    ),
  );
  const ingestSeconds = (performance.now() - started) / 1000;
  if (written !== ORDERS) throw new Error(`wrote ${written} of ${ORDERS} orders`);
  if ((await repos.orders.count(SHOP)) !== ORDERS) throw new Error('store count differs');

  const source = storeFirstOrderSource({
    orders: repos.orders,
    fingerprinter,
    adminFor: async () => admin,
  });
  const pickOrder = random(42);
  const times: number[] = [];
  for (let i = 0; i < LOOKUPS; i += 1) {
    const n = 1 + Math.floor(pickOrder() * ORDERS);
    const parsed = parseOrderNumber(`#${1000 + n}`);
    if (!parsed.ok) throw new Error('bad number');
    const t = performance.now();
    const order = await source.findOrder(
      { orderNumber: parsed.value, email: emailOf(n).toLowerCase(), customerId: null },
      { logger: silentLogger, shop: SHOP },
    );
    times.push(performance.now() - t);
    if (order?.name !== `#${1000 + n}`) throw new Error(`lookup of #${1000 + n} failed`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((times[Math.floor(q * (times.length - 1))] ?? 0) * 100) / 100;
  return {
    database: name,
    orders: ORDERS,
    lines: file.lines,
    ingestSeconds: Math.round(ingestSeconds * 10) / 10,
    ordersPerSecond: Math.round(ORDERS / ingestSeconds),
    linesPerSecond: Math.round(file.lines / ingestSeconds),
    peakRssMiB: peakMiB,
    lookupP50Ms: at(0.5),
    lookupP99Ms: at(0.99),
    adminCallsPerLookup: adminCalls / LOOKUPS,
  };
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
const results: Figures[] = [];
const notes: string[] = [];
try {
  const path = join(dir, 'orders.jsonl');
  const generated = performance.now();
  const { lines, bytes } = await writeBulkFile(path, ORDERS);
  notes.push(
    `bulk file: ${ORDERS} orders, ${lines} lines, ${(bytes / 1024 / 1024).toFixed(1)} MiB (written in ${((performance.now() - generated) / 1000).toFixed(1)} s, not counted)`,
  );
  const file = { path, lines };

  if (!has('no-pglite')) {
    // On disk, as `npm start` runs it without DATABASE_URL.
    const handle = await openDatabase({ dataDir: join(dir, 'data') }, silentLogger);
    try {
      results.push(await run('PGlite (on disk)', handle, file));
    } finally {
      await handle.close();
    }
  }
  if (has('no-postgres')) {
    notes.push('Postgres: not run (--no-postgres)');
  } else if (!DATABASE_URL) {
    notes.push('Postgres: not run (set TEST_DATABASE_URL or pass --database-url)');
  } else if (!(await postgresAnswers(DATABASE_URL))) {
    notes.push('Postgres: not run (the server at the given URL does not answer)');
  } else {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const handle = await openDatabase(
      { databaseUrl: DATABASE_URL, dataDir: dir, schema },
      silentLogger,
    );
    try {
      results.push(await run('Postgres', handle, file));
    } finally {
      await handle.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (JSON_OUT) console.log(JSON.stringify({ results, notes }));
else {
  for (const note of notes) console.log(note);
  console.table(results);
}
