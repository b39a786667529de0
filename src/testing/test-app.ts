// Test helper: the proxy wired with fakes (Admin, clock, sleep, logger) and the env a test needs.
import type { Logger } from '../core/ports.js';
import { loadProxyConfig } from '../server/config.js';
import { createProxy, defaultProxyDeps, type ProxyDeps } from '../proxy/create-proxy.js';
import type { Handler } from '../proxy/handler.js';
import { type AdminScript, fakeAdmin } from './fake-admin.js';
import { NOW, SECRET, SHOP, TOKEN } from './signed.js';

export const TEST_ENV = {
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_SHOP: SHOP,
  SHOPIFY_ADMIN_TOKEN: TOKEN,
};

export interface TestApp {
  handler: Handler;
  calls: ReturnType<typeof fakeAdmin>['calls'];
  logs: { level: string; fields: Record<string, unknown> }[];
  sleeps: number[];
  /** Moves the injected clock forward. */
  advance(ms: number): void;
  now(): number;
}

export function testApp(
  script: AdminScript,
  env: Record<string, string> = {},
  deps: Partial<ProxyDeps> = {},
): TestApp {
  let now = NOW;
  const logs: TestApp['logs'] = [];
  const sleeps: number[] = [];
  const logger: Logger = {
    info: (fields) => logs.push({ level: 'info', fields }),
    warn: (fields) => logs.push({ level: 'warn', fields }),
    error: (fields) => logs.push({ level: 'error', fields }),
  };
  const admin = fakeAdmin(script);
  const config = loadProxyConfig({ ...TEST_ENV, ...env });
  const handler = createProxy(
    config,
    {},
    defaultProxyDeps({
      fetch: admin.fetch,
      clock: () => now,
      logger,
      // Sleeping moves the clock, so retry budgets are exercised without waiting.
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      timeoutSignal: () => new AbortController().signal,
      now: () => now,
      ...deps,
    }),
  );
  return {
    handler,
    calls: admin.calls,
    logs,
    sleeps,
    advance: (ms) => {
      now += ms;
    },
    now: () => now,
  };
}
