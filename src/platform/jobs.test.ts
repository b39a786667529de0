import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../core/ports.js';
import type { DatabaseHandle } from '../db/index.js';
import { databases, randomSchemaName, testDatabase } from '../db/testing.js';
import { createJobQueue, type JobQueue, type JobRun } from './jobs.js';

function recordingLogger(): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const push = (fields: Record<string, unknown>) => void lines.push(fields);
  return { lines, info: push, warn: push, error: push };
}

/** Resolves with the first `count` values `next` is called with. */
function collector<T>(count: number) {
  const seen: T[] = [];
  let done: (values: T[]) => void = () => {};
  const all = new Promise<T[]>((resolve) => {
    done = resolve;
  });
  return {
    all,
    next(value: T) {
      seen.push(value);
      if (seen.length === count) done(seen);
    },
  };
}

describe.each(databases())('jobs on %s', { timeout: 90_000 }, (kind) => {
  async function withQueue(run: (jobs: JobQueue, handle: DatabaseHandle) => Promise<void>) {
    const handle = await testDatabase(kind);
    const schema = randomSchemaName('jobs');
    const logger = recordingLogger();
    const jobs = createJobQueue(handle, logger, { schema, poolMax: 2 });
    await jobs.start();
    try {
      await run(jobs, handle);
    } finally {
      await jobs.stop(2_000);
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
    }
    expect(logger.lines.filter((line) => line.msg === 'job queue error')).toEqual([]);
  }

  it('delivers a sent job to the worker, with its data', async () => {
    await withQueue(async (jobs) => {
      await jobs.createQueue('webhook');
      await jobs.createQueue('webhook'); // again, as every start does
      const received = collector<JobRun<{ shop: string }>>(1);
      await jobs.work<{ shop: string }>('webhook', async (job) => received.next(job), {
        pollingIntervalSeconds: 0.5,
      });
      const id = await jobs.send('webhook', { shop: 'a.myshopify.com' });
      const [job] = await received.all;
      expect(job).toMatchObject({ id, queue: 'webhook', data: { shop: 'a.myshopify.com' } });
      expect(job?.retryCount).toBe(0);
    });
  });

  it('retries a job whose handler throws', async () => {
    await withQueue(async (jobs) => {
      await jobs.createQueue('flaky', { retryLimit: 2, retryDelaySeconds: 0 });
      const attempts = collector<number>(2);
      await jobs.work<{ n: number }>(
        'flaky',
        async (job) => {
          attempts.next(job.retryCount);
          if (job.retryCount === 0) throw new Error('first attempt fails');
        },
        { pollingIntervalSeconds: 0.5 },
      );
      await jobs.send('flaky', { n: 1 });
      expect(await attempts.all).toEqual([0, 1]);
    });
  });
});
