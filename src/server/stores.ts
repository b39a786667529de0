// What the server opens before it serves: the database (migrated), its repositories, the sealer and the job queue.

import type { Clock, Logger } from '../core/ports.js';
import { type DatabaseHandle, openDatabase } from '../db/index.js';
import { createRepositories } from '../db/repositories.js';
import { createSealer, loadEncryptionKey } from '../platform/crypto.js';
import { createJobQueue, type JobQueue } from '../platform/jobs.js';
import { createInProcessInvalidationBus, type InvalidationBus } from '../sync/invalidation.js';
import type { AppStores } from './app.js';
import { type Env, withoutBlanks } from './config.js';

export interface OpenStores {
  stores: AppStores & { jobs: JobQueue; invalidations: InvalidationBus };
  database: DatabaseHandle;
  /** Stops the job queue first (on PGlite it shares the database), then closes the database. */
  close(): Promise<void>;
}

/**
 * Reads DATABASE_URL (unset = embedded PGlite), DATA_DIR (default `./data`), ENCRYPTION_KEY and
 * NODE_ENV; opens and migrates the database, then starts pg-boss in it. Throws ConfigError for a
 * bad or missing key, or when another process holds DATA_DIR (naming DATABASE_URL), and
 * DatabaseUnavailableError when Postgres does not answer.
 */
export async function openStores(raw: Env, logger: Logger, clock: Clock): Promise<OpenStores> {
  const env = withoutBlanks(raw);
  const dataDir = env.DATA_DIR ?? './data';
  // The key first: a bad key must stop the start before the database is touched.
  const key = loadEncryptionKey({
    encryptionKey: env.ENCRYPTION_KEY,
    dataDir,
    production: env.NODE_ENV === 'production',
  });
  const sealer = createSealer(key);
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir }, logger);
  const jobs = createJobQueue(database, logger);
  try {
    await jobs.start();
  } catch (error) {
    await database.close();
    throw error;
  }
  let closed: Promise<void> | undefined;
  // Every order-store write is announced here; the app's lookup cache listens (src/sync/invalidation.ts).
  const invalidations = createInProcessInvalidationBus();
  return {
    database,
    stores: {
      db: database.db,
      repos: createRepositories(database.db, sealer, clock, { invalidations }),
      invalidations,
      sealer,
      jobs,
      ping: database.ping,
    },
    close: () => {
      closed ??= (async () => {
        try {
          await jobs.stop();
        } finally {
          await database.close();
        }
      })();
      return closed;
    },
  };
}
