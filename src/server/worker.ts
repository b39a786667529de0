// `npm run worker`: the background work alone (webhook deliveries, order sync, shipment watcher), no HTTP; needs DATABASE_URL.
import { DatabaseUnavailableError } from '../db/index.js';
import { ConfigError } from '../platform/config-error.js';
import { createLogger } from '../platform/logger.js';
import { createApp } from './app.js';
import { type Background, startBackground } from './background.js';
import { withoutBlanks } from './config.js';
import { checkSettings } from './settings-check.js';
import { createSharedState, type SharedState } from './shared-state.js';
import { type OpenStores, openStores } from './stores.js';

async function main(): Promise<void> {
  const logger = createLogger();
  let opened: OpenStores | undefined;
  let shared: SharedState | undefined;
  let background: Background | undefined;
  try {
    const env = withoutBlanks(process.env);
    // The embedded database is one process's: a worker beside the server needs Postgres.
    if (!env.DATABASE_URL) {
      throw new ConfigError(
        ['DATABASE_URL'],
        [],
        'npm run worker needs Postgres (DATABASE_URL) shared with the servers; without it `npm start` runs the background work itself',
      );
    }
    // The same settings as the server (its Shopify mode decides whose Admin API the jobs call).
    checkSettings(process.env);
    opened = await openStores(process.env, logger, () => Date.now());
    shared = createSharedState(process.env, logger);
    // Never served: it gives each shop's Admin API client, and it carries this process's store
    // writes to the shared view cache (with REDIS_URL), so every server drops changed orders' views.
    const app = createApp(process.env, { logger, stores: opened.stores, ...shared.deps });
    background = await startBackground(process.env, {
      stores: opened.stores,
      adminFor: app.adminFor,
      fetch: (input, init) => fetch(input, init),
      clock: () => Date.now(),
      logger,
      ...(app.config.custom ? { customShop: app.config.custom.shop } : {}),
      limiterFactory: shared.deps.limiterFactory,
      watcher: true,
    });
  } catch (error) {
    await opened?.close();
    await shared?.close();
    if (error instanceof ConfigError || error instanceof DatabaseUnavailableError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  logger.info({ event: 'worker_started' });
  const stores = opened;
  const state = shared;
  const stop = () => {
    background?.stop();
    // Jobs running get the queue's grace period to finish; an unfinished one is retried elsewhere.
    stores
      .close()
      .then(() => state.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
