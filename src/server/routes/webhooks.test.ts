import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedOrders } from '../../../demo/shopify/seed-orders.js';
import {
  appScopesUpdatePayload,
  appUninstalledPayload,
  customersDataRequestPayload,
  customersRedactPayload,
  orderPayload,
  shopRedactPayload,
} from '../../../demo/shopify/webhook-payloads.js';
import { createWebhookSender, signWebhookBody } from '../../../demo/shopify/webhook-sender.js';
import { type OrderNumber, parseOrderNumber } from '../../core/order-number.js';
import type { Fetch } from '../../core/ports.js';
import type { DatabaseHandle } from '../../db/index.js';
import { createRepositories, type Repositories } from '../../db/repositories.js';
import { SHOP_ROW_TABLES } from '../../db/shops.js';
import { databases, randomSchemaName, testDatabase } from '../../db/testing.js';
import { createSealer } from '../../platform/crypto.js';
import { createJobQueue, type JobQueue } from '../../platform/jobs.js';
import { memoryLogger } from '../../platform/logger.js';
import { SECRET } from '../../testing/signed.js';
import { type TestApp, testApp } from '../../testing/test-app.js';
import { WEBHOOK_HANDLERS } from '../../webhooks/index.js';
import {
  startWebhookWorker,
  WEBHOOK_QUEUE,
  WEBHOOK_QUEUE_SETTINGS,
} from '../../webhooks/process.js';
import type { WebhookDelivery, WebhookHandler } from '../../webhooks/types.js';
import { MAX_WEBHOOK_BODY_BYTES } from './webhooks.js';

const A = 'alpha.myshopify.com';
const B = 'beta.myshopify.com';
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const orders = seedOrders(new Date(NOW));

function parseOrderNumberOrThrow(name: string): OrderNumber {
  const parsed = parseOrderNumber(name);
  if (!parsed.ok) throw new Error(`bad order name ${name}`);
  return parsed.value;
}
const customer = orders.find((o) => o.customer !== null)?.customer;
if (!customer) throw new Error('the seed has no order with a customer');

/** Until `until` holds (the worker polls the queue), failing after 30 s. */
const settle = (until: () => Promise<void>) => vi.waitFor(until, { timeout: 30_000, interval: 50 });

describe.each(databases())('POST /webhooks on %s', { timeout: 90_000 }, (kind) => {
  let handle: DatabaseHandle;
  let jobs: JobQueue;
  let repos: Repositories;
  let app: TestApp;
  const schema = randomSchemaName('jobs');
  const worker = memoryLogger();
  /** The route and the worker share this object, so a test adds its own topics to both. */
  const handlers: Record<string, WebhookHandler> = { ...WEBHOOK_HANDLERS };
  const extra = handlers;

  beforeAll(async () => {
    handle = await testDatabase(kind);
    jobs = createJobQueue(handle, worker.logger, { schema, poolMax: 2 });
    await jobs.start();
    // The production queue settings, but retries without waiting.
    await jobs.createQueue(WEBHOOK_QUEUE, {
      ...WEBHOOK_QUEUE_SETTINGS,
      retryDelaySeconds: 0,
      retryBackoff: false,
    });
    repos = createRepositories(handle.db, createSealer(randomBytes(32)), () => NOW);
    const deps = { db: handle.db, repos, jobs, logger: worker.logger, clock: () => NOW };
    // Several jobs at once, so two jobs of one event could overlap if the queue let them.
    await startWebhookWorker(deps, { handlers, pollingIntervalSeconds: 0.5, localConcurrency: 4 });
    app = testApp(
      () => new Response('{}'),
      {},
      {
        webhooks: { ...deps, apiSecret: SECRET, handlers },
      },
    );
  }, 120_000);

  afterAll(async () => {
    await jobs.stop(5_000);
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
    expect(worker.lines.filter((l) => l.msg === 'job queue error')).toEqual([]);
  });

  /** A fresh start: empty app tables, shops A and B installed with a session each. */
  async function reset() {
    await testDatabase(kind);
    for (const key of Object.keys(extra)) if (!(key in WEBHOOK_HANDLERS)) delete extra[key];
    for (const shop of [A, B]) {
      await repos.shops.markInstalled(shop, 'read_orders');
      await repos.sessions.store(shop, {
        accessToken: `shpat_${shop}`,
        accessExpiresAt: new Date(NOW + 3_600_000),
        refreshToken: `shprt_${shop}`,
        refreshExpiresAt: new Date(NOW + 86_400_000),
        scope: 'read_orders',
      });
      await repos.shopSecrets.fingerprintKey(shop);
    }
  }

  const fetch: Fetch = (input, init) => app.handler(new Request(input, init));
  const sender = (shop: string, secret = SECRET) =>
    createWebhookSender({
      url: 'http://app.test/webhooks',
      apiSecret: secret,
      shop,
      fetch,
      clock: () => NOW,
    });

  /** Posts `body` with Shopify's headers, overridden by `headers`. */
  async function post(body: string, headers: Record<string, string | null> = {}) {
    const all: Record<string, string | null> = {
      'content-type': 'application/json',
      'x-shopify-topic': 'app/scopes_update',
      'x-shopify-hmac-sha256': signWebhookBody(body, SECRET),
      'x-shopify-shop-domain': A,
      'x-shopify-webhook-id': `wh-${randomBytes(4).toString('hex')}`,
      'x-shopify-event-id': `ev-${randomBytes(4).toString('hex')}`,
      'x-shopify-triggered-at': new Date(NOW).toISOString(),
      ...headers,
    };
    const sent = Object.fromEntries(
      Object.entries(all).filter((e): e is [string, string] => e[1] !== null),
    );
    const res = await app.handler(
      new Request('http://app.test/webhooks', { method: 'POST', headers: sent, body }),
    );
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function processed(shop: string, eventId: string): Promise<boolean> {
    return Boolean((await repos.webhookEvents.status(shop, eventId))?.processedAt);
  }

  async function rowsOf(shop: string): Promise<Record<string, number>> {
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

  const scopesBody = JSON.stringify(
    appScopesUpdatePayload(['read_orders'], ['read_orders', 'read_fulfillments'], '2026-11-30'),
  );

  it('takes a delivery signed with the app secret and queues it; the worker applies it', async () => {
    await reset();
    const result = await sender(A).send(
      'app/scopes_update',
      appScopesUpdatePayload(['read_orders'], ['read_orders', 'read_fulfillments'], '2026-11-30'),
    );
    expect(result.status).toBe(200);
    await settle(async () => expect(await processed(A, result.delivery.eventId)).toBe(true));
    expect((await repos.shops.get(A))?.scopes).toBe('read_orders,read_fulfillments');
    expect((await repos.shops.get(B))?.scopes).toBe('read_orders');
  });

  it("keeps no order payload once processed: the shopper's email and address leave with the job", async () => {
    await reset();
    const order = orders.find((o) => o.email && o.shippingAddress);
    if (!order?.email) throw new Error('the seed has no order with an email and an address');
    const result = await sender(A).send('orders/create', orderPayload(order));
    expect(result.status).toBe(200);
    await settle(async () => expect(await processed(A, result.delivery.eventId)).toBe(true));
    const stored = await repos.orders.findByNumber(A, parseOrderNumberOrThrow(order.name));
    expect(stored.map((o) => o.name)).toEqual([order.name]);
    // Every row of every pg-boss table of this queue's schema, as text.
    await settle(async () => {
      const { rows } = await sql<{ t: string }>`
        select j::text as t from ${sql.table(`${schema}.job`)} j
        where j.name = ${WEBHOOK_QUEUE}`.execute(handle.db);
      expect(rows).toEqual([]);
    });
    const { rows: all } = await sql<{ t: string }>`
      select j::text as t from ${sql.table(`${schema}.job`)} j`.execute(handle.db);
    const text = all.map((r) => r.t).join('\n');
    expect(text).not.toContain(order.email);
    expect(text).not.toContain(order.shippingAddress?.address1 ?? '\u0000');
  });

  it('answers 401 invalid_hmac to a bad, missing, other-secret or one-byte-changed signature, queueing nothing', async () => {
    await reset();
    const good = signWebhookBody(scopesBody, SECRET);
    const changed = scopesBody.replace('read_fulfillments', 'read_fulfillmentz');
    const tries = [
      { body: scopesBody, headers: { 'x-shopify-hmac-sha256': 'AAAA' } },
      { body: scopesBody, headers: { 'x-shopify-hmac-sha256': null } },
      { body: scopesBody, headers: { 'x-shopify-hmac-sha256': signWebhookBody(scopesBody, 'x') } },
      { body: changed, headers: { 'x-shopify-hmac-sha256': good } },
      { body: `${scopesBody}\n`, headers: { 'x-shopify-hmac-sha256': good } },
    ];
    for (const { body, headers } of tries) {
      const res = await post(body, { ...headers, 'x-shopify-event-id': 'ev-refused' });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: { code: 'invalid_hmac', message: expect.any(String) },
      });
    }
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(`${schema}.job`)}
      where name = ${WEBHOOK_QUEUE} and data->>'eventId' = 'ev-refused'`.execute(handle.db);
    expect(rows[0]?.n).toBe(0);
    expect((await repos.shops.get(A))?.scopes).toBe('read_orders');
    // The same body with the right signature goes through.
    expect((await post(scopesBody, { 'x-shopify-hmac-sha256': good })).status).toBe(200);
  });

  it('processes an event once however often and however concurrently it is delivered', async () => {
    await reset();
    const seen: string[] = [];
    extra['test/count'] = async (delivery: WebhookDelivery) => {
      seen.push(delivery.eventId);
      // Long enough for the duplicates to arrive while the first job runs.
      await new Promise((resolve) => setTimeout(resolve, 300));
    };
    const shopify = sender(A);
    const first = await shopify.send('test/count', { n: 1 });
    const again = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        shopify.resend(first.delivery, { duplicate: i % 2 === 0 }),
      ),
    );
    expect([first, ...again].map((r) => r.status)).toEqual(Array(7).fill(200));
    const receipts = app.logs.filter(
      (l) => l.event === 'webhook_received' && l.eventId === first.delivery.eventId,
    );
    expect(receipts.map((l) => l.result)).toContain('duplicate');
    await settle(async () => expect(await processed(A, first.delivery.eventId)).toBe(true));
    // Once processed, a late retry is queued again but ends as a duplicate.
    const late = await shopify.resend(first.delivery, { duplicate: true });
    expect(late.status).toBe(200);
    await settle(async () =>
      expect(
        worker.lines.some(
          (l) => l.event === 'webhook_duplicate' && l.eventId === first.delivery.eventId,
        ),
      ).toBe(true),
    );
    expect(seen).toEqual([first.delivery.eventId]);
    // The same event id from another shop is another event.
    const other = await sender(B).send('test/count', { n: 1 }, { eventId: first.delivery.eventId });
    expect(other.status).toBe(200);
    await settle(async () => expect(seen).toHaveLength(2));
  });

  it('falls back to X-Shopify-Webhook-Id when X-Shopify-Event-Id is absent', async () => {
    await reset();
    const res = await post(scopesBody, {
      'x-shopify-event-id': null,
      'x-shopify-webhook-id': 'wh-only',
    });
    expect(res).toEqual({ status: 200, body: { result: 'queued' } });
    await settle(async () => expect(await processed(A, 'wh-only')).toBe(true));
  });

  it('retries a handler that throws, and processes its event exactly once in the end', async () => {
    await reset();
    const attempts: number[] = [];
    let done = 0;
    extra['test/flaky'] = async () => {
      attempts.push(attempts.length);
      if (attempts.length < 3) throw new Error('transient fault');
      done += 1;
    };
    const shopify = sender(A);
    const result = await shopify.send('test/flaky', { n: 1 });
    expect(result.status).toBe(200);
    await settle(async () => expect(await processed(A, result.delivery.eventId)).toBe(true));
    expect(attempts).toEqual([0, 1, 2]);
    expect(done).toBe(1);
    const failures = worker.lines.filter(
      (l) => l.event === 'webhook_failed' && l.eventId === result.delivery.eventId,
    );
    expect(failures.map((l) => l.attempt)).toEqual([1, 2]);
    // Shopify's own retry of the same delivery after that changes nothing.
    await shopify.resend(result.delivery);
    await settle(async () =>
      expect(
        worker.lines.filter(
          (l) => l.event === 'webhook_duplicate' && l.eventId === result.delivery.eventId,
        ),
      ).toHaveLength(1),
    );
    expect(done).toBe(1);
  });

  it('app/uninstalled deletes the tokens and marks the shop uninstalled; later topics are ignored', async () => {
    await reset();
    const result = await sender(A).send('app/uninstalled', appUninstalledPayload(A));
    expect(result.status).toBe(200);
    await settle(async () => expect(await processed(A, result.delivery.eventId)).toBe(true));
    expect(await repos.sessions.load(A)).toBeUndefined();
    expect((await repos.shops.get(A))?.state).toBe('uninstalled');
    expect((await repos.sessions.load(B))?.accessToken).toBe(`shpat_${B}`);
    expect(await post(scopesBody)).toEqual({
      status: 200,
      body: { result: 'ignored', reason: 'shop_not_installed' },
    });
  });

  it('runs every compliance topic, for an uninstalled shop too, touching only that shop', async () => {
    await reset();
    await repos.shops.markUninstalled(A);
    await repos.sessions.delete(A);
    const shopify = sender(A);
    const request = await shopify.send(
      'customers/data_request',
      customersDataRequestPayload(A, customer, orders, 77),
    );
    const redact = await shopify.send(
      'customers/redact',
      customersRedactPayload(A, customer, orders),
    );
    for (const r of [request, redact]) {
      expect(r.status).toBe(200);
      await settle(async () => expect(await processed(A, r.delivery.eventId)).toBe(true));
    }
    expect(worker.lines.find((l) => l.event === 'customer_data_request_answered')).toMatchObject({
      shop: A,
      dataRequestId: '77',
      held: [],
    });
    expect(worker.lines.find((l) => l.event === 'customer_redacted')).toMatchObject({ shop: A });
    // The customer's e-mail and phone were neither queued nor logged.
    const { rows } = await sql<{ data: unknown }>`
      select data from ${sql.table(`${schema}.job`)} where name = ${WEBHOOK_QUEUE}`.execute(
      handle.db,
    );
    const stored = JSON.stringify(rows) + JSON.stringify(worker.lines) + JSON.stringify(app.logs);
    expect(stored).not.toContain(customer.email);
    expect(stored).not.toContain(customer.phone);
    expect((await rowsOf(A)).shops).toBe(1);

    const erase = await shopify.send('shop/redact', shopRedactPayload(A));
    expect(erase.status).toBe(200);
    await settle(async () =>
      expect(Object.values(await rowsOf(A))).toEqual(SHOP_ROW_TABLES.map(() => 0)),
    );
    expect(await rowsOf(B)).toMatchObject({ shops: 1, offline_sessions: 1, shop_secrets: 1 });
    // The shop is gone: a late delivery for it is ignored.
    expect((await shopify.send('shop/redact', shopRedactPayload(A))).status).toBe(200);
    expect(app.logs.at(-1)).toMatchObject({ route: 'webhooks', status: 200 });
  });

  it('answers 200 and ignores an unknown topic, an unknown shop and a signed body that is not JSON', async () => {
    await reset();
    expect(await post('{}', { 'x-shopify-topic': 'carts/create' })).toEqual({
      status: 200,
      body: { result: 'ignored', reason: 'unknown_topic' },
    });
    expect(await post(scopesBody, { 'x-shopify-shop-domain': 'never.myshopify.com' })).toEqual({
      status: 200,
      body: { result: 'ignored', reason: 'unknown_shop' },
    });
    expect(await post('{"current": [')).toEqual({
      status: 200,
      body: { result: 'ignored', reason: 'malformed_json' },
    });
    expect(app.logs.some((l) => l.reason === 'malformed_json' && l.shop === A)).toBe(true);
  });

  it('answers 400 to a signed delivery without a valid shop domain or topic', async () => {
    await reset();
    const bad = await post(scopesBody, { 'x-shopify-shop-domain': 'evil.example.com' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: {
        code: 'invalid_input',
        fields: [{ field: 'x-shopify-shop-domain', issue: 'invalid_format' }],
      },
    });
    const missing = await post(scopesBody, { 'x-shopify-topic': null });
    expect(missing.body).toMatchObject({
      error: { code: 'invalid_input', fields: [{ field: 'x-shopify-topic', issue: 'required' }] },
    });
  });

  it('answers 413 above 1 MB and takes a body of exactly 1 MB', async () => {
    await reset();
    const filler = (size: number) => `{"pad":"${'x'.repeat(size - 10)}"}`;
    expect(filler(MAX_WEBHOOK_BODY_BYTES).length).toBe(MAX_WEBHOOK_BODY_BYTES);
    const over = await post(filler(MAX_WEBHOOK_BODY_BYTES + 1), { 'x-shopify-topic': 'x/y' });
    expect(over).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    const exact = await post(filler(MAX_WEBHOOK_BODY_BYTES), { 'x-shopify-topic': 'x/y' });
    expect(exact).toEqual({ status: 200, body: { result: 'ignored', reason: 'unknown_topic' } });
  });

  it('answers 503 database_unavailable when the delivery cannot be queued, so Shopify sends it again', async () => {
    await reset();
    const broken: JobQueue = {
      ...jobs,
      createQueue: async () => {},
      send: async () => {
        throw new Error('connection refused');
      },
    };
    const deps = { db: handle.db, repos, jobs: broken, logger: worker.logger, clock: () => NOW };
    const other = testApp(
      () => new Response('{}'),
      {},
      {
        webhooks: { ...deps, apiSecret: SECRET, handlers },
      },
    );
    const res = await other.handler(
      new Request('http://app.test/webhooks', {
        method: 'POST',
        body: scopesBody,
        headers: {
          'x-shopify-topic': 'app/scopes_update',
          'x-shopify-hmac-sha256': signWebhookBody(scopesBody, SECRET),
          'x-shopify-shop-domain': A,
          'x-shopify-webhook-id': 'wh-unqueued',
        },
      }),
    );
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'database_unavailable' } });
    expect(other.logs.find((l) => l.result === 'not_queued')).toMatchObject({
      eventId: 'wh-unqueued',
      name: 'Error',
    });
  });

  it('answers 405 to other methods', async () => {
    const res = await app.handler(new Request('http://app.test/webhooks'));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('the app without webhook dependencies', () => {
  it('does not mount /webhooks', async () => {
    const app = testApp(() => new Response('{}'));
    const res = await app.handler(
      new Request('http://app.test/webhooks', { method: 'POST', body: '{}' }),
    );
    expect(res.status).toBe(404);
  });
});
