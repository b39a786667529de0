import { describe, expect, it } from 'vitest';
import { ConfigError } from '../platform/config-error.js';
import { loadSyncConfig } from './config.js';

describe('loadSyncConfig', () => {
  it('defaults: reconcile every 900 s, keep 180 days, backfill 60 days', () => {
    expect(loadSyncConfig({})).toEqual({
      reconcileIntervalS: 900,
      retentionDays: 180,
      backfillDays: 60,
    });
  });

  it('reads whole numbers in range and names each bad setting without its value', () => {
    expect(
      loadSyncConfig({ RECONCILE_INTERVAL_S: '300', RETENTION_DAYS: '30', BACKFILL_DAYS: '7' }),
    ).toEqual({
      reconcileIntervalS: 300,
      retentionDays: 30,
      backfillDays: 7,
    });
    let caught: unknown;
    try {
      loadSyncConfig({ RECONCILE_INTERVAL_S: '5', RETENTION_DAYS: 'forever', BACKFILL_DAYS: '61' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).invalid).toEqual([
      'RECONCILE_INTERVAL_S',
      'RETENTION_DAYS',
      'BACKFILL_DAYS',
    ]);
    expect((caught as ConfigError).message).not.toContain('forever');
  });
});
