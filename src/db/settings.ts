// Reads the storage settings from the environment: DATABASE_URL, DATA_DIR, ENCRYPTION_KEY, NODE_ENV.
import { ConfigError } from '../platform/config-error.js';

export interface StorageSettings {
  /** Postgres URL; undefined means the embedded database under `dataDir`. */
  databaseUrl: string | undefined;
  /** Default `./data`. Holds the embedded database, its lock, and a generated encryption key. */
  dataDir: string;
  /** Base64 of 32 bytes, or undefined (then generated into `dataDir`, except in production). */
  encryptionKey: string | undefined;
  production: boolean;
}

/**
 * The storage settings; an empty variable counts as unset. Throws ConfigError naming
 * DATABASE_URL when it is not a postgres:// or postgresql:// URL (its value is never shown).
 * ENCRYPTION_KEY is checked where it is used (`loadEncryptionKey`).
 */
export function readStorageSettings(env: Record<string, string | undefined>): StorageSettings {
  const value = (name: string) => {
    const text = env[name]?.trim();
    return text ? text : undefined;
  };
  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl))
    throw new ConfigError(
      [],
      ['DATABASE_URL'],
      'DATABASE_URL must be a postgres:// or postgresql:// URL; leave it unset for the embedded database',
    );
  return {
    databaseUrl,
    dataDir: value('DATA_DIR') ?? './data',
    encryptionKey: value('ENCRYPTION_KEY'),
    production: env.NODE_ENV === 'production',
  };
}

function isPostgresUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}
