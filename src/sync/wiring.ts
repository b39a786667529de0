// One call that builds the order sync for a process: the store-first source, the cache bus, the jobs.
import type { Kysely } from 'kysely';
import type { Clock, Fetch, Logger } from '../core/ports.js';
import type { Repositories } from '../db/repositories.js';
import type { Database } from '../db/schema.js';
import type { OrderSource } from '../lookup/find-order.js';
import { type StoreFirstDeps, storeFirstOrderSource } from '../lookup/store-first.js';
import type { JobQueue } from '../platform/jobs.js';
import type { SyncConfig } from './config.js';
import { resumeSync, startSyncWorkers } from './jobs.js';
import { type AdminForShop, createFingerprinters } from './shop-admin.js';

export interface StoreOrderSourceDeps {
  /** Built with the same InvalidationBus the app subscribes to (`createRepositories(…, { invalidations })`). */
  repos: Pick<Repositories, 'orders' | 'shopSecrets' | 'syncState'>;
  adminFor: AdminForShop;
  /** Custom-app mode's one shop, used when a call does not name its shop. */
  defaultShop?: string;
}

/** The store-first OrderSource for `createApp`'s `orders` seam. */
export function createStoreOrderSource(deps: StoreOrderSourceDeps): OrderSource {
  const source: StoreFirstDeps = {
    orders: deps.repos.orders,
    fingerprinter: createFingerprinters(deps.repos.shopSecrets),
    adminFor: deps.adminFor,
    backfilled: async (shop) => (await deps.repos.syncState.get(shop)).state === 'completed',
  };
  if (deps.defaultShop) source.defaultShop = deps.defaultShop;
  return storeFirstOrderSource(source);
}

export interface SyncRuntimeDeps {
  db: Kysely<Database>;
  repos: Repositories;
  jobs: JobQueue;
  adminFor: AdminForShop;
  /** Downloads bulk results (follows redirects). */
  fetch: Fetch;
  clock: Clock;
  logger: Logger;
  config: SyncConfig;
}

/**
 * Starts the sync's workers in this process and queues a backfill (or, once done, reconciliation)
 * for each of `shops` (custom-app mode: its one shop; app mode: the installed shops).
 */
export async function startSync(deps: SyncRuntimeDeps, shops: readonly string[]): Promise<void> {
  await startSyncWorkers({
    db: deps.db,
    jobs: deps.jobs,
    shops: deps.repos.shops,
    orders: deps.repos.orders,
    syncState: deps.repos.syncState,
    adminFor: deps.adminFor,
    fingerprinter: createFingerprinters(deps.repos.shopSecrets),
    fetch: deps.fetch,
    clock: deps.clock,
    logger: deps.logger,
    days: deps.config.backfillDays,
    reconcileIntervalS: deps.config.reconcileIntervalS,
    retentionDays: deps.config.retentionDays,
  });
  await resumeSync(deps.jobs, shops);
}
