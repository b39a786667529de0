// Reconciliation: reads the orders Shopify changed since the last run and stores the newer ones; heals missed webhooks.
import type { Clock, Logger } from '../core/ports.js';
import type { OrdersRepository } from '../db/orders.js';
import type { ShopsRepository } from '../db/shops.js';
import type { SyncStateRepository } from '../db/sync-state.js';
import type { AdminQuery } from '../shopify/admin-client.js';
import { bulkOrdersSearch } from '../shopify/bulk-orders-query.js';
import { OrderDetailDataSchema } from '../shopify/order-detail-schema.js';
import { ORDER_DETAIL_QUERY } from '../shopify/order-find-query.js';
import {
  ORDERS_CHANGED_QUERY,
  type OrdersChangedData,
  OrdersChangedDataSchema,
} from '../shopify/orders-changed-query.js';
import { shopIsActive } from './backfill.js';
import type { EmailFingerprinter } from './email-fingerprint.js';
import { adminOrderToStored } from './from-admin-order.js';
import type { AdminForShop, FingerprinterForShop } from './shop-admin.js';

/** Seconds between reconciliations of a shop unless `RECONCILE_INTERVAL_S` says otherwise. */
export const DEFAULT_RECONCILE_INTERVAL_S = 900;

/** Pages read per run at most; the rest waits for the next run (which starts where this one stopped). */
const MAX_PAGES = 50;

export interface ReconcileDeps {
  shops: ShopsRepository;
  orders: OrdersRepository;
  syncState: SyncStateRepository;
  adminFor: AdminForShop;
  fingerprinter: FingerprinterForShop;
  clock: Clock;
  logger: Logger;
  intervalS?: number;
}

export interface ReconcileResult {
  /** Changed orders Shopify listed. */
  seen: number;
  /** Orders read in detail and written (newer than the store, or missing from it). */
  written: number;
}

/**
 * Reads the ids of orders changed after the last run (or, the first time, after the backfill
 * started), then the detail of each one the store lacks or holds in an older state, and writes it
 * (merge rules of src/sync/merge.ts). The next run starts at the last change seen, so a run cut
 * short loses nothing. Nothing happens for an uninstalled shop or one not backfilled yet.
 *
 * @throws UpstreamError when Shopify fails (the job retries; the start point is unchanged).
 */
export async function reconcileShop(shop: string, deps: ReconcileDeps): Promise<ReconcileResult> {
  const result: ReconcileResult = { seen: 0, written: 0 };
  if (!(await shopIsActive(deps.shops, shop))) return result;
  const state = await deps.syncState.get(shop);
  if (state.state !== 'completed') return result;
  const admin = await deps.adminFor(shop);
  if (!admin) return result;
  const intervalMs = (deps.intervalS ?? DEFAULT_RECONCILE_INTERVAL_S) * 1000;
  const since =
    state.lastReconciledAt ?? state.startedAt ?? new Date(deps.clock() - 2 * intervalMs);
  const fingerprint = await deps.fingerprinter(shop);
  const search = bulkOrdersSearch({ processedSince: null, updatedSince: since });
  let after: string | null = null;
  let latest = since.getTime();
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const data: OrdersChangedData = await admin(
      ORDERS_CHANGED_QUERY,
      { query: search, after },
      OrdersChangedDataSchema,
    );
    const nodes = data.orders.nodes;
    result.seen += nodes.length;
    const stored = await deps.orders.updatedAtOf(
      shop,
      nodes.map((n) => n.id),
    );
    for (const node of nodes) {
      const known = stored.get(node.id);
      if (!known || Date.parse(known) < Date.parse(node.updatedAt)) {
        if (await storeDetail(shop, node.id, admin, fingerprint, deps)) result.written += 1;
      }
      latest = Math.max(latest, Date.parse(node.updatedAt) || latest);
    }
    if (!data.orders.pageInfo.hasNextPage || !data.orders.pageInfo.endCursor) break;
    after = data.orders.pageInfo.endCursor;
  }
  // The search is `updated_at:>` at whole seconds, so the last second is read again next time: harmless.
  await deps.syncState.setReconciledAt(shop, new Date(latest));
  deps.logger.info({ event: 'reconciled', shop, seen: result.seen, written: result.written });
  return result;
}

/** Reads one order in detail and stores it; false when Shopify no longer has it (it is deleted). */
export async function storeDetail(
  shop: string,
  orderGid: string,
  admin: AdminQuery,
  fingerprint: EmailFingerprinter,
  deps: Pick<ReconcileDeps, 'orders'>,
): Promise<boolean> {
  const detail = await admin(ORDER_DETAIL_QUERY, { id: orderGid }, OrderDetailDataSchema);
  if (!detail.order) {
    await deps.orders.deleteByGid(shop, orderGid);
    return false;
  }
  const outcome = await deps.orders.upsert(shop, adminOrderToStored(detail.order, fingerprint));
  return outcome.outcome === 'written';
}
