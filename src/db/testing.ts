// Test databases: PGlite always (one per test file, loaded from a cached migrated snapshot) and
// Postgres when TEST_DATABASE_URL is set (one schema per test file); emptied before each test.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { silentLogger } from '../core/ports.js';
import { type DatabaseHandle, openDatabase, wrapPGlite } from './index.js';
import { freshPGlite } from './snapshot.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** The kinds to run a suite against: PGlite always, Postgres when TEST_DATABASE_URL is set. */
export function databases(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A migrated database with every app table empty, for the current test. One per test file and
 * kind, emptied (TRUNCATE) on each call: far cheaper than a new PGlite per test (see the README's
 * figures). PGlite: in memory, loaded from `pgliteSnapshot()`. Postgres: this file's own schema
 * `t_<random>` on TEST_DATABASE_URL (pool of 2), dropped when the file ends. Its `close()` does
 * nothing: the file's database is closed after its last test.
 */
export async function testDatabase(kind: DatabaseKind = 'pglite'): Promise<DatabaseHandle> {
  const handle = await (kind === 'postgres' ? postgresForFile() : pgliteForFile());
  await emptyAppTables(handle);
  return { ...handle, close: async () => {} };
}

export { freshPGlite, pgliteSnapshot } from './snapshot.js';

/** A fresh schema name, unique enough for test files running at once on one server. */
export function randomSchemaName(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

let pglite: Promise<DatabaseHandle> | undefined;
let postgres: Promise<DatabaseHandle> | undefined;

function pgliteForFile(): Promise<DatabaseHandle> {
  pglite ??= freshPGlite().then((instance) => wrapPGlite(instance));
  return pglite;
}

function postgresForFile(): Promise<DatabaseHandle> {
  postgres ??= (async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const schema = randomSchemaName();
    const admin = await openDatabase(
      { databaseUrl: url, dataDir: '', poolMax: 1, migrate: false },
      silentLogger,
    );
    try {
      await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    } finally {
      await admin.close();
    }
    return openDatabase({ databaseUrl: url, dataDir: '', schema, poolMax: 2 }, silentLogger);
  })();
  return postgres;
}

async function emptyAppTables(handle: DatabaseHandle): Promise<void> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = ${handle.schema} and table_type = 'BASE TABLE'
      and table_name not like 'kysely\\_%'`.execute(handle.db);
  if (rows.length === 0) return;
  const tables = sql.join(rows.map((r) => sql.id(handle.schema, r.table_name)));
  await sql`truncate table ${tables} cascade`.execute(handle.db);
}

// Registered when a test file imports this module. The first run on a machine makes the snapshot
// (initdb), and loading it takes seconds on a busy machine: both before the first test, whose own
// timeout they could outlast.
beforeAll(async () => {
  await pgliteForFile();
}, 180_000);

// The file's databases go when it ends.
afterAll(async () => {
  if (pglite) await (await pglite).close();
  if (postgres) {
    const handle = await postgres;
    await sql`drop schema ${sql.id(handle.schema)} cascade`.execute(handle.db);
    await handle.close();
  }
});
