// Seals secrets at rest (access and refresh tokens, carrier keys) with AES-256-GCM, and finds the key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config-error.js';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// The prefix names the format, so a later key rotation or algorithm can be told apart row by row.
const VERSION = 'v1:';
export const KEY_FILE_NAME = 'encryption.key';

/** Raised when a sealed value is malformed, was altered, or was sealed with another key. */
export class SealError extends Error {
  override readonly name = 'SealError';
}

/** Seals and opens short secrets. `open(seal(x)) === x`; a sealed value never contains `x`. */
export interface Sealer {
  /** UTF-8 text → `v1:` + base64(12-byte IV | 16-byte GCM tag | ciphertext); a fresh IV each call. */
  seal(plain: string): string;
  /** The inverse of `seal`; throws SealError on tampering, a wrong key or an unknown format. */
  open(sealed: string): string;
}

/** A Sealer over a 32-byte key (throws RangeError for any other length). */
export function createSealer(key: Uint8Array): Sealer {
  if (key.length !== KEY_BYTES) throw new RangeError(`AES-256 needs a ${KEY_BYTES}-byte key`);
  const keyCopy = Buffer.from(key);
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keyCopy, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(VERSION)) throw new SealError('Sealed value has an unknown format');
      const bytes = Buffer.from(sealed.slice(VERSION.length), 'base64');
      if (bytes.length < IV_BYTES + TAG_BYTES) throw new SealError('Sealed value is truncated');
      const decipher = createDecipheriv('aes-256-gcm', keyCopy, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        const body = bytes.subarray(IV_BYTES + TAG_BYTES);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw new SealError('Sealed value was altered or sealed with another key', { cause });
      }
    },
  };
}

export interface EncryptionKeySettings {
  /** `ENCRYPTION_KEY`: base64 of exactly 32 bytes; empty counts as unset. */
  encryptionKey?: string | undefined;
  /** `DATA_DIR`: where a generated key is kept when `encryptionKey` is unset. */
  dataDir: string;
  /** `NODE_ENV === 'production'` makes `encryptionKey` required. */
  production: boolean;
}

/**
 * The 32-byte sealing key: `ENCRYPTION_KEY` when set; otherwise `{dataDir}/encryption.key`,
 * generated (32 random bytes, base64, file mode 0600) the first time and read back afterwards.
 * Throws ConfigError naming `ENCRYPTION_KEY` when it is malformed, or missing in production, and
 * naming `DATA_DIR` when the key file there is malformed.
 */
export function loadEncryptionKey(settings: EncryptionKeySettings): Buffer {
  const configured = settings.encryptionKey?.trim();
  if (configured) {
    const key = decodeKey(configured);
    if (!key)
      throw new ConfigError(
        [],
        ['ENCRYPTION_KEY'],
        `ENCRYPTION_KEY must be the base64 of exactly ${KEY_BYTES} bytes (e.g. openssl rand -base64 32)`,
      );
    return key;
  }
  if (settings.production)
    throw new ConfigError(
      ['ENCRYPTION_KEY'],
      [],
      'NODE_ENV=production needs ENCRYPTION_KEY; a generated key file is for local use only',
    );
  const path = join(settings.dataDir, KEY_FILE_NAME);
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== undefined) {
    const key = decodeKey(text.trim());
    if (!key)
      throw new ConfigError(
        [],
        ['DATA_DIR'],
        `${KEY_FILE_NAME} in DATA_DIR is not the base64 of ${KEY_BYTES} bytes; restore it or set ENCRYPTION_KEY`,
      );
    return key;
  }
  mkdirSync(settings.dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  try {
    // `wx` never overwrites a key another process wrote meanwhile; that one is read back instead.
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadEncryptionKey(settings);
    throw error;
  }
  // The mode given on creation is narrowed by the umask only; chmod makes it exactly 0600.
  chmodSync(path, 0o600);
  return key;
}

function decodeKey(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const key = Buffer.from(text, 'base64');
  return key.length === KEY_BYTES ? key : undefined;
}
