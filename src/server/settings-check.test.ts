import { describe, expect, it } from 'vitest';
import { ConfigError } from '../platform/config-error.js';
import { checkSettings } from './settings-check.js';

const GOOD = {
  SHOPIFY_SHOP: 'demo.myshopify.com',
  SHOPIFY_ADMIN_TOKEN: 'shpat_secret_value',
  SHOPIFY_API_SECRET: 'api-secret-value',
};

function refusal(env: Record<string, string>): ConfigError {
  try {
    checkSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the settings were taken');
}

describe('checkSettings', () => {
  it('takes good settings, blanks counting as unset', () => {
    expect(() => checkSettings({ ...GOOD, REDIS_URL: '', WATCHER_INTERVAL_S: ' ' })).not.toThrow();
    expect(() =>
      checkSettings({
        ...GOOD,
        DATABASE_URL: 'postgresql://u@h/db',
        REDIS_URL: 'redis://127.0.0.1:6379',
        WATCHER_INTERVAL_S: '2',
        RECONCILE_INTERVAL_S: '900',
      }),
    ).not.toThrow();
  });

  it('names every malformed setting of every part in one refusal, with reasons and without values', () => {
    const error = refusal({
      ...GOOD,
      RECONCILE_INTERVAL_S: 'abc',
      BACKFILL_DAYS: '0',
      WATCHER_INTERVAL_S: '0',
      WATCHER_BATCH: '0',
      WATCHER_CARRIER_RPM: 'x',
      WATCHER_IN_SERVER: 'maybe',
      REDIS_URL: 'http://cache.internal',
      DATABASE_URL: 'mysql://db.internal/app',
      BRING_API_UID: 'uid-only',
      PORT: 'abc',
    });
    expect(new Set(error.invalid)).toEqual(
      new Set([
        'RECONCILE_INTERVAL_S',
        'BACKFILL_DAYS',
        'WATCHER_INTERVAL_S',
        'WATCHER_BATCH',
        'WATCHER_CARRIER_RPM',
        'WATCHER_IN_SERVER',
        'REDIS_URL',
        'DATABASE_URL',
        'BRING_API_KEY',
        'PORT',
      ]),
    );
    expect(error.message).toContain('WATCHER_BATCH must be a whole number from 1 to 10000');
    expect(error.message).toContain('REDIS_URL must be a redis:// or rediss:// URL');
    for (const value of ['cache.internal', 'db.internal', 'uid-only', 'shpat_secret_value']) {
      expect(error.message).not.toContain(value);
    }
  });

  it('names missing required settings beside malformed ones', () => {
    const error = refusal({ WATCHER_BATCH: '-1' });
    expect(error.missing).toContain('SHOPIFY_API_SECRET');
    expect(error.invalid).toEqual(['WATCHER_BATCH']);
  });
});
