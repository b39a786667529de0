// The watcher's rounds and jobs on pg-boss: every WATCHER_INTERVAL_S a round claims the due shipments and queues one poll job each.
//
// Why claims in the table and not only pg-boss singletons: a round's claim (`claimDue`, FOR UPDATE
// SKIP LOCKED, leased) is what makes two rounds of two processes at once never poll one shipment
// twice; the poll job runs only while its claim holds. A process killed mid-round or mid-job loses
// nothing: its job is retried by pg-boss, and once the lease ends any round claims the shipment anew.
import { randomUUID } from 'node:crypto';
import { ConfigError } from '../platform/config-error.js';
import type { JobQueue, JobRun } from '../platform/jobs.js';
import { type PollDeps, type PollJob, pollShipment } from './poll.js';
import { MAX_WATCH_AGE_MS } from './schedule.js';

export const WATCHER_POLL_QUEUE = 'watcher-poll';

export interface WatcherConfig {
  /** Seconds between rounds (`WATCHER_INTERVAL_S`, default 60). */
  intervalS: number;
  /** Shipments one round claims at most (`WATCHER_BATCH`, default 500). */
  batchSize: number;
  /** Seconds a claim holds (and a poll job may run) before another round may take the shipment. */
  leaseS: number;
  /** Carrier requests per carrier and shop per minute, across processes (default 60). */
  carrierRequestsPerMinute: number;
  /** One carrier request's limit (`CARRIER_TIMEOUT_MS`, default 2500). */
  carrierTimeoutMs: number;
  /** Poll jobs one process runs at once (default 4: they wait on carriers, not on the CPU). */
  concurrency: number;
}

export const WATCHER_DEFAULTS = {
  intervalS: 60,
  batchSize: 500,
  carrierRequestsPerMinute: 60,
  carrierTimeoutMs: 2500,
  concurrency: 4,
} as const;

type Env = Record<string, string | undefined>;

/**
 * Reads WATCHER_INTERVAL_S (1–86400), WATCHER_BATCH (1–10000), WATCHER_CARRIER_RPM (1–10000) and
 * CARRIER_TIMEOUT_MS. The lease is ten rounds, at least 20 s and at most 15 min: long enough for a
 * slow carrier and Shopify call, short enough that a killed worker's shipments return soon.
 * Throws ConfigError naming a malformed variable.
 */
export function watcherConfigFromEnv(env: Env): WatcherConfig {
  // Every malformed setting is named at once, each with its range.
  const bad: string[] = [];
  const ranges: string[] = [];
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const value = env[name]?.trim();
    if (!value) return fallback;
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max) {
      bad.push(name);
      ranges.push(`${name} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return number;
  };
  const intervalS = whole('WATCHER_INTERVAL_S', WATCHER_DEFAULTS.intervalS, 1, 86_400);
  const config: WatcherConfig = {
    intervalS,
    batchSize: whole('WATCHER_BATCH', WATCHER_DEFAULTS.batchSize, 1, 10_000),
    leaseS: Math.min(900, Math.max(20, intervalS * 10)),
    carrierRequestsPerMinute: whole(
      'WATCHER_CARRIER_RPM',
      WATCHER_DEFAULTS.carrierRequestsPerMinute,
      1,
      10_000,
    ),
    carrierTimeoutMs: whole('CARRIER_TIMEOUT_MS', WATCHER_DEFAULTS.carrierTimeoutMs, 1, 60_000),
    concurrency: WATCHER_DEFAULTS.concurrency,
  };
  if (bad.length) throw new ConfigError([], bad, ranges.join('; '));
  return config;
}

export type WatcherDeps = Omit<PollDeps, 'carrierTimeoutMs' | 'carrierRequestsPerMinute'> & {
  jobs: JobQueue;
};

/**
 * One round: claims the shipments due now under a new claim id and queues a poll job for each.
 * Returns how many were claimed.
 */
export async function runRound(deps: WatcherDeps, config: WatcherConfig): Promise<number> {
  const claimId = randomUUID();
  const claimed = await deps.watched.claimDue({
    now: deps.clock(),
    leaseMs: config.leaseS * 1000,
    limit: config.batchSize,
    maxAgeMs: MAX_WATCH_AGE_MS,
    claimId,
  });
  for (const shipment of claimed) {
    await deps.jobs.send<PollJob>(WATCHER_POLL_QUEUE, { ...shipment, claimId });
  }
  if (claimed.length > 0) deps.logger.info({ event: 'watcher_round', claimed: claimed.length });
  return claimed.length;
}

export interface RunningWatcher {
  /** Stops starting rounds (poll jobs stop with the job queue). */
  stop(): void;
}

/**
 * Starts the watcher in this process: the poll queue's worker and, unless `rounds` is false, a
 * round every `intervalS` (the first at once). Every process may run rounds: claims keep them apart.
 */
export async function startWatcher(
  deps: WatcherDeps,
  config: WatcherConfig,
  options: { rounds?: boolean } = {},
): Promise<RunningWatcher> {
  const pollDeps: PollDeps = {
    ...deps,
    carrierTimeoutMs: config.carrierTimeoutMs,
    carrierRequestsPerMinute: config.carrierRequestsPerMinute,
  };
  await deps.jobs.createQueue(WATCHER_POLL_QUEUE, {
    retryLimit: 2,
    retryDelaySeconds: 5,
    expireInSeconds: config.leaseS,
  });
  await deps.jobs.work<PollJob>(
    WATCHER_POLL_QUEUE,
    async (job: JobRun<PollJob>) => {
      try {
        const report = await pollShipment(pollDeps, job.data);
        deps.logger.info({
          event: 'watcher_poll',
          shop: job.data.shop,
          outcome: report.outcome,
          status: report.status,
          exception: report.exception,
          fired: report.fired.length > 0 ? report.fired : undefined,
          wroteBack: report.wroteBack.length > 0 ? report.wroteBack : undefined,
        });
      } catch (error) {
        deps.logger.error({
          event: 'watcher_poll_failed',
          shop: job.data.shop,
          attempt: job.retryCount + 1,
          name: error instanceof Error ? error.name : typeof error,
        });
        throw error;
      }
    },
    {
      pollingIntervalSeconds: Math.max(0.5, Math.min(2, config.intervalS / 2)),
      localConcurrency: config.concurrency,
    },
  );
  if (options.rounds === false) return { stop() {} };
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      await runRound(deps, config);
    } catch (error) {
      deps.logger.error({
        event: 'watcher_round_failed',
        name: error instanceof Error ? error.name : typeof error,
      });
    } finally {
      running = false;
    }
  };
  void round();
  const timer = setInterval(round, config.intervalS * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
