// A process's background work on the job queue: webhook deliveries, the order sync (backfill, reconciliation, retention) and the shipment watcher.
import type { Clock, Fetch, Logger } from '../core/ports.js';
import type { ShopsRepository } from '../db/shops.js';
import type { JobQueue } from '../platform/jobs.js';
import { type LimiterFactory, memoryLimiterFactory } from '../platform/rate-limits.js';
import { loadSyncConfig } from '../sync/config.js';
import type { AdminForShop } from '../sync/shop-admin.js';
import { startSync } from '../sync/wiring.js';
import { startWatcherFromEnv } from '../watcher/runtime.js';
import { startWebhookWorker } from '../webhooks/process.js';
import type { AppStores } from './app.js';
import { type Env, withoutBlanks } from './config.js';

/** Seconds between the webhook worker's looks at its queue (pg-boss polls). */
export const WEBHOOK_POLL_S = 0.5;
/** Deliveries one process handles at once; each is one short transaction. */
export const WEBHOOK_CONCURRENCY = 4;

export interface BackgroundDeps {
  stores: AppStores & { jobs: JobQueue };
  /** Each shop's Admin API client (`App.adminFor`, or the worker's own). */
  adminFor: AdminForShop;
  /** Downloads bulk operation results. */
  fetch: Fetch;
  clock: Clock;
  logger: Logger;
  /** Custom-app mode's store (SHOPIFY_SHOP), synced from start-up like an installed shop. */
  customShop?: string;
  /** The shipment watcher's carrier request limits; shared through Redis when given its factory. */
  limiterFactory?: LimiterFactory;
  /**
   * Whether this process runs the shipment watcher: the worker always; the server unless
   * WATCHER_IN_SERVER=false (`watcherInServer`). Default true.
   */
  watcher?: boolean;
}

/** What runs in the background of a process, to stop before its stores close. */
export interface Background {
  stop(): void;
}

/**
 * The custom-app store has no install: its row in `shops` is made (state installed) the first time
 * the app serves it, so its key, its synced orders and its webhooks have a shop to belong to.
 */
export async function ensureCustomAppShop(shops: ShopsRepository, shop: string): Promise<void> {
  if ((await shops.get(shop))?.state === 'installed') return;
  await shops.markInstalled(shop, '');
}

/**
 * Starts, in this process, the webhook worker and the order sync's workers, then queues a backfill
 * (or, for a shop already backfilled, its reconciliation) for every installed shop and the
 * custom-app store; then the shipment watcher (src/watcher/runtime.ts) unless `watcher` is false.
 * Reads RECONCILE_INTERVAL_S, RETENTION_DAYS, BACKFILL_DAYS and the watcher's variables.
 *
 * @throws ConfigError naming a malformed sync setting.
 */
export async function startBackground(env: Env, deps: BackgroundDeps): Promise<Background> {
  const config = loadSyncConfig(withoutBlanks(env));
  const { db, repos, jobs } = deps.stores;
  // Webhook deliveries are queued by POST /webhooks and processed here, once per event. pg-boss's
  // defaults (a look every 2 s, one job at a time) would take a burst of deliveries at 30 a minute,
  // past the 5 s in which a change must show in lookups.
  await startWebhookWorker(
    { db, repos, jobs, logger: deps.logger, clock: deps.clock },
    { pollingIntervalSeconds: WEBHOOK_POLL_S, localConcurrency: WEBHOOK_CONCURRENCY },
  );
  const shops = await repos.shops.installed();
  if (deps.customShop) {
    await ensureCustomAppShop(repos.shops, deps.customShop);
    if (!shops.includes(deps.customShop)) shops.push(deps.customShop);
  }
  await startSync(
    {
      db,
      repos,
      jobs,
      adminFor: deps.adminFor,
      fetch: deps.fetch,
      clock: deps.clock,
      logger: deps.logger,
      config,
    },
    shops,
  );
  if (deps.watcher === false) return { stop() {} };
  return startWatcherFromEnv(env, {
    db,
    repos,
    jobs,
    adminFor: deps.adminFor,
    limiterFactory: deps.limiterFactory ?? memoryLimiterFactory,
    fetch: deps.fetch,
    clock: deps.clock,
    logger: deps.logger,
  });
}
