// Benchmarks the merchant overview on a shop with many orders (default 100,000), on PGlite and,
// when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, on Postgres: board counts and first page
// p50/p99 server time, filtered pages and searches, a CSV of every row (rows/s, peak RSS and heap
// sampled while it streams), and the admin scripts' gzip size.
// Usage: npm run bench:overview [-- --orders 100000 --runs 20]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import en from '../src/admin/locales/en.json' with { type: 'json' };
import { silentLogger } from '../src/core/ports.js';
import { DEFAULT_STALLED_AFTER_DAYS } from '../src/core/stalled.js';
import { type DatabaseHandle, openDatabase, wrapPGlite } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { overviewCounts } from '../src/overview/counts.js';
import { shipmentsCsv } from '../src/overview/csv.js';
import { generateOrders } from '../src/overview/generate.js';
import { seedOrders, seedShop } from '../src/overview/seed.js';
import { listShipments } from '../src/overview/shipments.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ORDERS = arg('orders', 100_000);
const RUNS = arg('runs', 20);
const SHOP = 'bench.myshopify.com';
const NOW = Date.parse('2026-11-30T12:00:00Z');

/** Server time of `run` (the query functions the routes call), after one warm-up: p50 and p99, ms. */
async function timed(run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? 0) * 10) / 10;
  return { p50: at(0.5), p99: at(0.99) };
}

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

async function bench(kind: string, handle: DatabaseHandle) {
  const started = performance.now();
  await seedShop(handle.db, SHOP, 'Europe/Oslo');
  // Another shop's rows in the same tables, so every index has to keep shops apart.
  await seedShop(handle.db, 'other.myshopify.com', 'UTC');
  const step = 10_000;
  let sampleTracking = '';
  for (let i = 0; i < ORDERS; i += step) {
    const orders = generateOrders({
      count: Math.min(step, ORDERS - i),
      now: NOW,
      seed: i + 1,
      prefix: `b${i}-`,
      firstNumber: 1001 + i,
    });
    if (i === 0)
      sampleTracking =
        orders.flatMap((o) => o.shipments ?? []).at(-1)?.trackingNumber ?? sampleTracking;
    await seedOrders(handle.db, SHOP, orders);
    console.error(`${kind}: ${i + orders.length} orders seeded`);
  }
  await seedOrders(
    handle.db,
    'other.myshopify.com',
    generateOrders({ count: 2000, now: NOW, seed: 7, prefix: 'x' }),
  );
  // What autovacuum does to a real shop's tables soon after a backfill: statistics and the
  // visibility map (index-only scans). PGlite has no autovacuum; the app's tables are the same.
  await sql`vacuum analyze`.execute(handle.db);
  const seeded = Math.round((performance.now() - started) / 1000);
  // Progress on stderr (the figures go to stdout as one JSON line per database).
  console.error(`${kind}: ${ORDERS} orders seeded in ${seeded} s; measuring`);
  const scope = {
    shop: SHOP,
    timeZone: 'Europe/Oslo',
    thresholds: DEFAULT_STALLED_AFTER_DAYS,
    now: NOW,
  };
  const sort = { sort: 'shippedAt' as const, dir: 'desc' as const };
  const counts = await timed(() => overviewCounts(handle.db, scope, {}));
  const countsRange = await timed(() =>
    overviewCounts(handle.db, scope, { from: '2026-11-01', to: '2026-11-30' }),
  );
  const firstPage = await timed(() => listShipments(handle.db, scope, sort, { limit: 50 }));
  const filtered = await timed(() =>
    listShipments(handle.db, scope, { ...sort, carrier: 'postnord', country: 'SE' }, { limit: 50 }),
  );
  const stalledPage = await timed(() =>
    listShipments(handle.db, scope, { ...sort, stalled: true }, { limit: 50 }),
  );
  const unfulfilledPage = await timed(() =>
    listShipments(handle.db, scope, { ...sort, status: 'unfulfilled' }, { limit: 50 }),
  );
  const byTracking = await timed(() =>
    listShipments(handle.db, scope, { ...sort, q: sampleTracking }, { limit: 50 }),
  );
  const byName = await timed(() =>
    listShipments(handle.db, scope, { ...sort, q: '#51234' }, { limit: 50 }),
  );
  const csvStart = performance.now();
  let rows = 0;
  let bytes = 0;
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  let rssMax = rssBefore;
  let heapMax = heapBefore;
  const reader = shipmentsCsv(handle.db, scope, sort, en.csv).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const b of value) if (b === 0x0a) rows++;
    const m = process.memoryUsage();
    rssMax = Math.max(rssMax, m.rss);
    heapMax = Math.max(heapMax, m.heapUsed);
  }
  const csvSeconds = (performance.now() - csvStart) / 1000;
  console.log(
    JSON.stringify({
      kind,
      orders: ORDERS,
      runs: RUNS,
      seededSeconds: seeded,
      ms: {
        overview: counts,
        overviewLastMonth: countsRange,
        firstPage,
        filteredPage: filtered,
        stalledPage,
        unfulfilledPage,
        searchByTrackingNumber: byTracking,
        searchByOrderName: byName,
      },
      csv: {
        rows: rows - 1,
        megabytes: mb(bytes),
        seconds: Math.round(csvSeconds * 10) / 10,
        rowsPerSecond: Math.round((rows - 1) / csvSeconds),
        rssBeforeMB: mb(rssBefore),
        rssPeakMB: mb(rssMax),
        heapGrowthPeakMB: mb(heapMax - heapBefore),
      },
    }),
  );
}

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (url) {
  const schema = `bench_${process.pid}`;
  const admin = await openDatabase({ databaseUrl: url, dataDir: '', migrate: false }, silentLogger);
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  try {
    const pg = await openDatabase({ databaseUrl: url, dataDir: '', schema }, silentLogger);
    await bench('postgres', pg);
    await pg.close();
  } finally {
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
  }
}

const pglite = wrapPGlite(await PGlite.create());
await migrateToLatest(pglite.db, silentLogger);
await bench('pglite', pglite);
await pglite.close();

// Every script the admin page loads from this app (Shopify's CDN scripts, App Bridge and
// polaris.js, are not ours and not counted), each gzipped as a server would send it.
const adminDir = 'dist/admin';
if (existsSync(join(adminDir, 'admin.js'))) {
  const scripts = readdirSync(adminDir).filter((f) => f.endsWith('.js'));
  const gzip = (f: string) => gzipSync(readFileSync(join(adminDir, f)), { level: 9 }).byteLength;
  console.log(
    JSON.stringify({
      adminJsGzipBytes: scripts.reduce((sum, f) => sum + gzip(f), 0),
      files: Object.fromEntries(scripts.map((f) => [f, gzip(f)])),
    }),
  );
} else console.log('dist/admin/admin.js missing: run npm run build first');
