// `npm run bench:sync`: backfill ingest of a bulk JSONL (100,000 orders) on PGlite and Postgres, peak RSS, store lookup latency, Admin calls per synced lookup.
//
// Flags: --orders N (or BENCH_ORDERS), --lookups N (BENCH_LOOKUPS), --database-url URL (or
// TEST_DATABASE_URL / BENCH_DATABASE_URL; Postgres runs when one is set and answers),
// --no-pglite, --no-postgres, --json.

import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
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
import { emailOf, random, writeBulkFile } from './bench-sync-file.js';

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

/** The highest resident set size seen while `work` runs (sampled every 50 ms), in MiB. */
async function peakRss<T>(
  work: () => Promise<T>,
): Promise<{ value: T; beforeMiB: number; peakMiB: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
    return { value, beforeMiB: mib(before), peakMiB: mib(peak) };
  } finally {
    clearInterval(timer);
  }
}

interface Figures {
  database: string;
  orders: number;
  lines: number;
  ingestSeconds: number;
  /** CPU seconds of this process during the ingest: all of the work on PGlite, the client's on Postgres. */
  ingestCpuSeconds: number;
  ordersPerSecond: number;
  linesPerSecond: number;
  /** Resident set size when the ingest starts, and its highest while it runs. */
  rssBeforeMiB: number;
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
  const cpuBefore = process.cpuUsage();
  const {
    value: written,
    beforeMiB,
    peakMiB,
  } = await peakRss(() =>
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
  const cpu = process.cpuUsage(cpuBefore);
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
    ingestCpuSeconds: Math.round((cpu.user + cpu.system) / 100_000) / 10,
    ordersPerSecond: Math.round(ORDERS / ingestSeconds),
    linesPerSecond: Math.round(file.lines / ingestSeconds),
    rssBeforeMiB: beforeMiB,
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
  // After Postgres: PGlite's WebAssembly memory stays with the process once grown.
  if (!has('no-pglite')) {
    // On disk, as `npm start` runs it without DATABASE_URL.
    const handle = await openDatabase({ dataDir: join(dir, 'data') }, silentLogger);
    try {
      results.push(await run('PGlite (on disk)', handle, file));
    } finally {
      await handle.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
// The machine's load, as rates depend on what else runs beside the benchmark.
notes.push(
  `machine: ${availableParallelism()} CPUs, load average over the last 15 min ${loadavg()[2]?.toFixed(1)}`,
);
if (JSON_OUT) console.log(JSON.stringify({ results, notes }));
else {
  for (const note of notes) console.log(note);
  console.table(results);
}
