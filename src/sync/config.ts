// The order sync's settings from the environment: reconciliation interval, retention, backfill window.

import { DEFAULT_RETENTION_DAYS } from '../db/orders.js';
import { ConfigError } from '../platform/config-error.js';
import { DEFAULT_BACKFILL_DAYS } from '../shopify/bulk-orders-query.js';
import { DEFAULT_RECONCILE_INTERVAL_S } from './reconcile.js';

export interface SyncConfig {
  /** `RECONCILE_INTERVAL_S`: seconds between reconciliations of a shop (60–86,400; default 900). */
  reconcileIntervalS: number;
  /** `RETENTION_DAYS`: days an order is kept after delivery or cancellation (1–3,650; default 180). */
  retentionDays: number;
  /** `BACKFILL_DAYS`: days of orders backfilled without `read_all_orders` (1–60; default 60). */
  backfillDays: number;
}

function whole(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
  bad: string[],
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    bad.push(name);
    return fallback;
  }
  return value;
}

/** @throws ConfigError naming each malformed setting (never its value). */
export function loadSyncConfig(env: Record<string, string | undefined>): SyncConfig {
  const bad: string[] = [];
  const config = {
    reconcileIntervalS: whole(
      env,
      'RECONCILE_INTERVAL_S',
      DEFAULT_RECONCILE_INTERVAL_S,
      60,
      86_400,
      bad,
    ),
    retentionDays: whole(env, 'RETENTION_DAYS', DEFAULT_RETENTION_DAYS, 1, 3_650, bad),
    backfillDays: whole(env, 'BACKFILL_DAYS', DEFAULT_BACKFILL_DAYS, 1, DEFAULT_BACKFILL_DAYS, bad),
  };
  if (bad.length) throw new ConfigError([], bad, 'expected whole numbers in range');
  return config;
}
