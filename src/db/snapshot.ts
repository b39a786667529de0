// A migrated, empty PGlite data directory kept as a tarball in the OS temp dir: new in-memory
// databases load it instead of running initdb (tens of seconds on a busy machine). Tests and the demo.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { silentLogger } from '../core/ports.js';
import { wrapPGlite } from './index.js';
import { migrateToLatest } from './migrate.js';

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
