import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/ports.js';
import { createSealer } from '../platform/crypto.js';
import { openDatabase, withFreshStatistics } from './index.js';
import { createOfflineSessionStore } from './sessions.js';
import { createShopsRepository } from './shops.js';
import { pgliteSnapshot, testDatabase } from './testing.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A DATA_DIR whose PGlite data directory starts as the migrated snapshot (initdb is slow). */
async function seededDataDir(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'data-dir-'));
  dirs.push(dataDir);
  const seed = await PGlite.create(join(dataDir, 'pglite'), {
    loadDataDir: await pgliteSnapshot(),
  });
  await seed.close();
  return dataDir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

// Each on-disk open starts a PGlite from its files: seconds on a busy machine.
describe('the embedded database in DATA_DIR', { timeout: 90_000 }, () => {
  it('keeps shops and sessions across a restart, never writing a token in clear', async () => {
    const dataDir = await seededDataDir();
    const sealer = createSealer(randomBytes(32));
    const accessToken = `shpat_${randomBytes(16).toString('hex')}`;
    const refreshToken = `shprt_${randomBytes(16).toString('hex')}`;

    const first = await openDatabase({ dataDir }, silentLogger);
    expect(first.kind).toBe('pglite');
    await createShopsRepository(first.db).markInstalled('a.myshopify.com', 'read_orders');
    await createOfflineSessionStore(first.db, sealer).store('a.myshopify.com', {
      accessToken,
      accessExpiresAt: new Date('2026-12-01T00:00:00.000Z'),
      refreshToken,
      refreshExpiresAt: null,
      scope: 'read_orders',
    });
    // Written through to the data files, as a crash would leave them.
    await sql`checkpoint`.execute(first.db);
    await first.close();

    const files = filesUnder(join(dataDir, 'pglite'));
    expect(files.length).toBeGreaterThan(100);
    const written = files.filter((file) => statSync(file).size > 0);
    // The shop's domain is in the files (the rows did reach them), the tokens are not.
    const holding = (needle: string) =>
      written.filter((file) => readFileSync(file).includes(Buffer.from(needle)));
    expect(holding('a.myshopify.com').length).toBeGreaterThan(0);
    expect(holding(accessToken)).toEqual([]);
    expect(holding(refreshToken)).toEqual([]);
    expect(holding('shpat_')).toEqual([]);

    const second = await openDatabase({ dataDir }, silentLogger);
    try {
      expect(await createShopsRepository(second.db).get('a.myshopify.com')).toMatchObject({
        state: 'installed',
      });
      expect(
        await createOfflineSessionStore(second.db, sealer).load('a.myshopify.com'),
      ).toMatchObject({ accessToken, refreshToken });
    } finally {
      await second.close();
    }
  });

  it('refuses a second opener of the same DATA_DIR, naming DATABASE_URL, until the first closes', async () => {
    const dataDir = await seededDataDir();
    const first = await openDatabase({ dataDir }, silentLogger);
    // The lock holder is this live process, as a second `npm start` would find it.
    await expect(openDatabase({ dataDir }, silentLogger)).rejects.toThrow(/DATABASE_URL/);
    await first.ping();
    await first.close();
    const after = await openDatabase({ dataDir }, silentLogger);
    await after.ping();
    await after.close();
  });
});

describe('the embedded database without autovacuum', () => {
  it('analyses a table once it has grown, so the planner knows its rows', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = {
      info: (l: Record<string, unknown>) => lines.push(l),
      warn: (l: Record<string, unknown>) => lines.push(l),
      error: () => {},
    };
    const handle = withFreshStatistics(await testDatabase('pglite'), logger, 20);
    const statistics = async () =>
      (
        await sql<{
          reltuples: number;
        }>`select reltuples from pg_class where relname = 'lookup_stats'`.execute(handle.db)
      ).rows[0]?.reltuples;
    await sql`insert into lookup_stats (shop, day, found, not_found)
      select 'a.myshopify.com', date '2026-01-01' + g, g, 0 from generate_series(1, 3000) g`.execute(
      handle.db,
    );
    for (let i = 0; i < 250 && ((await statistics()) ?? 0) <= 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await handle.close();
    expect(await statistics()).toBe(3000);
    expect(lines).toContainEqual({ event: 'statistics_refreshed', tables: ['lookup_stats'] });
  });
});
