// Test helper: the app wired with fakes (Admin, clock, sleep, a logger keeping its lines) and the env a test needs.
import { vi } from 'vitest';
import { memoryLogger } from '../platform/logger.js';
import { type AppDeps, createApp } from '../server/app.js';
import { type AdminScript, fakeAdmin } from './fake-admin.js';
import { NOW, SECRET, SHOP, TOKEN } from './signed.js';

export const TEST_ENV = {
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_SHOP: SHOP,
  SHOPIFY_ADMIN_TOKEN: TOKEN,
};

export interface TestApp {
  handler: (request: Request) => Promise<Response>;
  app: ReturnType<typeof createApp>;
  calls: ReturnType<typeof fakeAdmin>['calls'];
  /** Every log line, parsed. */
  logs: Record<string, unknown>[];
  sleeps: number[];
  /** Moves the injected clock forward (and the faked Date the rate limiter reads, when faked). */
  advance(ms: number): void;
  now(): number;
}

export function testApp(
  script: AdminScript,
  env: Record<string, string> = {},
  deps: Partial<AppDeps> = {},
): TestApp {
  let now = NOW;
  if (vi.isFakeTimers()) vi.setSystemTime(now);
  const sleeps: number[] = [];
  const { logger, lines } = memoryLogger();
  const admin = fakeAdmin(script);
  const app = createApp(
    { ...TEST_ENV, ...env },
    {
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
    },
  );
  return {
    handler: app.fetch,
    app,
    calls: admin.calls,
    logs: lines,
    sleeps,
    advance: (ms) => {
      now += ms;
      if (vi.isFakeTimers()) vi.setSystemTime(now);
    },
    now: () => now,
  };
}
