// `npm start`: config → database, jobs → app → background work (webhooks, order sync, shipment watcher) → serve on @hono/node-server; SIGTERM stops accepting, finishes what is in flight, closes jobs then the database, exits.
import { serve } from '@hono/node-server';
import { DatabaseUnavailableError } from '../db/index.js';
import { createLogger } from '../platform/logger.js';
import { watcherInServer } from '../watcher/runtime.js';
import { type App, ConfigError, createApp } from './app.js';
import { type Background, startBackground } from './background.js';
import { checkSettings } from './settings-check.js';
import { createSharedState } from './shared-state.js';
import { type OpenStores, openStores } from './stores.js';

/** Requests still running after this long are cut when the process is told to stop. */
const SHUTDOWN_GRACE_MS = 900;

async function main(): Promise<void> {
  const logger = createLogger();
  let app: App;
  let opened: OpenStores | undefined;
  let background: Background | undefined;
  try {
    // Settings first, so a bad one stops the start before the database is opened.
    checkSettings(process.env);
    const watcher = watcherInServer(process.env);
    opened = await openStores(process.env, logger, () => Date.now());
    const shared = createSharedState(process.env, logger).deps;
    app = createApp(process.env, { logger, stores: opened.stores, ...shared });
    // Webhook deliveries, the order sync's backfill, reconciliation and retention run here, and
    // the shipment watcher unless WATCHER_IN_SERVER=false (then `npm run worker` runs it).
    background = await startBackground(process.env, {
      stores: opened.stores,
      adminFor: app.adminFor,
      fetch: (input, init) => fetch(input, init),
      clock: () => Date.now(),
      logger,
      ...(app.config.custom ? { customShop: app.config.custom.shop } : {}),
      limiterFactory: shared.limiterFactory,
      watcher,
    });
  } catch (error) {
    await opened?.close();
    if (error instanceof ConfigError || error instanceof DatabaseUnavailableError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const stores = opened;
  const { port, host } = app.config;
  const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
    logger.info({ event: 'listening', host: info.address, port: info.port });
  });
  // Serve at once; the check runs beside it and is retried every 30 s until the token works.
  void app.shopCheck.start();

  const stop = () => {
    app.shopCheck.stop();
    background?.stop();
    // The lookup counts kept in memory are written before the database closes.
    const exit = () => {
      app
        .close()
        .finally(() => stores.close())
        .finally(() => process.exit(0));
    };
    // close() stops accepting and resolves once in-flight requests have answered.
    server.close(exit);
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    setTimeout(exit, SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
