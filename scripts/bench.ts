// `npm run bench`: the app against a bare node:http floor and Hono's hello world, each server in its own process, loaded by autocannon from this one.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pino from 'pino';
import { createLogger } from '../src/platform/logger.js';
import { createApp } from '../src/server/app.js';
import { signAppProxyQuery } from '../src/server/auth/app-proxy-signature.js';
import { adminOrder, detailOrder, lookupBody, ORDER_EMAIL } from '../src/testing/admin-orders.js';

const JSON_OUT = process.argv.includes('--json');
/** Measured seconds per case, after WARMUP_S seconds of the same load that are not counted. */
const DURATION_S = Math.min(30, Math.max(1, Number(process.env.BENCH_DURATION_S ?? 5)));
const WARMUP_S = 1;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const OVERHEAD_CALLS = 3000;
/** Calls before those measured: the handler runs cold in this process until then. */
const OVERHEAD_WARMUP_CALLS = 3000;

const SECRET = 'bench-secret';
const SHOP = 'bench-store.myshopify.com';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests?: AutocannonRequest[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Order lookups the Admin endpoint has answered (the sync's bulk queries not counted). */
let adminLookups = 0;

/** The answer to the backfill's bulk-operation documents: one operation, done, no orders. */
function bulkAnswer(requestBody: string): Record<string, unknown> | undefined {
  const operation = {
    id: 'gid://shopify/BulkOperation/1',
    status: 'COMPLETED',
    errorCode: null,
    createdAt: '2026-11-30T00:00:00Z',
    completedAt: '2026-11-30T00:00:01Z',
    objectCount: '0',
    rootObjectCount: '0',
    fileSize: null,
    url: null,
    partialDataUrl: null,
  };
  if (requestBody.includes('TrackBulkOrders'))
    return { bulkOperationRunQuery: { bulkOperation: operation, userErrors: [] } };
  if (requestBody.includes('TrackBulkOperation')) return { bulkOperation: operation };
  if (requestBody.includes('TrackRecentBulkQueries')) return { bulkOperations: { nodes: [] } };
  return undefined;
}

/** Names of the orders the Admin endpoint has found, by the number in their id. */
const foundNames = new Map<number, string>();

/**
 * The Admin answer for a `name:<n>` search: one order named `#<n>`, under a new id each time. The
 * store-first lookup's find (`TrackOrderFind`) gets the order's ids, its detail
 * (`TrackOrderDetail`, by id) the order it found; the live lookup without a database, the order.
 */
function adminAnswer(requestBody: string): string {
  const parsed = JSON.parse(requestBody) as { variables?: { query?: string; id?: string } };
  // The order sync's backfill at start: a bulk query that finds no orders.
  const bulk = bulkAnswer(requestBody);
  if (bulk) return JSON.stringify({ data: bulk });
  adminLookups++;
  const id = parsed.variables?.id;
  if (id !== undefined) {
    const n = Number(id.slice(id.lastIndexOf('/') + 1));
    const name = foundNames.get(n);
    return JSON.stringify({
      data: { order: name === undefined ? null : detailOrder(adminOrder({ name }), n) },
    });
  }
  const name = `#${String(parsed.variables?.query ?? '').replace(/^name:/, '')}`;
  if (!requestBody.includes('TrackOrderFind'))
    return JSON.stringify(lookupBody([adminOrder({ name })]));
  const n = foundNames.size + 1;
  foundNames.set(n, name);
  const order = detailOrder(adminOrder({ name }), n);
  return JSON.stringify(
    lookupBody([
      {
        id: order.id,
        name,
        confirmationNumber: order.confirmationNumber,
        email: order.email,
        customer: { id: (order.customer as { id: string }).id },
      },
    ]),
  );
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

/** A local Admin endpoint that answers at once. */
async function instantAdmin(): Promise<{ url: string; server: Server }> {
  const server = createServer({ keepAlive: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(adminAnswer(Buffer.concat(chunks).toString('utf8')));
    });
  });
  return { url: `${await listen(server)}/admin/api/2026-10/graphql.json`, server };
}

/** The floor: the least a node:http server can do per request. */
function helloWorld(): Server {
  return createServer({ keepAlive: true }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('hello world');
  });
}

function signedPath(path: string, secret = SECRET): string {
  const params = new URLSearchParams({
    shop: SHOP,
    logged_in_customer_id: '',
    path_prefix: '/apps/track',
    timestamp: String(Math.floor(Date.now() / 1000)),
  });
  params.set('signature', signAppProxyQuery(params, secret));
  return `${path}?${params}`;
}

const BENCH_ENV = {
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_SHOP: SHOP,
  SHOPIFY_ADMIN_TOKEN: 'shpat_bench',
  // The load comes from one address and hammers a few orders: limits out of the way, cache on.
  RATE_LIMIT_IP_POINTS: '1000000000',
  RATE_LIMIT_ORDER_FAILURES: '1000000000',
  RATE_LIMIT_ORDER_GLOBAL_FAILURES: '1000000000',
  RATE_LIMIT_SHOP_POINTS: '1000000000',
  LOOKUP_CACHE_MAX: '100000',
};

/**
 * A server process: `floor`, `hono`, or `proxy` (with the Admin endpoint given). Its standard
 * output is /dev/null and the proxy logs through the production logger to it, so each request
 * pays for its log line as in production, short of a terminal or a log collector setting the pace.
 * The proxy is wired as `npm start` wires it: an embedded database (PGlite, in a fresh directory
 * removed at exit) with the order store, the lookup counts and the job queue, and the background
 * work (webhook worker, order sync, shipment watcher) running in the same process.
 */
async function child(kind: string, adminUrl: string | undefined): Promise<void> {
  let url: string;
  let close = async () => {};
  if (kind === 'floor') {
    url = await listen(helloWorld());
  } else {
    let fetch: (request: Request) => Response | Promise<Response>;
    if (kind === 'hono') {
      fetch = new Hono().get('/', (c) => c.text('hello world')).fetch;
    } else {
      // Loaded in the server's process only: the process generating the load needs none of them.
      const { openStores } = await import('../src/server/stores.js');
      const { startBackground } = await import('../src/server/background.js');
      const dataDir = mkdtempSync(join(tmpdir(), 'bench-data-'));
      const env = { ...BENCH_ENV, SHOPIFY_ADMIN_ENDPOINT: adminUrl, DATA_DIR: dataDir };
      const logger = createLogger();
      const opened = await openStores(env, logger, () => Date.now());
      const app = createApp(env, { logger, stores: opened.stores });
      const background = await startBackground(env, {
        stores: opened.stores,
        adminFor: app.adminFor,
        fetch: (input, init) => globalThis.fetch(input, init),
        clock: () => Date.now(),
        logger,
        ...(app.config.custom ? { customShop: app.config.custom.shop } : {}),
      });
      fetch = app.fetch;
      close = async () => {
        background.stop();
        await app.close();
        await opened.close();
        rmSync(dataDir, { recursive: true, force: true });
      };
    }
    url = await new Promise<string>((resolve) => {
      serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
        resolve(`http://127.0.0.1:${info.port}`),
      );
    });
  }
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  process.on('disconnect', () => {
    close().finally(() => process.exit(0));
  });
  process.send?.({ url });
}

interface ServerProcess {
  url: string;
  /** CPU microseconds (user + system) the server has used so far. */
  cpu(): Promise<number>;
  stop(): void;
}

function startServer(kind: 'floor' | 'hono' | 'proxy', adminUrl?: string): Promise<ServerProcess> {
  const proc: ChildProcess = fork(
    fileURLToPath(import.meta.url),
    ['--serve', kind, adminUrl ?? ''],
    {
      execArgv: process.execArgv,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
    proc.once('message', (message) => {
      const { url } = message as { url: string };
      resolve({
        url,
        cpu: () =>
          new Promise((done) => {
            proc.once('message', (m) => {
              const { cpu } = m as { cpu: { user: number; system: number } };
              done(cpu.user + cpu.system);
            });
            proc.send('cpu');
          }),
        // Disconnecting lets the proxy close its database and remove its directory before it exits.
        stop: () => {
          proc.removeAllListeners('exit');
          proc.disconnect();
        },
      });
    });
  });
}

/** Waits, at most 15 s, until the server uses under 5 % of a core over half a second. */
async function settled(server: ServerProcess): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const before = await server.cpu();
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const share = ((await server.cpu()) - before) / ((performance.now() - started) * 1000);
    if (!JSON_OUT)
      process.stderr.write(`proxy start-up work: ${Math.round(share * 100)} % of a core\n`);
    if (share < 0.05) return;
  }
}

interface CaseResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ratioToFloor: number;
  /** Share of one core the server process used while measured. */
  serverCpu: number;
  /** Server CPU time per answered request, in microseconds. */
  serverCpuUsPerRequest: number;
  non2xx: number;
  errors: number;
}

interface Measured {
  result: AutocannonResult;
  serverCpu: number;
}

/** One case: a warm-up under the same load, then the measured run and the server's CPU during it. */
async function measure(
  server: ServerProcess,
  request: () => AutocannonRequest,
  name: string,
): Promise<Measured> {
  if (!JSON_OUT)
    process.stderr.write(`running ${name} (${WARMUP_S}s warm-up + ${DURATION_S}s)...\n`);
  await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: WARMUP_S,
    requests: [request()],
  });
  const cpuBefore = await server.cpu();
  const started = performance.now();
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [request()],
  });
  const elapsedUs = (performance.now() - started) * 1000;
  const serverCpu = ((await server.cpu()) - cpuBefore) / elapsedUs;
  return { result, serverCpu };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * The handler alone, called in-process against an instant in-memory Admin: its own cost per
 * uncached lookup, logging through the production logger to /dev/null.
 */
async function handlerOverhead(): Promise<{ p50Ms: number; p99Ms: number; calls: number }> {
  // Time inside the Admin fetch is upstream wait; the overhead is the lookup's time minus it.
  let upstreamMs = 0;
  const { fetch: handler } = createApp(
    { ...BENCH_ENV, SHOPIFY_ADMIN_ENDPOINT: 'http://admin.invalid/graphql' },
    {
      logger: createLogger({ destination: pino.destination({ dest: '/dev/null', sync: true }) }),
      fetch: async (_url, init) => {
        const started = performance.now();
        const response = new Response(adminAnswer(String(init?.body ?? '{}')), {
          headers: { 'content-type': 'application/json' },
        });
        upstreamMs += performance.now() - started;
        return response;
      },
    },
  );
  const path = signedPath('/proxy/lookup');
  const times: number[] = [];
  for (let i = 0; i < OVERHEAD_WARMUP_CALLS + OVERHEAD_CALLS; i++) {
    const request = new Request(`http://proxy.local${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.5' },
      body: JSON.stringify({ orderNumber: `#O${i}`, email: ORDER_EMAIL }),
    });
    upstreamMs = 0;
    const started = performance.now();
    const response = await handler(request);
    await response.text();
    const took = performance.now() - started - upstreamMs;
    if (response.status !== 200) throw new Error(`overhead lookup answered ${response.status}`);
    if (i >= OVERHEAD_WARMUP_CALLS) times.push(took);
  }
  times.sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(times, 50), 3),
    p99Ms: round(percentile(times, 99), 3),
    calls: times.length,
  };
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

async function main(): Promise<void> {
  // The Admin endpoint runs in this process, beside autocannon: only uncached lookups call it.
  const admin = await instantAdmin();
  const floor = await startServer('floor');
  const hono = await startServer('hono');
  const proxy = await startServer('proxy', admin.url);
  // The proxy's start-up work (migrations, job queues, the first backfill) runs on after it
  // listens; measured beside it, the floor would lose the cores it takes.
  await settled(proxy);
  const json = { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.5' };
  const measured: Record<string, Measured> = {};
  let cachedAdminLookups = 0;
  let n = 0;
  try {
    // The floor runs before and after the cached lookups, and counts as the mean of both, so a
    // change in the machine's load during the run weighs on both sides alike.
    const floorBefore = await measure(floor, () => ({ method: 'GET', path: '/' }), 'floor');
    const cachedPath = signedPath('/proxy/lookup');
    const cachedBody = JSON.stringify({ orderNumber: '#1001', email: ORDER_EMAIL });
    // One lookup first stores the order and caches its view; every lookup measured is then a hit.
    const primed = await fetch(`${proxy.url}${cachedPath}`, {
      method: 'POST',
      headers: json,
      body: cachedBody,
    });
    if (primed.status !== 200) throw new Error(`the first lookup answered ${primed.status}`);
    await primed.text();
    const adminLookupsBefore = adminLookups;
    measured.cachedLookup = await measure(
      proxy,
      () => ({
        method: 'POST',
        path: cachedPath,
        headers: json,
        body: cachedBody,
      }),
      'cached lookups',
    );
    cachedAdminLookups = adminLookups - adminLookupsBefore;
    const floorAfter = await measure(floor, () => ({ method: 'GET', path: '/' }), 'floor again');
    measured.floor = {
      result: {
        ...floorBefore.result,
        requests: {
          average: (floorBefore.result.requests.average + floorAfter.result.requests.average) / 2,
        },
        latency: {
          p50: Math.max(floorBefore.result.latency.p50, floorAfter.result.latency.p50),
          p99: Math.max(floorBefore.result.latency.p99, floorAfter.result.latency.p99),
        },
        non2xx: floorBefore.result.non2xx + floorAfter.result.non2xx,
        errors: floorBefore.result.errors + floorAfter.result.errors,
        timeouts: floorBefore.result.timeouts + floorAfter.result.timeouts,
      },
      serverCpu: (floorBefore.serverCpu + floorAfter.serverCpu) / 2,
    };
    measured.honoHello = await measure(hono, () => ({ method: 'GET', path: '/' }), 'hono hello');
    // The least the app does for a request: adapter, routing, request id and log line.
    measured.healthz = await measure(proxy, () => ({ method: 'GET', path: '/healthz' }), 'healthz');
    const uncachedPath = signedPath('/proxy/lookup');
    measured.uncachedLookup = await measure(
      proxy,
      () => ({
        method: 'POST',
        path: uncachedPath,
        headers: json,
        // A new order number per request: every lookup misses the cache and makes one Admin call.
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ orderNumber: `#U${++n}`, email: ORDER_EMAIL }),
        }),
      }),
      'uncached lookups',
    );
    const badPath = signedPath('/proxy/lookup', 'wrong-secret');
    measured.badSignature = await measure(
      proxy,
      () => ({
        method: 'POST',
        path: badPath,
        headers: json,
        body: JSON.stringify({ orderNumber: '#1001', email: ORDER_EMAIL }),
      }),
      'bad signatures',
    );
  } finally {
    floor.stop();
    hono.stop();
    proxy.stop();
    admin.server.closeAllConnections();
    await new Promise((r) => admin.server.close(r));
  }

  if (!JSON_OUT) process.stderr.write('running handler overhead (in-process)...\n');
  const overhead = await handlerOverhead();

  const floorRps = measured.floor?.result.requests.average ?? 1;
  const cases: Record<string, CaseResult> = {};
  for (const name of [
    'floor',
    'honoHello',
    'healthz',
    'cachedLookup',
    'uncachedLookup',
    'badSignature',
  ]) {
    const m = measured[name];
    if (!m) continue;
    const r = m.result;
    cases[name] = {
      reqPerSec: Math.round(r.requests.average),
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      ratioToFloor: round(r.requests.average / floorRps, 3),
      serverCpu: round(m.serverCpu, 2),
      serverCpuUsPerRequest: round((m.serverCpu * 1e6) / r.requests.average, 1),
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
    };
  }
  const cachedRatio = cases.cachedLookup?.ratioToFloor ?? 0;
  const report = {
    node: process.version,
    setup:
      'each server in its own process (stdout to /dev/null, the pino logger); the proxy as npm start runs it: embedded database (PGlite) with the order store and lookup counts, job queue and background work; autocannon and the Admin endpoint in the parent; the handler overhead in-process without a database',
    durationSeconds: DURATION_S,
    warmupSeconds: WARMUP_S,
    connections: CONNECTIONS,
    cases,
    handlerOverhead: overhead,
    /** Admin order lookups while the cached lookups ran: 0 when each was a cache hit. */
    cachedAdminLookups,
    targets: {
      cachedLookupAtLeast60PercentOfFloor: cachedRatio >= 0.6,
      handlerOverheadP50AtMost1ms: overhead.p50Ms <= 1,
    },
  };

  if (JSON_OUT) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const rows = Object.entries(cases).map(([name, c]) =>
    [
      name.padEnd(16),
      String(c.reqPerSec).padStart(9),
      `${c.p50Ms} ms`.padStart(9),
      `${c.p99Ms} ms`.padStart(9),
      `${Math.round(c.ratioToFloor * 100)} %`.padStart(9),
      `${Math.round(c.serverCpu * 100)} %`.padStart(11),
      `${c.serverCpuUsPerRequest}`.padStart(10),
      String(c.non2xx).padStart(8),
    ].join(' '),
  );
  const lines = [
    `App bench (${process.version}, ${CONNECTIONS} connections, ${WARMUP_S}s warm-up + ${DURATION_S}s per case)`,
    `Each server runs in its own process (stdout to /dev/null, the production pino logger); autocannon and the`,
    `instant Admin endpoint run in this one. The proxy runs as npm start runs it: embedded database (PGlite) with`,
    `the order store and the lookup counts, job queue and background work (webhook worker, order sync, watcher).`,
    `The floor is the mean of a run before and one after the cached lookups.`,
    '',
    `${'case'.padEnd(16)} ${'req/s'.padStart(9)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'of floor'.padStart(9)} ${'server CPU'.padStart(11)} ${'µs/request'.padStart(10)} ${'non-2xx'.padStart(8)}`,
    ...rows,
    '',
    `uncached lookup overhead, time minus upstream wait (in-process, no database, instant Admin, ${overhead.calls} calls): p50 ${overhead.p50Ms} ms, p99 ${overhead.p99Ms} ms`,
    `Admin order lookups during the cached lookups: ${cachedAdminLookups} (0: every one a cache hit)`,
    `targets: cached ≥ 60 % of floor: ${report.targets.cachedLookupAtLeast60PercentOfFloor ? 'met' : 'MISSED'} (${Math.round(cachedRatio * 100)} %); handler p50 ≤ 1 ms: ${report.targets.handlerOverheadP50AtMost1ms ? 'met' : 'MISSED'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0)
  await child(process.argv[serveAt + 1] ?? 'floor', process.argv[serveAt + 2] || undefined);
else await main();
