// `npm start`: config → app → serve on @hono/node-server; SIGTERM stops accepting, finishes what is in flight, exits.
import { serve } from '@hono/node-server';
import { createLogger } from '../platform/logger.js';
import { ConfigError, createApp } from './app.js';
import { createSharedState } from './shared-state.js';

/** Requests still running after this long are cut when the process is told to stop. */
const SHUTDOWN_GRACE_MS = 900;

function main(): void {
  const logger = createLogger();
  let app: ReturnType<typeof createApp>;
  try {
    app = createApp(process.env, { logger, ...createSharedState(process.env, logger).deps });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { port, host } = app.config;
  const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
    logger.info({ event: 'listening', host: info.address, port: info.port });
  });
  // Serve at once; the check runs beside it and is retried every 30 s until the token works.
  void app.shopCheck.start();

  const stop = () => {
    app.shopCheck.stop();
    // close() stops accepting and resolves once in-flight requests have answered.
    server.close(() => process.exit(0));
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main();
