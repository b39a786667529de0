// Background jobs on pg-boss, in the app's own database: PGlite through pg-boss's adapter, Postgres natively.
import { fromPglite, PgBoss } from 'pg-boss';
import type { Logger } from '../core/ports.js';
import type { DatabaseHandle } from '../db/index.js';

/** How a queue retries and expires its jobs (pg-boss queue options, in seconds). */
export interface QueueSettings {
  /** Attempts after the first failure. Default 2. */
  retryLimit?: number;
  /** Seconds before a retry. Default 0 (pg-boss's default). */
  retryDelaySeconds?: number;
  /** Double the delay on each retry. */
  retryBackoff?: boolean;
  /** A job running longer than this counts as failed. Default 15 minutes. */
  expireInSeconds?: number;
  /**
   * pg-boss queue policy. `exclusive`: at most one job per `singletonKey` queued, retrying or
   * running at a time (a second `send` with that key answers null). `stately`: at most one queued
   * and one active job per singletonKey, so a job may queue its own follow-up while running, and a
   * second start-up does not add another. Default `standard`.
   */
  policy?: 'standard' | 'exclusive' | 'stately';
  /**
   * Seconds a finished (completed or failed) job is kept before pg-boss's maintenance deletes it.
   * Default 7 days (pg-boss's). Queues whose data holds personal data (webhook payloads) keep it
   * short; an existing queue is updated to it at start.
   */
  deleteAfterSeconds?: number;
}

export interface SendOptions {
  /** Only one queued job per key at a time (pg-boss `singletonKey`), e.g. one backfill per shop. */
  singletonKey?: string;
  /** Start no earlier than this many seconds from now. */
  startAfterSeconds?: number;
  retryLimit?: number;
}

/** A job as a handler sees it: its data, and how many attempts came before this one. */
export interface JobRun<T> {
  id: string;
  queue: string;
  data: T;
  retryCount: number;
}

export interface JobQueue {
  /** Installs or upgrades pg-boss's tables (in its own schema) and starts maintenance. */
  start(): Promise<void>;
  /**
   * Stops workers, waiting up to `timeoutMs` for running jobs; closes pg-boss's own pool (Postgres).
   * Call it before closing the database: on PGlite pg-boss shares the app's instance.
   */
  stop(timeoutMs?: number): Promise<void>;
  /** Creates the queue unless it exists (safe to call at every start, from every process). */
  createQueue(queue: string, settings?: QueueSettings): Promise<void>;
  /** Deletes a job now, whatever its state (a processed job whose data should not outlive it). */
  deleteJob(queue: string, id: string): Promise<void>;
  /** Queues a job (creating the queue with defaults if needed); its id, or null when a singleton already waits. */
  send<T extends object>(queue: string, data: T, options?: SendOptions): Promise<string | null>;
  /**
   * Runs `handler` for each job of the queue. A handler that throws fails that attempt; pg-boss
   * retries it per the queue's settings. Returns the worker id.
   */
  work<T extends object>(
    queue: string,
    handler: (job: JobRun<T>) => Promise<void>,
    options?: { pollingIntervalSeconds?: number; localConcurrency?: number },
  ): Promise<string>;
}

export interface JobQueueOptions {
  /** The schema pg-boss keeps its tables in. Default `pgboss`. */
  schema?: string;
  /** Postgres only: connections in pg-boss's own pool. Default 4. */
  poolMax?: number;
}

/**
 * A JobQueue in the database `database` opened. PGlite: pg-boss's PGlite adapter runs its
 * multi-statement SQL with `exec` and returns every statement's rows, and LISTEN/NOTIFY works in
 * process. Postgres: pg-boss's own pool on the same URL. pg-boss's errors are logged (message
 * only), never thrown at the process.
 */
export function createJobQueue(
  database: DatabaseHandle,
  logger: Logger,
  options: JobQueueOptions = {},
): JobQueue {
  const schema = options.schema ?? 'pgboss';
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', schema })
    : new PgBoss({
        connectionString: requireUrl(database),
        schema,
        max: options.poolMax ?? 4,
        application_name: 'track-your-order-jobs',
      });
  boss.on('error', (error: Error) =>
    logger.error({ msg: 'job queue error', error: error.message }),
  );

  const created = new Map<string, Promise<void>>();
  const createQueue = (queue: string, settings: QueueSettings = {}) => {
    let pending = created.get(queue);
    if (!pending) {
      pending = (async () => {
        const deletion =
          settings.deleteAfterSeconds === undefined
            ? {}
            : { deleteAfterSeconds: settings.deleteAfterSeconds };
        if (await boss.getQueue(queue)) {
          // Made by an older version or another process: a shorter keep still applies.
          if (settings.deleteAfterSeconds !== undefined) await boss.updateQueue(queue, deletion);
          return;
        }
        await boss.createQueue(queue, {
          retryLimit: settings.retryLimit ?? 2,
          retryDelay: settings.retryDelaySeconds ?? 0,
          retryBackoff: settings.retryBackoff ?? false,
          expireInSeconds: settings.expireInSeconds ?? 15 * 60,
          ...(settings.policy ? { policy: settings.policy } : {}),
          ...deletion,
        });
      })();
      pending.catch(() => created.delete(queue));
      created.set(queue, pending);
    }
    return pending;
  };

  return {
    async start() {
      await boss.start();
    },
    async stop(timeoutMs = 10_000) {
      await boss.stop({ graceful: true, timeout: timeoutMs });
    },
    createQueue,
    async deleteJob(queue, id) {
      await boss.deleteJob(queue, id);
    },
    async send(queue, data, sendOptions = {}) {
      await createQueue(queue);
      return boss.send(queue, data, {
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.startAfterSeconds !== undefined
          ? { startAfter: sendOptions.startAfterSeconds }
          : {}),
        ...(sendOptions.retryLimit !== undefined ? { retryLimit: sendOptions.retryLimit } : {}),
      });
    },
    async work(queue, handler, workOptions = {}) {
      await createQueue(queue);
      return boss.work<object>(
        queue,
        {
          batchSize: 1,
          ...(workOptions.pollingIntervalSeconds !== undefined
            ? { pollingIntervalSeconds: workOptions.pollingIntervalSeconds }
            : {}),
          ...(workOptions.localConcurrency !== undefined
            ? { localConcurrency: workOptions.localConcurrency }
            : {}),
        },
        async (jobs) => {
          for (const job of jobs) {
            await handler({
              id: job.id,
              queue: job.name,
              data: job.data as Parameters<typeof handler>[0]['data'],
              retryCount: job.retryCount,
            });
          }
        },
      );
    },
  };
}

function requireUrl(database: DatabaseHandle): string {
  if (!database.connectionString) throw new Error('A Postgres database handle has no URL');
  return database.connectionString;
}
