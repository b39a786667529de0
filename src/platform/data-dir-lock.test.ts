import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { LOCK_FILE_NAME, lockDataDir } from './data-dir-lock.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the DATA_DIR lock', () => {
  it('writes the pid, refuses a second live process naming DATABASE_URL, and frees on release', () => {
    const dir = tempDir();
    const alive = new Set([100, 200]);
    const lock = lockDataDir(dir, 100, (pid) => alive.has(pid));
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe('100');
    const second = () => lockDataDir(dir, 200, (pid) => alive.has(pid));
    expect(second).toThrow(ConfigError);
    expect(second).toThrow(/DATABASE_URL/);
    expect(second).toThrow(/process 100/);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    const again = lockDataDir(dir, 200, (pid) => alive.has(pid));
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe('200');
    again.release();
  });

  it('takes over a lock left by a process that died', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE_NAME), '4242\n');
    const lock = lockDataDir(dir, 300, (pid) => pid === 300);
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe('300');
    lock.release();
  });

  it('refuses when the real holder is this very test process (a live pid) and another pid asks', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir, process.pid + 1_000_000)).toThrow(/DATABASE_URL/);
    lock.release();
  });

  it('does not remove a lock another process has taken since', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir, 100, () => false);
    writeFileSync(join(dir, LOCK_FILE_NAME), '500\n');
    lock.release();
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe('500');
  });
});

describe('the DATA_DIR lock within one process', () => {
  it('refuses a second lock while held, and takes over a file with our pid that it does not hold', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(/DATABASE_URL/);
    lock.release();
    // As after a restart in a container where every run is the same pid.
    writeFileSync(join(dir, LOCK_FILE_NAME), `${process.pid}\n`);
    const again = lockDataDir(dir);
    again.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });
});
