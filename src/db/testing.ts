// Test databases: PGlite always (one per test file, loaded from a cached migrated snapshot) and
// Postgres when TEST_DATABASE_URL is set (one schema per test file); emptied before each test.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { silentLogger } from '../core/ports.js';
import { type DatabaseHandle, openDatabase, wrapPGlite } from './index.js';
import { migrateToLatest } from './migrate.js';

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

/** A new in-memory PGlite holding the migrated, empty schema; the caller closes it. */
export async function freshPGlite(): Promise<PGlite> {
  return PGlite.create({ loadDataDir: await pgliteSnapshot() });
}

let snapshot: Promise<Blob> | undefined;

/**
 * The data directory of a freshly migrated PGlite, as a tarball. A new PGlite runs initdb (many
 * seconds on a busy machine), so the tarball is kept in the OS temp dir, named by a hash of the
 * PGlite version and the migrations' sources, and shared by every test file and run.
 */
export function pgliteSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const path = join(tmpdir(), `track-your-order-pglite-${snapshotKey()}.tar`);
    if (existsSync(path)) return new Blob([readFileSync(path)]);
    const pglite = await PGlite.create();
    const handle = wrapPGlite(pglite);
    await migrateToLatest(handle.db, silentLogger);
    const blob = await pglite.dumpDataDir('none');
    await handle.close();
    // Written aside then renamed, so a file running at the same time never reads half of it.
    const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
    renameSync(partial, path);
    return blob;
  })();
  return snapshot;
}

function snapshotKey(): string {
  const hash = createHash('sha256');
  const pglitePackage = new URL(
    '../../node_modules/@electric-sql/pglite/package.json',
    import.meta.url,
  );
  hash.update(readFileSync(pglitePackage));
  const dir = new URL('./migrations/', import.meta.url);
  for (const name of readdirSync(dir).sort())
    hash.update(name).update(readFileSync(new URL(name, dir)));
  return hash.digest('hex').slice(0, 16);
}

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
