// Test harness for the order sync: a test database, the local Admin emulator with seeded orders, a counting Admin client and recorded jobs.
import { randomBytes } from 'node:crypto';
import { ADMIN_GRAPHQL_PATH, createAdminEmulator } from '../../demo/shopify/admin-emulator.js';
import type { OutgoingWebhook } from '../../demo/shopify/order-actions.js';
import { seedOrders } from '../../demo/shopify/seed-orders.js';
import type { SeedOrder } from '../../demo/shopify/seed-types.js';
import { type Clock, type Fetch, silentLogger } from '../core/ports.js';
import type { DatabaseHandle } from '../db/index.js';
import { createRepositories, type Repositories } from '../db/repositories.js';
import { type DatabaseKind, testDatabase } from '../db/testing.js';
import { createSealer } from '../platform/crypto.js';
import type { JobQueue, JobRun } from '../platform/jobs.js';
import { createAdminGraphql } from '../shopify/admin-client.js';
import type { BackfillDeps } from '../sync/backfill.js';
import { createInProcessInvalidationBus, type OrderChange } from '../sync/invalidation.js';
import { createFingerprinters, singleShopAdmin } from '../sync/shop-admin.js';
import type { WebhookDelivery, WebhookDeps } from '../webhooks/types.js';

export const SHOP = 'sync-test.myshopify.com';
export const TOKEN = 'shpat_sync_test';
export const ORIGIN = 'http://local-shopify.test';
export const START = Date.parse('2026-11-26T12:00:00Z');

export interface SentJob {
  queue: string;
  data: object;
  startAfterSeconds: number | undefined;
}

/** A JobQueue that only records what is sent; tests run the handlers themselves. */
export function recordingJobs(): JobQueue & { sent: SentJob[] } {
  const sent: SentJob[] = [];
  return {
    sent,
    async start() {},
    async stop() {},
    async createQueue() {},
    async deleteJob() {},
    async send(queue, data, options = {}) {
      sent.push({ queue, data, startAfterSeconds: options.startAfterSeconds });
      return String(sent.length);
    },
    async work<T extends object>(_queue: string, _handler: (job: JobRun<T>) => Promise<void>) {
      return 'worker';
    },
  };
}

export interface SyncHarness {
  handle: DatabaseHandle;
  repos: Repositories;
  orders: SeedOrder[];
  emulator: ReturnType<typeof createAdminEmulator>;
  /** Admin GraphQL calls made through `admin` (bulk file downloads not counted). */
  adminCalls: () => number;
  jobs: ReturnType<typeof recordingJobs>;
  changes: OrderChange[];
  webhooks: OutgoingWebhook[];
  backfillDeps: BackfillDeps;
  webhookDeps: WebhookDeps;
  now: { ms: number };
  /** Fires the emulator's pending timers (bulk operations complete). */
  runTimers: () => void;
  /** Feeds an emulator webhook to a handler as a verified delivery. */
  delivery: (w: OutgoingWebhook, n?: number) => WebhookDelivery;
  fetch: Fetch;
}

export async function syncHarness(
  kind: DatabaseKind,
  options: { orders?: SeedOrder[]; scopes?: string } = {},
): Promise<SyncHarness> {
  const handle = await testDatabase(kind);
  const now = { ms: START };
  const clock: Clock = () => now.ms;
  const bus = createInProcessInvalidationBus();
  const changes: OrderChange[] = [];
  bus.subscribe((c) => changes.push(...c));
  const repos = createRepositories(handle.db, createSealer(randomBytes(32)), clock, {
    invalidations: bus,
  });
  await repos.shops.markInstalled(SHOP, options.scopes ?? 'read_orders,read_all_orders');
  const orders = options.orders ?? seedOrders(new Date(START));
  const timers: Array<() => void> = [];
  const webhooks: OutgoingWebhook[] = [];
  const emulator = createAdminEmulator({
    orders,
    accessToken: TOKEN,
    shop: SHOP,
    clock,
    bulkDurationMs: 1000,
    schedule: (_ms, run) => {
      timers.push(run);
    },
    onWebhook: (w) => webhooks.push(w),
    maxQueryCost: Number.POSITIVE_INFINITY,
    bucket: { maximumAvailable: 1e9, restoreRate: 1e9 },
  });
  let calls = 0;
  const fetch: Fetch = async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname === ADMIN_GRAPHQL_PATH) calls += 1;
    return emulator.handle(request);
  };
  const admin = createAdminGraphql(
    {
      shop: SHOP,
      accessToken: TOKEN,
      endpoint: `${ORIGIN}${ADMIN_GRAPHQL_PATH}`,
      budgetMs: 10_000,
    },
    {
      fetch,
      clock,
      sleep: async () => {},
      timeoutSignal: () => new AbortController().signal,
      logger: silentLogger,
    },
  );
  const jobs = recordingJobs();
  const backfillDeps: BackfillDeps = {
    db: handle.db,
    shops: repos.shops,
    orders: repos.orders,
    syncState: repos.syncState,
    adminFor: singleShopAdmin(SHOP, admin),
    fingerprinter: createFingerprinters(repos.shopSecrets),
    fetch,
    clock,
    logger: silentLogger,
  };
  const webhookDeps: WebhookDeps = {
    db: handle.db,
    repos,
    jobs,
    logger: silentLogger,
    clock,
  };
  let n = 0;
  return {
    handle,
    repos,
    orders,
    emulator,
    adminCalls: () => calls,
    jobs,
    changes,
    webhooks,
    backfillDeps,
    webhookDeps,
    now,
    runTimers: () => {
      for (const run of timers.splice(0)) run();
    },
    delivery: (w, id) => ({
      shop: SHOP,
      topic: w.topic,
      eventId: `event-${id ?? ++n}`,
      webhookId: `webhook-${id ?? n}`,
      triggeredAt: undefined,
      payload: JSON.parse(JSON.stringify(w.payload)),
    }),
    fetch,
  };
}
