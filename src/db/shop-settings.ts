// The shop_settings table: each shop's watcher settings, its carriers' keys sealed as one value.
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../core/ports.js';
import type { Sealer } from '../platform/crypto.js';
import {
  applySettingsPatch,
  CarrierKeysSchema,
  EMPTY_SETTINGS,
  type SettingsPatch,
  type ShopSettings,
} from '../watcher/carrier-settings.js';
import type { Database } from './schema.js';

export interface ShopSettingsRepository {
  /**
   * The shop's settings with its keys opened; the defaults when it saved none. Throws SealError
   * when the keys were sealed with another key. A stored value that no longer fits the schema
   * reads as no keys (never a crash).
   */
  getShopSettings(shop: string): Promise<ShopSettings>;
  /**
   * Applies a validated patch (`parseSettingsPatch`) in one transaction, the row locked so two
   * saves at once both count, and returns the new settings. The shop's row must exist.
   */
  updateShopSettings(shop: string, patch: SettingsPatch): Promise<ShopSettings>;
}

export function createShopSettingsRepository(
  db: Kysely<Database>,
  sealer: Sealer,
  clock: Clock = systemClock,
): ShopSettingsRepository {
  type Row = {
    carrier_keys_sealed: string | null;
    write_back: boolean;
    stalled_after_days: number | null;
  };
  const fromRow = (row: Row | undefined): ShopSettings => {
    if (!row) return EMPTY_SETTINGS;
    let carriers = {};
    if (row.carrier_keys_sealed) {
      const parsed = CarrierKeysSchema.safeParse(safeJson(sealer.open(row.carrier_keys_sealed)));
      if (parsed.success) carriers = parsed.data;
    }
    return {
      carriers,
      writeBack: row.write_back,
      stalledAfterDays: row.stalled_after_days ?? undefined,
    };
  };
  const columns = ['carrier_keys_sealed', 'write_back', 'stalled_after_days'] as const;

  return {
    async getShopSettings(shop) {
      const row = await db
        .selectFrom('shop_settings')
        .select(columns)
        .where('shop', '=', shop)
        .executeTakeFirst();
      return fromRow(row);
    },

    updateShopSettings: (shop, patch) =>
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('shop_settings')
          .values({ shop })
          .onConflict((oc) => oc.column('shop').doNothing())
          .execute();
        const row = await trx
          .selectFrom('shop_settings')
          .select(columns)
          .where('shop', '=', shop)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const next = applySettingsPatch(fromRow(row), patch);
        const hasKeys = Object.keys(next.carriers).length > 0;
        await trx
          .updateTable('shop_settings')
          .set({
            carrier_keys_sealed: hasKeys ? sealer.seal(JSON.stringify(next.carriers)) : null,
            write_back: next.writeBack,
            stalled_after_days: next.stalledAfterDays ?? null,
            updated_at: new Date(clock()),
          })
          .where('shop', '=', shop)
          .execute();
        return next;
      }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
