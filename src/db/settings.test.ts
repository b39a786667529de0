import { describe, expect, it } from 'vitest';
import { readStorageSettings } from './settings.js';

describe('storage settings', () => {
  it('defaults to the embedded database in ./data, empty variables counting as unset', () => {
    expect(
      readStorageSettings({ DATABASE_URL: '', DATA_DIR: ' ', ENCRYPTION_KEY: '', NODE_ENV: '' }),
    ).toEqual({
      databaseUrl: undefined,
      dataDir: './data',
      encryptionKey: undefined,
      production: false,
    });
  });

  it('reads every setting', () => {
    expect(
      readStorageSettings({
        DATABASE_URL: 'postgresql://app:pw@db.internal:5432/app',
        DATA_DIR: '/var/lib/app',
        ENCRYPTION_KEY: 'a2V5',
        NODE_ENV: 'production',
      }),
    ).toEqual({
      databaseUrl: 'postgresql://app:pw@db.internal:5432/app',
      dataDir: '/var/lib/app',
      encryptionKey: 'a2V5',
      production: true,
    });
  });

  it('refuses a DATABASE_URL that is not a Postgres URL, without showing it', () => {
    for (const bad of ['mysql://u:secretpw@h/db', 'not a url secretpw', 'postgres://']) {
      const attempt = () => readStorageSettings({ DATABASE_URL: bad });
      expect(attempt).toThrow(/DATABASE_URL/);
      try {
        attempt();
      } catch (error) {
        expect((error as Error).message).not.toContain('secretpw');
      }
    }
  });
});
