// Brings the schema up to date at start; safe when several processes start together.
import type { Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { Logger } from '../core/ports.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

/**
 * Runs every pending migration of `src/db/migrations/` in order, each in a transaction; returns the
 * names it ran (empty when already current). Concurrent callers on one Postgres database are
 * serialised by Kysely's migrator: it holds a session advisory lock (`pg_advisory_lock`) on one
 * connection while it reads what ran and applies the rest, so the second caller finds nothing
 * pending. `schema` is where Kysely keeps its bookkeeping tables (the search path's first schema).
 * Throws the failing migration's error (and logs its name) after rolling it back.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  logger: Logger,
  schema = 'public',
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Scoped to the schema so another schema's bookkeeping (tests run one per file) is never read.
    migrationTableSchema: schema,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error !== undefined) {
    logger.error({ msg: 'database migration failed', migration: failed?.migrationName });
    throw error instanceof Error ? error : new Error(`Migration failed: ${String(error)}`);
  }
  const ran = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (ran.length > 0) logger.info({ msg: 'database migrated', migrations: ran });
  return ran;
}
