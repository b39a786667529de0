// Keeps a second process off an embedded database's data directory (PGlite is one process only).
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config-error.js';

export const LOCK_FILE_NAME = 'app.lock';

// Locks this process holds. A lock file naming our own pid that is not in here was left by an
// earlier process that had the same pid (containers often start every run as pid 1): stale.
const held = new Set<string>();

/** A held lock; `release()` removes the lock file if it is still this process's. Idempotent. */
export interface DataDirLock {
  release(): void;
}

/**
 * Takes `{dataDir}/app.lock` for process `pid`: creates it holding the pid, or takes it over when
 * the pid written there is no longer alive. This process opening the same DATA_DIR twice is refused
 * too (two PGlite instances on one directory would corrupt it). Throws ConfigError naming `DATA_DIR` and
 * `DATABASE_URL` when a live process holds it. `isAlive` is injected so tests can play the
 * other process.
 */
export function lockDataDir(
  dataDir: string,
  pid: number = process.pid,
  isAlive: (pid: number) => boolean = processIsAlive,
): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, `${pid}\n`, { flag: 'wx', mode: 0o600 });
      held.add(path);
      return {
        release: () => {
          if (held.delete(path)) releaseIfOwn(path, pid);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    const ours = holder === pid && held.has(path);
    if (ours || (holder !== undefined && holder !== pid && isAlive(holder)))
      throw new ConfigError(
        [],
        ['DATA_DIR'],
        `the embedded database in DATA_DIR is in use by process ${holder}; the embedded database serves one process only, so stop that process or set DATABASE_URL to a PostgreSQL server that every process shares`,
      );
    // A stale lock (its process died without releasing it), or our own from before: take it over.
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new ConfigError(
    [],
    ['DATA_DIR'],
    `could not take the lock file ${LOCK_FILE_NAME} in DATA_DIR`,
  );
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function releaseIfOwn(path: string, pid: number): void {
  if (readHolder(path) !== pid) return;
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to release.
  }
}

/** Signal 0 checks existence only; EPERM means the process exists but belongs to another user. */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
