import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createLookupStats } from '../overview/lookup-stats.js';
import { createOverviewSettings } from '../overview/settings.js';
import { createSealer } from '../platform/crypto.js';
import { storedOrder } from '../testing/stored-orders.js';
import { createRepositories } from './repositories.js';
import { createShopsRepository, SHOP_ROW_TABLES } from './shops.js';
import { databases, testDatabase } from './testing.js';
import { createWatchedShipmentsRepository } from './watched-shipments.js';

const A = 'alpha.myshopify.com';
const B = 'beta.myshopify.com';

describe.each(databases())('shops on %s', (kind) => {
  it('installs, uninstalls and reinstalls, stamping times from the clock', async () => {
    const handle = await testDatabase(kind);
    let now = Date.parse('2026-11-01T10:00:00.000Z');
    const shops = createShopsRepository(handle.db, () => now);
    await shops.markInstalled(A, 'read_orders');
    await shops.setTimeZone(A, 'Europe/Oslo');
    await shops.setNeedsReauthorisation(A, true);
    now = Date.parse('2026-11-02T10:00:00.000Z');
    await shops.markUninstalled(A);
    expect(await shops.get(A)).toEqual({
      domain: A,
      state: 'uninstalled',
      scopes: 'read_orders',
      ianaTimeZone: 'Europe/Oslo',
      installedAt: new Date('2026-11-01T10:00:00.000Z'),
      uninstalledAt: new Date('2026-11-02T10:00:00.000Z'),
      needsReauthorisation: true,
    });
    now = Date.parse('2026-11-03T10:00:00.000Z');
    await shops.markInstalled(A, 'read_orders,read_fulfillments');
    expect(await shops.get(A)).toMatchObject({
      state: 'installed',
      scopes: 'read_orders,read_fulfillments',
      ianaTimeZone: 'Europe/Oslo',
      installedAt: new Date('2026-11-03T10:00:00.000Z'),
      uninstalledAt: null,
      needsReauthorisation: false,
    });
    expect(await shops.get(B)).toBeUndefined();
  });

  it('erase removes every row of the shop in every table, and nothing of another shop', async () => {
    const handle = await testDatabase(kind);
    const sealer = createSealer(randomBytes(32));
    const {
      shops,
      sessions,
      shopSecrets: secrets,
      webhookEvents: events,
      shopSettings,
      flowTriggers,
      orders,
      syncState,
    } = createRepositories(handle.db, sealer);
    for (const shop of [A, B]) {
      await shops.markInstalled(shop, 'read_orders');
      await sessions.store(shop, {
        accessToken: `shpat_${shop}`,
        accessExpiresAt: null,
        refreshToken: null,
        refreshExpiresAt: null,
        scope: 'read_orders',
      });
      await secrets.fingerprintKey(shop);
      await events.claim(shop, 'event-1', 'orders/create');
      await shopSettings.updateShopSettings(shop, { writeBack: true });
      await flowTriggers.setLifecycle(shop, 'shipment-delivered', true, new Date());
      await flowTriggers.claim(shop, 'gid://shopify/Fulfillment/1', 'shipment-delivered');
      await orders.upsert(shop, storedOrder(1));
      await orders.upsert(shop, storedOrder(2));
      await orders.deleteByGid(shop, storedOrder(2).orderGid);
      await syncState.startRun(shop, 'gid://shopify/BulkOperation/1');
      await createOverviewSettings(handle.db).put(shop, { express: 2, postal: 8, other: 4 });
      await createLookupStats(handle.db).record(shop, true, '2026-11-01');
      const watched = createWatchedShipmentsRepository(handle.db);
      await watched.setCarrierOverride(shop, 'gid://shopify/Fulfillment/1', 'bring');
      await watched.claimWriteBack(shop, 'gid://shopify/Fulfillment/1', 'DELIVERED');
    }
    const countOf = async (shop: string) => {
      const counts: Record<string, number> = {};
      for (const { table, column } of SHOP_ROW_TABLES) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = ${shop}`.execute(
          handle.db,
        );
        counts[table] = rows[0]?.n ?? -1;
      }
      return counts;
    };
    const one = Object.fromEntries(SHOP_ROW_TABLES.map(({ table }) => [table, 1]));
    expect(await countOf(A)).toEqual(one);
    await shops.erase(A);
    expect(await countOf(A)).toEqual(
      Object.fromEntries(SHOP_ROW_TABLES.map(({ table }) => [table, 0])),
    );
    expect(await countOf(B)).toEqual(one);
    expect(await sessions.load(B)).toMatchObject({ accessToken: `shpat_${B}` });
  });

  it('erase knows every table that holds a shop column', async () => {
    const handle = await testDatabase(kind);
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = ${handle.schema} and column_name in ('shop', 'shop_domain')
        and table_name not like 'kysely\\_%'`.execute(handle.db);
    const listed = SHOP_ROW_TABLES.map(({ table, column }) => `${table}.${column}`);
    for (const row of rows) expect(listed).toContain(`${row.table_name}.${row.column_name}`);
    expect(rows.length).toBe(SHOP_ROW_TABLES.length - 1);
  });
});
