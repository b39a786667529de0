// `npm run demo`: starts the whole demo in one process and prints where to look and what to type.
import { createLogger } from '../src/platform/logger.js';
import { ConfigError } from '../src/server/app.js';
import { startDemo } from './server.js';
import { GENERATED_ORDER_COUNT } from './shopify/seed-generated.js';
import { demoOrderTable } from './shopify/seed-orders.js';

/** One short line per proxy request: enough to watch the flow, never an email or a token. */
const consoleLogger = createLogger({
  destination: {
    write(line: string) {
      const fields = JSON.parse(line) as Record<string, unknown>;
      if (fields.level !== 'info') {
        console.warn(`  proxy  ${fields.level}`, fields);
        return;
      }
      // The shipment watcher: one line per poll that changed something or fired something.
      if (fields.event === 'watcher_poll' && (fields.fired || fields.wroteBack)) {
        const did = [
          fields.fired ? `Flow ${String(fields.fired)}` : '',
          fields.wroteBack ? `written back ${String(fields.wroteBack)}` : '',
        ].filter(Boolean);
        console.log(`  watcher  ${fields.status}  ${did.join('  ')}`);
        return;
      }
      if (fields.route === undefined) return;
      const parts = [fields.method, fields.route, fields.status, `${fields.durationMs} ms`];
      if (fields.cacheHit) parts.push('cache hit');
      if (fields.errorCode) parts.push(String(fields.errorCode));
      console.log(`  proxy  ${parts.join('  ')}`);
    },
  },
});

async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, not "${process.env.PORT}".`);
    process.exit(1);
  }
  const demo = await startDemo({
    port,
    host: process.env.HOST || '127.0.0.1',
    env: process.env,
    logger: consoleLogger,
    // Thousands of orders in every delivery state for the overview; the backfill runs behind.
    generatedOrders: GENERATED_ORDER_COUNT,
    // The shipment watcher with the local carriers' keys, write-back and Flow turned on.
    watcher: true,
  });

  console.log(`\nTrack your order: demo storefront at ${demo.url}/`);
  console.log(`The app itself (home, /api, /proxy, /webhooks) listens at ${demo.appUrl}/`);
  if (demo.adminUrl) {
    console.log(
      `Local Shopify admin (the app home framed, install/uninstall, webhooks): ${demo.adminUrl}`,
    );
  }
  console.log('');
  if (demo.mode === 'store') {
    console.log(`Using the store ${process.env.SHOPIFY_SHOP}: look up one of its real orders.`);
  } else {
    console.log(printTable(demoOrderTable()));
    console.log(
      `\nAlso: ${demo.url}/?locale=nb (Norwegian), ${demo.url}/?design_mode=1 (theme editor),` +
        `\n      ${demo.url}/account/login (log in as a customer: their orders without an email),` +
        `\n      ${demo.url}/?noblock=1 (the same page without the block).` +
        '\n      The shipment watcher polls the local carriers every 2 s: #1022 becomes Delivered in' +
        "\n      Shopify's order (written back), #1023 is on the board's stalled list.",
    );
  }
  console.log('\nPress Ctrl+C to stop.\n');

  const stop = () => {
    demo.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function printTable(
  rows: readonly { orderNumber: string; email: string; shows: string }[],
): string {
  const header = { orderNumber: 'Order', email: 'Email', shows: 'What it shows' };
  const width = (key: 'orderNumber' | 'email') =>
    Math.max(header[key].length, ...rows.map((row) => row[key].length));
  const line = (row: { orderNumber: string; email: string; shows: string }) =>
    `  ${row.orderNumber.padEnd(width('orderNumber'))}  ${row.email.padEnd(width('email'))}  ${row.shows}`;
  return [line(header), ...rows.map(line)].join('\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error('That port is taken; set PORT to another one, e.g. PORT=3001 npm run demo.');
  } else {
    console.error(error);
  }
  process.exit(1);
});
