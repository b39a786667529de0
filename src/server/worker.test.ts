// `npm run worker`: its refusals, and at scale against the real Postgres and Redis
// (TEST_DATABASE_URL and TEST_REDIS_URL) two servers and two workers at once, each polling.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/ports.js';
import { type DatabaseHandle, openDatabase } from '../db/index.js';
import { createRepositories } from '../db/repositories.js';
import { createSealer } from '../platform/crypto.js';
import { signedUrl } from '../testing/signed.js';
import { storedOrder } from '../testing/stored-orders.js';
import { TEST_ENV } from '../testing/test-app.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Runs the worker with `env` and resolves with its exit code and error output. */
function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: { ...process.env, ...TEST_ENV, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('npm run worker', () => {
  it('refuses to start without DATABASE_URL, saying why', async () => {
    const { code, stderr } = await run({ DATABASE_URL: '' });
    expect(code).toBe(1);
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr).not.toContain('    at ');
  }, 60_000);

  it('refuses a malformed WATCHER_INTERVAL_S before touching the database', async () => {
    const { code, stderr } = await run({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      WATCHER_INTERVAL_S: 'often',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('WATCHER_INTERVAL_S');
  }, 60_000);
});

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const SHIPMENTS = 40;
const KEY = randomBytes(32);

const urls =
  process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL
    ? [{ database: process.env.TEST_DATABASE_URL, redis: process.env.TEST_REDIS_URL }]
    : [];

/** `url` with its database replaced by `name`. */
function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const until = async (check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

describe.each(urls)('the watcher at scale on real Postgres and Redis', (url) => {
  const dbName = `tyo_watcher_ci_${randomBytes(4).toString('hex')}`;
  const prefix = `watcher-ci-${randomBytes(4).toString('hex')}:`;
  const processes: ChildProcess[] = [];
  const servers: Server[] = [];
  let database: DatabaseHandle | undefined;

  afterAll(async () => {
    for (const child of processes) child.kill('SIGKILL');
    for (const server of servers) server.close();
    await database?.close();
    const admin = await openDatabase(
      { databaseUrl: url.database, dataDir: '', poolMax: 1, migrate: false },
      silentLogger,
    );
    await sql`drop database if exists ${sql.id(dbName)} with (force)`.execute(admin.db);
    await admin.close();
    const redis = new Redis(url.redis);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }, 60_000);

  it('polls every open shipment once per round, shares limits, and loses nothing to a killed worker', async () => {
    // A dedicated database, so no other test's jobs or rows meet these processes.
    const admin = await openDatabase(
      { databaseUrl: url.database, dataDir: '', poolMax: 1, migrate: false },
      silentLogger,
    );
    await sql`create database ${sql.id(dbName)}`.execute(admin.db);
    await admin.close();
    const databaseUrl = withDatabase(url.database, dbName);
    database = await openDatabase({ databaseUrl, dataDir: '', poolMax: 2 }, silentLogger);
    const repos = createRepositories(database.db, createSealer(KEY));
    await repos.shops.markInstalled(TEST_ENV.SHOPIFY_SHOP, 'read_orders,write_fulfillments');
    const recent = new Date(Date.now() - 2 * 86_400_000).toISOString();
    for (let n = 1; n <= SHIPMENTS; n++) {
      const order = storedOrder(n);
      order.shipments = order.shipments.map((s) => ({ ...s, createdAt: recent }));
      await repos.orders.upsert(TEST_ENV.SHOPIFY_SHOP, order);
    }

    // The carrier: Bring's API, counting requests per tracking number, optionally slow.
    const requests = new Map<string, number>();
    // Per process (each has its own key): requests received and answered.
    const received = new Map<string, number>();
    const answered = new Map<string, number>();
    const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    let delayMs = 0;
    const carrier = createServer((req, res) => {
      const number = new URL(req.url ?? '/', 'http://x').searchParams.get('q') ?? '';
      const key = String(req.headers['x-mybring-api-key']);
      bump(requests, number);
      bump(received, key);
      setTimeout(() => {
        bump(answered, key);
        res.setHeader('content-type', 'application/json');
        const at = new Date(Date.now() - 3_600_000).toISOString();
        res.end(
          JSON.stringify({
            consignmentSet: [
              {
                packageSet: [
                  {
                    packageNumber: number,
                    eventSet: [
                      { status: 'IN_TRANSIT', dateIso: at, city: 'OSLO', countryCode: 'NO' },
                    ],
                  },
                ],
              },
            ],
          }),
        );
      }, delayMs);
    });
    servers.push(carrier);
    const carrierPort = await listen(carrier);

    // Shopify's Admin API: the start-up check, and nothing else the watcher needs here.
    const shopify = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(
          body.includes('ShopCheck')
            ? JSON.stringify({ data: { shop: { name: 'Demo', ianaTimezone: 'UTC' } } })
            : JSON.stringify({ data: null, errors: [{ message: 'not in this stand-in' }] }),
        );
      });
    });
    servers.push(shopify);
    const shopifyPort = await listen(shopify);

    const env = {
      ...process.env,
      ...TEST_ENV,
      SHOPIFY_ADMIN_ENDPOINT: `http://127.0.0.1:${shopifyPort}/graphql`,
      DATABASE_URL: databaseUrl,
      REDIS_URL: url.redis,
      REDIS_KEY_PREFIX: prefix,
      ENCRYPTION_KEY: KEY.toString('base64'),
      WATCHER_INTERVAL_S: '1',
      // Above the two rounds' requests: here the carrier limit must not postpone any poll.
      WATCHER_CARRIER_RPM: '1000',
      BRING_API_UID: 'ci@example.com',
      BRING_TRACKING_URL: `http://127.0.0.1:${carrierPort}/tracking.json`,
      RATE_LIMIT_IP_POINTS: '2',
      RATE_LIMIT_IP_WINDOW_S: '600',
      PORT: '0',
      HOST: '127.0.0.1',
    };
    /** Starts `script` and resolves once it logs `ready` (its port when it serves). */
    const start = (script: string, ready: RegExp, name: string) =>
      new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script], {
          env: {
            ...env,
            DATA_DIR: mkdtempSync(join(tmpdir(), 'watcher-ci-')),
            // Custom-app mode: the env's key is the shop's, so the carrier sees who asks.
            BRING_API_KEY: name,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        processes.push(child);
        let out = '';
        let err = '';
        child.stderr?.on('data', (chunk: Buffer) => {
          err += chunk.toString();
        });
        child.stdout?.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = ready.exec(out);
          if (match) resolve({ child, port: Number(match[1] ?? 0) });
        });
        child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${err}`)));
      });
    const listening = /"event":"listening"[^\n]*"port":(\d+)/;
    const workerReady = /"event":"worker_started"/;
    const [one, two, victim] = await Promise.all([
      start(MAIN, listening, 'server-1'),
      start(MAIN, listening, 'server-2'),
      start(WORKER, workerReady, 'worker-1'),
      start(WORKER, workerReady, 'worker-2'),
    ]);

    // Round one: every shipment asked exactly once, by whichever of the four processes.
    const polled = async (since: Date) => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from watched_shipments
        where last_polled_at >= ${since} and claim_id is null`.execute(database?.db ?? admin.db);
      return rows[0]?.n ?? 0;
    };
    const roundOne = new Date(0);
    await until(async () => (await polled(roundOne)) === SHIPMENTS, 90_000, 'round one');
    // Several more rounds pass: nothing is due again for hours, so nothing is asked again.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(requests.size).toBe(SHIPMENTS);
    expect([...requests.values()].every((count) => count === 1)).toBe(true);

    // A limit hit on one server counts on the other (shared through Redis).
    const lookup = (port: number, ip: string) =>
      fetch(
        signedUrl('/proxy/lookup', { nowMs: Date.now() }).replace(
          'http://proxy.test',
          `http://127.0.0.1:${port}`,
        ),
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ orderNumber: '1', email: 'nobody@example.com' }),
        },
      ).then((response) => response.status);
    expect(await lookup(two.port, '198.51.100.9')).not.toBe(429);
    expect(await lookup(one.port, '198.51.100.10')).not.toBe(429);
    expect(await lookup(one.port, '198.51.100.10')).not.toBe(429);
    expect(await lookup(two.port, '198.51.100.10')).toBe(429);

    // Round two: everything due again, the carrier slow, a worker killed while polling.
    requests.clear();
    delayMs = 1500;
    const roundTwo = new Date();
    await sql`update watched_shipments set next_poll_at = ${roundTwo}`.execute(database.db);
    received.clear();
    answered.clear();
    const inFlight = (key: string) => (received.get(key) ?? 0) - (answered.get(key) ?? 0);
    await until(() => inFlight('worker-1') > 0, 30_000, 'worker-1 to be polling');
    victim?.child.kill('SIGKILL');
    const lost = inFlight('worker-1');
    await start(WORKER, workerReady, 'worker-3');
    await until(async () => (await polled(roundTwo)) === SHIPMENTS, 120_000, 'round two');
    expect(requests.size).toBe(SHIPMENTS);
    // The killed worker's polls in flight (at most its concurrency, 4) were asked again, once.
    const total = [...requests.values()].reduce((a, b) => a + b, 0);
    expect(lost).toBeGreaterThan(0);
    expect(total - SHIPMENTS).toBeGreaterThanOrEqual(lost);
    expect(total - SHIPMENTS).toBeLessThanOrEqual(4);
    expect(Math.max(...requests.values())).toBeLessThanOrEqual(2);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from watched_shipments where claim_id is not null`.execute(
      database.db,
    );
    expect(rows[0]?.n).toBe(0);
  }, 300_000);
});
