// A process's background work on the job queue: webhook deliveries and the order sync (backfill, reconciliation, retention).
import type { Clock, Fetch, Logger } from '../core/ports.js';
import type { ShopsRepository } from '../db/shops.js';
import type { SharedViews } from '../lookup/lookup.js';
import { orderCacheKey } from '../lookup/lookup.js';
import type { JobQueue } from '../platform/jobs.js';
import { loadSyncConfig } from '../sync/config.js';
import type { InvalidationBus, OrderChange } from '../sync/invalidation.js';
import type { AdminForShop } from '../sync/shop-admin.js';
import { startSync } from '../sync/wiring.js';
import { startWebhookWorker } from '../webhooks/process.js';
import type { AppStores } from './app.js';
import { type Env, withoutBlanks } from './config.js';

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
 * custom-app store. Reads RECONCILE_INTERVAL_S, RETENTION_DAYS and BACKFILL_DAYS.
 *
 * @throws ConfigError naming a malformed sync setting.
 */
export async function startBackground(env: Env, deps: BackgroundDeps): Promise<void> {
  const config = loadSyncConfig(withoutBlanks(env));
  const { db, repos, jobs } = deps.stores;
  // Webhook deliveries are queued by POST /webhooks and processed here, once per event.
  await startWebhookWorker({ db, repos, jobs, logger: deps.logger, clock: deps.clock });
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
}

/**
 * For a process without a lookup cache of its own (`npm run worker`): carries its store writes to
 * the shared view cache, so every server drops the changed orders' views.
 */
export function forwardInvalidations(
  bus: InvalidationBus,
  views: SharedViews,
  logger: Logger,
): () => void {
  return bus.subscribe((changes: readonly OrderChange[]) => {
    void (async () => {
      for (const change of changes) {
        for (const name of [change.orderName, change.confirmationNumber]) {
          if (name) await views.invalidate(change.shop, orderCacheKey(name));
        }
      }
    })().catch((error: unknown) => {
      logger.warn({
        event: 'cache_invalidation_failed',
        name: error instanceof Error ? error.name : typeof error,
      });
    });
  });
}
