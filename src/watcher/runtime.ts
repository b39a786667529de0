// The watcher wired for a process (server or `npm run worker`) from the environment and what the process opened.

import type { Kysely } from 'kysely';
import { CarrierConfigError, carrierConfigFromEnv } from '../carriers/config.js';
import type { Clock, Fetch, Logger } from '../core/ports.js';
import type { Repositories } from '../db/repositories.js';
import type { Database } from '../db/schema.js';
import { createWatchedShipmentsRepository } from '../db/watched-shipments.js';
import { createOverviewSettings } from '../overview/settings.js';
import { ConfigError } from '../platform/config-error.js';
import type { JobQueue } from '../platform/jobs.js';
import type { LimiterFactory } from '../platform/rate-limits.js';
import type { AdminForShop } from '../sync/shop-admin.js';
import { carrierEndpointsFromEnv } from './carrier-adapters.js';
import { type RunningWatcher, startWatcher, watcherConfigFromEnv } from './watcher.js';

type Env = Record<string, string | undefined>;

export interface WatcherRuntimeDeps {
  db: Kysely<Database>;
  /** Built with the process's InvalidationBus, so the watcher's writes evict cached views. */
  repos: Pick<Repositories, 'orders' | 'shopSettings' | 'flowTriggers'>;
  jobs: JobQueue;
  adminFor: AdminForShop;
  /** Shared by every process with REDIS_URL (carrier request limits count across processes). */
  limiterFactory: LimiterFactory;
  fetch: Fetch;
  clock: Clock;
  logger: Logger;
}

/**
 * Whether the server process runs the watcher: yes unless `WATCHER_IN_SERVER=false` (set it when
 * separate `npm run worker` processes do the background work). Throws ConfigError for another value.
 */
export function watcherInServer(env: Env): boolean {
  const value = env.WATCHER_IN_SERVER?.trim().toLowerCase();
  if (!value || value === 'true') return true;
  if (value === 'false') return false;
  throw new ConfigError([], ['WATCHER_IN_SERVER'], 'WATCHER_IN_SERVER must be true or false');
}

/**
 * Starts the watcher from the environment: WATCHER_INTERVAL_S and the rest of
 * `watcherConfigFromEnv`, the carriers' endpoint variables (a stand-in for every shop's adapter),
 * and in custom-app mode (SHOPIFY_SHOP) the carrier key variables as that shop's keys. Throws
 * ConfigError naming a malformed variable.
 */
export async function startWatcherFromEnv(
  env: Env,
  deps: WatcherRuntimeDeps,
): Promise<RunningWatcher> {
  const config = watcherConfigFromEnv(env);
  const customShop = env.SHOPIFY_SHOP?.trim() || undefined;
  const envKeys = customShop ? carrierKeysFromEnv(env) : {};
  const overview = createOverviewSettings(deps.db);
  return startWatcher(
    {
      watched: createWatchedShipmentsRepository(deps.db),
      orders: deps.repos.orders,
      shopSettings: deps.repos.shopSettings,
      flowTriggers: deps.repos.flowTriggers,
      thresholds: (shop) => overview.stalledThresholds(shop),
      adminFor: deps.adminFor,
      envKeys,
      customShop,
      endpoints: carrierEndpointsFromEnv(env),
      limiterFactory: deps.limiterFactory,
      fetch: deps.fetch,
      clock: deps.clock,
      logger: deps.logger,
      jobs: deps.jobs,
    },
    config,
  );
}

/** The carrier key variables (custom-app mode); a malformed one is a ConfigError like any setting. */
function carrierKeysFromEnv(env: Env) {
  try {
    return carrierConfigFromEnv(env);
  } catch (error) {
    if (error instanceof CarrierConfigError) {
      throw new ConfigError([], [error.variable], error.message);
    }
    throw error;
  }
}
