// The sync's background jobs on pg-boss: backfill steps, single-order fetches, reconciliation and retention.
import type { Clock, Logger } from '../core/ports.js';
import type { OrdersRepository } from '../db/orders.js';
import { DEFAULT_RETENTION_DAYS } from '../db/orders.js';
import type { ShopsRepository } from '../db/shops.js';
import type { SyncStateRepository } from '../db/sync-state.js';
import type { JobQueue, QueueSettings } from '../platform/jobs.js';
import { type BackfillDeps, backfillStep, shopIsActive } from './backfill.js';
import { DEFAULT_RECONCILE_INTERVAL_S, reconcileShop, storeDetail } from './reconcile.js';

export const SYNC_QUEUES = {
  backfill: 'sync-backfill',
  fetchOrder: 'sync-fetch-order',
  reconcile: 'sync-reconcile',
  retention: 'sync-retention',
} as const;

/**
 * Each queue's settings. A queue is made once with the settings of whoever makes it first, so every
 * sender creates it with these before sending (pg-boss would otherwise make a plain queue, without
 * the one-waiting-job-per-shop `stately` policy).
 */
export const SYNC_QUEUE_SETTINGS: Readonly<Record<string, QueueSettings>> = {
  [SYNC_QUEUES.backfill]: {
    policy: 'stately',
    retryLimit: 5,
    retryDelaySeconds: 30,
    retryBackoff: true,
    expireInSeconds: 60 * 60,
  },
  [SYNC_QUEUES.fetchOrder]: { retryLimit: 3, retryDelaySeconds: 10, retryBackoff: true },
  [SYNC_QUEUES.reconcile]: { policy: 'stately', retryLimit: 2, retryDelaySeconds: 60 },
  [SYNC_QUEUES.retention]: { policy: 'stately', retryLimit: 2, retryDelaySeconds: 300 },
};

/** Seconds between looks at a running bulk operation when no finish webhook came. */
export const DEFAULT_BULK_POLL_S = 10;
const DAY_S = 86_400;

export interface SyncJobDeps extends BackfillDeps {
  jobs: JobQueue;
  /** `RECONCILE_INTERVAL_S`; default 900. */
  reconcileIntervalS?: number;
  /** `RETENTION_DAYS`; default 180. */
  retentionDays?: number;
  /** Seconds between polls of a running bulk operation; default 10. */
  bulkPollS?: number;
}

interface ShopJob {
  shop: string;
}
interface OrderJob extends ShopJob {
  orderGid: string;
}

/**
 * Queues the shop's backfill (after its first token exchange, at start-up in custom-app mode, on
 * `bulk_operations/finish`). Safe to call often: one job per shop waits at a time, and a shop
 * already backfilled gets a reconciliation instead (a reinstall within 48 h catches up that way).
 */
export async function startBackfill(jobs: JobQueue, shop: string): Promise<void> {
  await jobs.createQueue(SYNC_QUEUES.backfill, SYNC_QUEUE_SETTINGS[SYNC_QUEUES.backfill]);
  await jobs.send<ShopJob>(SYNC_QUEUES.backfill, { shop }, { singletonKey: shop });
}

/** Queues a read of one order from Admin (a fulfilment webhook for an order not stored yet). */
export async function fetchOrderLater(
  jobs: JobQueue,
  shop: string,
  orderGid: string,
): Promise<void> {
  await jobs.createQueue(SYNC_QUEUES.fetchOrder, SYNC_QUEUE_SETTINGS[SYNC_QUEUES.fetchOrder]);
  await jobs.send<OrderJob>(SYNC_QUEUES.fetchOrder, { shop, orderGid });
}

/** What `startSyncWorkers` needs besides the backfill's ports. */
export type SyncWorkerDeps = SyncJobDeps & {
  shops: ShopsRepository;
  orders: OrdersRepository;
  syncState: SyncStateRepository;
  clock: Clock;
  logger: Logger;
};

/**
 * Creates the queues and runs their workers in this process. Every job first checks that its shop
 * still has the app, so an uninstall stops the shop's chain of jobs; reinstalling and calling
 * `startBackfill` starts it again on the data kept.
 */
export async function startSyncWorkers(deps: SyncWorkerDeps): Promise<void> {
  const { jobs } = deps;
  const reconcileS = deps.reconcileIntervalS ?? DEFAULT_RECONCILE_INTERVAL_S;
  for (const [queue, settings] of Object.entries(SYNC_QUEUE_SETTINGS)) {
    await jobs.createQueue(queue, settings);
  }

  await jobs.work<ShopJob>(SYNC_QUEUES.backfill, async ({ data }) => {
    const step = await backfillStep(data.shop, deps);
    if (step === 'waiting') {
      await jobs.send<ShopJob>(
        SYNC_QUEUES.backfill,
        { shop: data.shop },
        { singletonKey: data.shop, startAfterSeconds: deps.bulkPollS ?? DEFAULT_BULK_POLL_S },
      );
    } else if (step === 'completed' || step === 'skipped') {
      if (await shopIsActive(deps.shops, data.shop)) {
        await jobs.send<ShopJob>(
          SYNC_QUEUES.reconcile,
          { shop: data.shop },
          { singletonKey: data.shop, startAfterSeconds: step === 'completed' ? reconcileS : 0 },
        );
      }
    }
  });

  await jobs.work<OrderJob>(SYNC_QUEUES.fetchOrder, async ({ data }) => {
    if (!(await shopIsActive(deps.shops, data.shop))) return;
    const admin = await deps.adminFor(data.shop);
    if (!admin) return;
    await storeDetail(data.shop, data.orderGid, admin, await deps.fingerprinter(data.shop), deps);
  });

  await jobs.work<ShopJob>(SYNC_QUEUES.reconcile, async ({ data }) => {
    if (!(await shopIsActive(deps.shops, data.shop))) return;
    await reconcileShop(data.shop, { ...deps, intervalS: reconcileS });
    await jobs.send<ShopJob>(
      SYNC_QUEUES.reconcile,
      { shop: data.shop },
      { singletonKey: data.shop, startAfterSeconds: reconcileS },
    );
  });

  await jobs.work<object>(SYNC_QUEUES.retention, async () => {
    const deleted = await deps.orders.deleteExpired(deps.retentionDays ?? DEFAULT_RETENTION_DAYS);
    deps.logger.info({ event: 'retention', deleted });
    await jobs.send(SYNC_QUEUES.retention, {}, { singletonKey: 'all', startAfterSeconds: DAY_S });
  });
  await jobs.send(SYNC_QUEUES.retention, {}, { singletonKey: 'all' });
}

/**
 * At start-up (custom-app mode, or every installed shop): a backfill for each shop not completed,
 * which for a completed shop turns into its reconciliation chain.
 */
export async function resumeSync(jobs: JobQueue, shops: readonly string[]): Promise<void> {
  for (const shop of shops) await startBackfill(jobs, shop);
}
