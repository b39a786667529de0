// Benchmarks the merchant overview on a shop with many orders (default 100,000), on PGlite and,
// when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, on Postgres: board counts and first page
// p50 server time, a CSV of every row with the heap sampled, and the admin bundle's gzip size.
// Usage: npm run bench:overview [-- --orders 100000 --runs 20]
import { existsSync, readFileSync } from 'node:fs';
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

async function p50(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(times.length / 2)] ?? 0) * 10) / 10;
}

async function bench(kind: string, handle: DatabaseHandle) {
  const started = performance.now();
  await seedShop(handle.db, SHOP, 'Europe/Oslo');
  // Another shop's rows in the same tables, so every index has to keep shops apart.
  await seedShop(handle.db, 'other.myshopify.com', 'UTC');
  const step = 10_000;
  for (let i = 0; i < ORDERS; i += step) {
    const orders = generateOrders({
      count: Math.min(step, ORDERS - i),
      now: NOW,
      seed: i + 1,
      prefix: `b${i}-`,
    });
    for (const o of orders) o.name = `#${1001 + i + Number(o.name.slice(1)) - 1001}`;
    await seedOrders(handle.db, SHOP, orders);
  }
  await seedOrders(
    handle.db,
    'other.myshopify.com',
    generateOrders({ count: 2000, now: NOW, seed: 7, prefix: 'x' }),
  );
  await sql`analyze`.execute(handle.db);
  const seeded = Math.round((performance.now() - started) / 1000);
  const scope = {
    shop: SHOP,
    timeZone: 'Europe/Oslo',
    thresholds: DEFAULT_STALLED_AFTER_DAYS,
    now: NOW,
  };
  const sort = { sort: 'shippedAt' as const, dir: 'desc' as const };
  const counts = await p50(() => overviewCounts(handle.db, scope, {}));
  const countsRange = await p50(() =>
    overviewCounts(handle.db, scope, { from: '2026-11-01', to: '2026-11-30' }),
  );
  const firstPage = await p50(() => listShipments(handle.db, scope, sort, { limit: 50 }));
  const stalledPage = await p50(() =>
    listShipments(handle.db, scope, { ...sort, stalled: true }, { limit: 50 }),
  );
  const search = await p50(() =>
    listShipments(handle.db, scope, { ...sort, q: '#51234' }, { limit: 50 }),
  );
  const csvStart = performance.now();
  let rows = 0;
  let bytes = 0;
  const heapBefore = process.memoryUsage().heapUsed;
  let heapMax = heapBefore;
  const reader = shipmentsCsv(handle.db, scope, sort, en.csv).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const b of value) if (b === 0x0a) rows++;
    heapMax = Math.max(heapMax, process.memoryUsage().heapUsed);
  }
  const csvSeconds = Math.round((performance.now() - csvStart) / 100) / 10;
  console.log(
    JSON.stringify({
      kind,
      orders: ORDERS,
      seededSeconds: seeded,
      p50ms: {
        counts,
        countsLastMonth: countsRange,
        firstPage,
        stalledFirstPage: stalledPage,
        searchByName: search,
      },
      csv: {
        rows: rows - 1,
        megabytes: Math.round(bytes / 1e5) / 10,
        seconds: csvSeconds,
        heapGrowthMB: Math.round((heapMax - heapBefore) / 1e5) / 10,
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

const bundle = 'dist/admin/admin.js';
if (existsSync(bundle))
  console.log(
    JSON.stringify({ adminJsGzipBytes: gzipSync(readFileSync(bundle), { level: 9 }).byteLength }),
  );
else console.log('dist/admin/admin.js missing: run npm run build first');
