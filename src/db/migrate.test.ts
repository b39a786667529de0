import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../core/ports.js';
import { DatabaseUnavailableError, openDatabase } from './index.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';
import { databases, randomSchemaName, testDatabase } from './testing.js';

async function tableNames(handle: Awaited<ReturnType<typeof testDatabase>>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = ${handle.schema} order by table_name`.execute(handle.db);
  return rows.map((r) => r.table_name);
}

describe.each(databases())('migrations on %s', (kind) => {
  it('creates the tables, and running them again changes nothing', async () => {
    const handle = await testDatabase(kind);
    const before = await tableNames(handle);
    expect(before).toEqual(
      expect.arrayContaining(['offline_sessions', 'shop_secrets', 'shops', 'webhook_events']),
    );
    expect(await migrateToLatest(handle.db, silentLogger, handle.schema)).toEqual([]);
    expect(await tableNames(handle)).toEqual(before);
    const { rows } = await sql<{ name: string }>`
      select name from ${sql.id(handle.schema, 'kysely_migration')} order by name`.execute(
      handle.db,
    );
    expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations));
  });
});

const url = process.env.TEST_DATABASE_URL;
describe.runIf(url)('migrations on postgres, two processes at once', () => {
  it('apply once when two migrators start together on an empty schema', async () => {
    const schema = randomSchemaName('m');
    const base = { databaseUrl: url, dataDir: '', schema, poolMax: 2, migrate: false };
    const [a, b] = await Promise.all([
      openDatabase(base, silentLogger),
      openDatabase(base, silentLogger),
    ]);
    try {
      await sql`create schema ${sql.id(schema)}`.execute(a.db);
      const [ranA, ranB] = await Promise.all([
        migrateToLatest(a.db, silentLogger, schema),
        migrateToLatest(b.db, silentLogger, schema),
      ]);
      // Exactly one of them ran every migration; the other found nothing pending.
      expect([ranA, ranB].sort((x, y) => x.length - y.length)).toEqual([
        [],
        Object.keys(migrations),
      ]);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.id(schema, 'kysely_migration')}`.execute(a.db);
      expect(rows[0]?.n).toBe(Object.keys(migrations).length);
    } finally {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(a.db);
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('opening Postgres', () => {
  it('names DATABASE_URL, not its password, when the server does not answer', async () => {
    const attempt = openDatabase(
      { databaseUrl: 'postgres://app:hunter2secret@127.0.0.1:1/app', dataDir: '', poolMax: 1 },
      silentLogger,
    );
    await expect(attempt).rejects.toThrow(DatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(/DATABASE_URL/);
    await attempt.catch((error: Error) => expect(error.message).not.toContain('hunter2secret'));
  });
});
