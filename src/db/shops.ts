// The shops table: which shops installed the app, with what scopes, in which time zone; and erasure.
import type { Kysely, Updateable } from 'kysely';
import { type Clock, systemClock } from '../core/ports.js';
import type { Database, ShopsTable } from './schema.js';

export interface Shop {
  domain: string;
  /** Open text; `installed` and `uninstalled` are what this code writes. */
  state: string;
  scopes: string;
  ianaTimeZone: string | null;
  installedAt: Date | null;
  uninstalledAt: Date | null;
  needsReauthorisation: boolean;
}

/**
 * Every table holding a shop's rows, with the column naming the shop. `erase` deletes from each;
 * a test checks that every table with a `shop` column is listed, so a new table cannot be missed.
 * Children first, so foreign keys never block.
 */
export const SHOP_ROW_TABLES = [
  { table: 'fulfillment_write_backs', column: 'shop' },
  { table: 'watched_shipments', column: 'shop' },
  { table: 'flow_triggers_fired', column: 'shop' },
  { table: 'flow_lifecycle', column: 'shop' },
  { table: 'shop_settings', column: 'shop' },
  { table: 'shipment_events', column: 'shop' },
  { table: 'shipments', column: 'shop' },
  { table: 'fulfillment_orders', column: 'shop' },
  { table: 'order_line_items', column: 'shop' },
  { table: 'orders', column: 'shop' },
  { table: 'sync_state', column: 'shop' },
  { table: 'deleted_orders', column: 'shop' },
  { table: 'webhook_events', column: 'shop' },
  { table: 'offline_sessions', column: 'shop' },
  { table: 'shop_secrets', column: 'shop' },
  { table: 'overview_settings', column: 'shop' },
  { table: 'lookup_stats', column: 'shop' },
  { table: 'shops', column: 'domain' },
] as const;

export interface ShopsRepository {
  get(shop: string): Promise<Shop | undefined>;
  /** Creates the shop or reinstalls it: state installed, scopes set, re-authorisation cleared. */
  markInstalled(shop: string, scopes: string): Promise<void>;
  /** Domains of every shop whose state is `installed`, sorted. */
  installed(): Promise<string[]>;
  /** State uninstalled, with the time; the row stays (for `shop/redact` 48 h later). */
  markUninstalled(shop: string): Promise<void>;
  setScopes(shop: string, scopes: string): Promise<void>;
  /** `zone` is an IANA name such as `Europe/Oslo` (Shopify's `Shop.ianaTimezone`). */
  setTimeZone(shop: string, zone: string): Promise<void>;
  setNeedsReauthorisation(shop: string, needed: boolean): Promise<void>;
  /** Deletes every row of the shop in every table, in one transaction (`shop/redact`). */
  erase(shop: string): Promise<void>;
}

/** Shops repository; `clock` (ms since epoch) stamps installed/uninstalled/updated times. */
export function createShopsRepository(
  db: Kysely<Database>,
  clock: Clock = systemClock,
): ShopsRepository {
  const now = () => new Date(clock());
  const update = async (shop: string, values: Updateable<ShopsTable>) => {
    await db
      .updateTable('shops')
      .set({ ...values, updated_at: now() })
      .where('domain', '=', shop)
      .execute();
  };
  return {
    async get(shop) {
      const row = await db
        .selectFrom('shops')
        .selectAll()
        .where('domain', '=', shop)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        domain: row.domain,
        state: row.state,
        scopes: row.scopes,
        ianaTimeZone: row.iana_time_zone,
        installedAt: row.installed_at,
        uninstalledAt: row.uninstalled_at,
        needsReauthorisation: row.needs_reauthorisation,
      };
    },
    async markInstalled(shop, scopes) {
      const at = now();
      const values = {
        state: 'installed',
        scopes,
        installed_at: at,
        uninstalled_at: null,
        needs_reauthorisation: false,
        updated_at: at,
      };
      await db
        .insertInto('shops')
        .values({ domain: shop, ...values, created_at: at })
        .onConflict((oc) => oc.column('domain').doUpdateSet(values))
        .execute();
    },
    async installed() {
      const rows = await db
        .selectFrom('shops')
        .select('domain')
        .where('state', '=', 'installed')
        .orderBy('domain')
        .execute();
      return rows.map((row) => row.domain);
    },
    markUninstalled: (shop) => update(shop, { state: 'uninstalled', uninstalled_at: now() }),
    setScopes: (shop, scopes) => update(shop, { scopes }),
    setTimeZone: (shop, zone) => update(shop, { iana_time_zone: zone }),
    setNeedsReauthorisation: (shop, needed) => update(shop, { needs_reauthorisation: needed }),
    async erase(shop) {
      await db.transaction().execute(async (trx) => {
        for (const { table, column } of SHOP_ROW_TABLES) {
          await trx.deleteFrom(table).where(column, '=', shop).execute();
        }
      });
    },
  };
}
