// Test helper: one row (or more) of a shop in every table that holds shop rows, for erase and redact tests.
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Repositories } from '../db/repositories.js';
import { createWatchedShipmentsRepository } from '../db/watched-shipments.js';
import { createLookupStats } from '../overview/lookup-stats.js';
import { createOverviewSettings } from '../overview/settings.js';
import { storedOrder } from './stored-orders.js';

/**
 * Writes the shop's rows through the repositories, as the app would: the shop's row, its sealed
 * session, secrets, a processed webhook event, settings, Flow records, a stored order with its
 * children, a deleted order, a sync run, overview thresholds, a day of lookup counts, a watched shipment and a write-back. The
 * shop's row and session must not exist yet.
 */
export async function fillShopTables(
  db: Kysely<Database>,
  repos: Repositories,
  shop: string,
  now: Date,
): Promise<void> {
  await repos.shops.markInstalled(shop, 'read_orders');
  await repos.sessions.store(shop, {
    accessToken: `shpat_${shop}`,
    accessExpiresAt: new Date(now.getTime() + 3_600_000),
    refreshToken: `shprt_${shop}`,
    refreshExpiresAt: new Date(now.getTime() + 86_400_000),
    scope: 'read_orders',
  });
  await repos.shopSecrets.fingerprintKey(shop);
  await repos.webhookEvents.claim(shop, `old-${shop}`, 'orders/create');
  await repos.shopSettings.updateShopSettings(shop, { writeBack: true });
  await repos.flowTriggers.setLifecycle(shop, 'shipment-delivered', true, now);
  await repos.flowTriggers.claim(shop, 'gid://shopify/Fulfillment/1', 'shipment-delivered');
  await repos.orders.upsert(shop, storedOrder(1));
  await repos.orders.upsert(shop, storedOrder(2));
  await repos.orders.deleteByGid(shop, storedOrder(2).orderGid);
  await repos.syncState.startRun(shop, 'gid://shopify/BulkOperation/1');
  await createOverviewSettings(db).put(shop, { express: 2, postal: 6, other: 4 });
  await createLookupStats(db).record(shop, true, now.toISOString().slice(0, 10));
  const watched = createWatchedShipmentsRepository(db);
  await watched.setCarrierOverride(shop, 'gid://shopify/Fulfillment/1', 'bring');
  await watched.claimWriteBack(shop, 'gid://shopify/Fulfillment/1', 'DELIVERED');
}
