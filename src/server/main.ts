// `npm start`: the proxy on node:http, configured by the environment.
import { ConfigError, createApp } from './app.js';
import { createJsonLogger } from '../platform/logger.js';
import { serve } from './node-adapter.js';

async function main(): Promise<void> {
  let app: ReturnType<typeof createApp>;
  try {
    app = createApp(process.env, { logger: createJsonLogger() });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const port = Number(process.env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('Configuration error: invalid settings: PORT\n');
    process.exit(1);
  }
  const host = process.env.HOST || '127.0.0.1';
  const serving = await serve(app.handler, { port, host });
  process.stdout.write(`Track-your-order proxy listening on ${serving.url}\n`);
  const stop = () => {
    serving.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

await main();
