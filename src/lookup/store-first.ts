// The store-first OrderSource: synced orders answer from the database; an order the store lacks is found live and stored.
import type { OrderList } from '../contract/tracking-view.js';
import { constantTimeEqual, EMAIL_NORMALISATION_VERSION, normalizeEmail } from '../core/email.js';
import { orderMatches } from '../core/order-number.js';
import type { OrdersRepository } from '../db/orders.js';
import { OrderDetailDataSchema, OrderFindDataSchema } from '../shopify/order-detail-schema.js';
import { ORDER_DETAIL_QUERY, ORDER_FIND_QUERY } from '../shopify/order-find-query.js';
import type { ShopifyOrder } from '../shopify/order-schema.js';
import { UpstreamError } from '../shopify/upstream-error.js';
import { fingerprintMatches } from '../sync/email-fingerprint.js';
import { adminOrderToStored } from '../sync/from-admin-order.js';
import type { AdminForShop, FingerprinterForShop } from '../sync/shop-admin.js';
import type { StoredOrder } from '../sync/stored-order.js';
import { storedToShopifyOrder } from '../sync/stored-to-shopify-order.js';
import { adminOrderSource, type CallContext, customerGid, type OrderSource } from './find-order.js';

/** Orders a logged-in customer sees in their list (as the live query reads). */
export const CUSTOMER_LIST_LENGTH = 10;

export interface StoreFirstDeps {
  orders: OrdersRepository;
  fingerprinter: FingerprinterForShop;
  adminFor: AdminForShop;
  /** The shop when the caller does not say (custom-app mode serves one). */
  defaultShop?: string;
  /**
   * Whether the shop's backfill has completed. Until it has, a customer's stored orders may be only
   * some of them, so customer lists are read live. Without it, the store is trusted at once.
   */
  backfilled?: (shop: string) => Promise<boolean>;
}

function shopOf(ctx: CallContext, deps: StoreFirstDeps): string {
  const shop = ctx.shop ?? deps.defaultShop;
  if (!shop) throw new Error('store-first order source called without a shop');
  return shop;
}

/**
 * Store first, Admin second. A stored order whose name (or confirmation number) matches is
 * checked against the typed email by its keyed fingerprint, in constant time, every candidate in
 * full. The live Admin lookup runs only when the store cannot decide: no stored order of that
 * number (not synced yet, older than the backfill) or one whose fingerprint was made by an older
 * email normalisation. It is the slim two-step lookup (ORDER_FIND_QUERY, then ORDER_DETAIL_QUERY
 * only for the order that matched), and the order it finds is stored, so the next lookup costs no
 * Admin call. Either way an unknown order and a wrong email both give null.
 *
 * @throws UpstreamError when the live lookup fails or the shop has no Admin access.
 */
export function storeFirstOrderSource(deps: StoreFirstDeps): OrderSource {
  async function live(
    shop: string,
    query: Parameters<OrderSource['findOrder']>[0],
    ctx: CallContext,
  ): Promise<ShopifyOrder | null> {
    const admin = await deps.adminFor(shop);
    if (!admin)
      throw new UpstreamError('status', 'no Admin access for the shop', { httpStatus: 401 });
    const found = await admin(
      ORDER_FIND_QUERY,
      { query: query.orderNumber.searchQuery },
      OrderFindDataSchema,
      ctx,
    );
    const gid = query.customerId ? customerGid(query.customerId) : null;
    let matchId: string | null = null;
    // Every candidate checked in full, no early exit (as adminOrderSource).
    for (const node of found.orders.nodes) {
      const nameOk = orderMatches(node, query.orderNumber);
      const emailOk =
        query.email !== null && constantTimeEqual(normalizeEmail(node.email ?? ''), query.email);
      const customerOk = gid !== null && node.customer?.id === gid;
      if (nameOk && (emailOk || customerOk) && matchId === null) matchId = node.id;
    }
    if (matchId === null) return null;
    const detail = await admin(ORDER_DETAIL_QUERY, { id: matchId }, OrderDetailDataSchema, ctx);
    if (!detail.order) return null;
    try {
      const fingerprint = await deps.fingerprinter(shop);
      await deps.orders.upsert(shop, adminOrderToStored(detail.order, fingerprint));
    } catch (error) {
      // The shopper still gets the answer; the next sync stores the order.
      ctx.logger.warn({
        event: 'store_write_failed',
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
    return detail.order;
  }

  return {
    async findOrder(query, ctx) {
      const shop = shopOf(ctx, deps);
      const [candidates, fingerprint] = await Promise.all([
        deps.orders.findByNumber(shop, query.orderNumber),
        deps.fingerprinter(shop),
      ]);
      const gid = query.customerId ? customerGid(query.customerId) : null;
      let found: StoredOrder | null = null;
      let undecided = candidates.length === 0;
      for (const order of candidates) {
        const emailOk =
          query.email !== null &&
          fingerprintMatches(fingerprint, query.email, storedFingerprint(order));
        const customerOk = gid !== null && order.customerGid === gid;
        if ((emailOk || customerOk) && !found) found = order;
        // A fingerprint of another normalisation cannot say no: the live lookup decides (and re-stores it).
        if (
          order.emailFingerprint !== null &&
          order.emailFingerprintVersion !== EMAIL_NORMALISATION_VERSION
        ) {
          undecided = true;
        }
      }
      if (found) return storedToShopifyOrder(found);
      if (!undecided) return null;
      return live(shop, query, ctx);
    },

    async customerOrders(customerId, ctx) {
      const shop = shopOf(ctx, deps);
      const complete = deps.backfilled ? await deps.backfilled(shop) : true;
      const stored = complete
        ? await deps.orders.byCustomer(shop, customerGid(customerId), CUSTOMER_LIST_LENGTH)
        : [];
      if (stored.length > 0) return toList(stored);
      // None stored (a customer whose orders predate the backfill), or a shop still backfilling.
      const admin = await deps.adminFor(shop);
      if (!admin)
        throw new UpstreamError('status', 'no Admin access for the shop', { httpStatus: 401 });
      return adminOrderSource(admin).customerOrders(customerId, ctx);
    },
  };
}

function storedFingerprint(order: StoredOrder) {
  return order.emailFingerprint === null || order.emailFingerprintVersion === null
    ? null
    : { value: order.emailFingerprint, version: order.emailFingerprintVersion };
}

function toList(orders: StoredOrder[]): OrderList {
  return {
    orders: orders.map((o) => ({
      name: o.name,
      processedAt: o.processedAt,
      cancelled: Boolean(o.cancelledAt),
      financialStatus: o.financialStatus,
      fulfillmentStatus: o.fulfillmentStatus,
    })),
  };
}
