// The overview's per-shop settings (table overview_settings): the stalled thresholds for now.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  DEFAULT_STALLED_AFTER_DAYS,
  STALLED_DAYS_MAX,
  STALLED_DAYS_MIN,
  type StalledThresholds,
} from '../core/stalled.js';
import type { Database } from '../db/schema.js';

const days = z.number().int().min(STALLED_DAYS_MIN).max(STALLED_DAYS_MAX);

/** Body of `PUT /api/settings` and answer of `GET /api/settings`. */
export const OverviewSettingsSchema = z
  .object({
    stalledAfterDays: z.object({ express: days, postal: days, other: days }).strict(),
  })
  .strict();
export type OverviewSettings = z.infer<typeof OverviewSettingsSchema>;

export interface OverviewSettingsStore {
  /** The shop's thresholds in days; DEFAULT_STALLED_AFTER_DAYS until the shop saved its own. */
  stalledThresholds(shop: string): Promise<StalledThresholds>;
  /** Saves the thresholds (whole days, already validated). The shop's row must exist in `shops`. */
  put(shop: string, thresholds: StalledThresholds): Promise<void>;
}

export function createOverviewSettings(db: Kysely<Database>): OverviewSettingsStore {
  return {
    async stalledThresholds(shop) {
      const row = await db
        .selectFrom('overview_settings')
        .select(['stalled_express_days', 'stalled_postal_days', 'stalled_other_days'])
        .where('shop', '=', shop)
        .executeTakeFirst();
      if (!row) return { ...DEFAULT_STALLED_AFTER_DAYS };
      return {
        express: row.stalled_express_days,
        postal: row.stalled_postal_days,
        other: row.stalled_other_days,
      };
    },
    async put(shop, t) {
      const values = {
        stalled_express_days: t.express,
        stalled_postal_days: t.postal,
        stalled_other_days: t.other,
      };
      await db
        .insertInto('overview_settings')
        .values({ shop, ...values })
        .onConflict((oc) => oc.column('shop').doUpdateSet({ ...values, updated_at: new Date() }))
        .execute();
    },
  };
}
