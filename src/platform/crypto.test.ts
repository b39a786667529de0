import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { createSealer, KEY_FILE_NAME, loadEncryptionKey, SealError } from './crypto.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seal-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('sealing', () => {
  const sealer = createSealer(randomBytes(32));

  it('opens what it sealed, and the sealed text never holds the secret', () => {
    const secret = 'shpat_0123456789abcdef0123456789abcdef';
    const sealed = sealer.seal(secret);
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(sealed).not.toContain(secret);
    expect(Buffer.from(sealed.slice(3), 'base64').includes(Buffer.from(secret))).toBe(false);
    expect(sealer.open(sealed)).toBe(secret);
  });

  it('seals the same text differently each time (a fresh IV)', () => {
    expect(sealer.seal('same')).not.toBe(sealer.seal('same'));
  });

  it('refuses a sealed value with one byte changed', () => {
    const bytes = Buffer.from(sealer.seal('shpat_secret').slice(3), 'base64');
    for (const index of [0, 13, 30, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[index] = (altered[index] ?? 0) ^ 1;
      expect(() => sealer.open(`v1:${altered.toString('base64')}`)).toThrow(SealError);
    }
  });

  it('refuses a value sealed with another key, an unknown version and a truncated value', () => {
    const other = createSealer(randomBytes(32));
    const sealed = other.seal('shpat_secret');
    expect(() => sealer.open(sealed)).toThrow(SealError);
    expect(() => sealer.open(`v2:${sealed.slice(3)}`)).toThrow(SealError);
    expect(() => sealer.open('v1:AAAA')).toThrow(SealError);
  });

  it('needs a 32-byte key', () => {
    expect(() => createSealer(randomBytes(16))).toThrow(RangeError);
  });
});

describe('the encryption key', () => {
  it('is ENCRYPTION_KEY when set (base64 of 32 bytes)', () => {
    const key = randomBytes(32);
    const loaded = loadEncryptionKey({
      encryptionKey: key.toString('base64'),
      dataDir: tempDir(),
      production: true,
    });
    expect(loaded.equals(key)).toBe(true);
  });

  it('stops the start naming ENCRYPTION_KEY when it is malformed, never showing it', () => {
    for (const bad of [randomBytes(31).toString('base64'), 'not base64 at all!', 'AAAA']) {
      const attempt = () =>
        loadEncryptionKey({ encryptionKey: bad, dataDir: tempDir(), production: false });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/ENCRYPTION_KEY/);
      try {
        attempt();
      } catch (error) {
        expect((error as Error).message).not.toContain(bad);
      }
    }
  });

  it('is required in production', () => {
    const attempt = () =>
      loadEncryptionKey({ encryptionKey: '', dataDir: tempDir(), production: true });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/missing required settings: ENCRYPTION_KEY/);
  });

  it('is generated into DATA_DIR with mode 0600 when unset, and read back the next time', () => {
    const dataDir = join(tempDir(), 'nested');
    const first = loadEncryptionKey({ encryptionKey: undefined, dataDir, production: false });
    const path = join(dataDir, KEY_FILE_NAME);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64').equals(first)).toBe(true);
    const second = loadEncryptionKey({ encryptionKey: undefined, dataDir, production: false });
    expect(second.equals(first)).toBe(true);
  });

  it('stops the start when the key file in DATA_DIR is damaged, rather than making a new key', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, KEY_FILE_NAME), 'short\n');
    expect(() => loadEncryptionKey({ dataDir, production: false })).toThrow(/DATA_DIR/);
  });
});
