// The "find order" port and its Admin implementation: the one order matching number and email (or the logged-in customer).
import type { OrderList } from '../contract/tracking-view.js';
import { constantTimeEqual, normalizeEmail } from '../core/email.js';
import { type OrderNumber, orderMatches } from '../core/order-number.js';
import type { Logger } from '../core/ports.js';
import type { AdminQuery } from '../shopify/admin-client.js';
import { CUSTOMER_ORDERS_QUERY, ORDER_LOOKUP_QUERY } from '../shopify/order-lookup-query.js';
import {
  CustomerOrdersDataSchema,
  OrderLookupDataSchema,
  type ShopifyOrder,
} from '../shopify/order-schema.js';

export interface OrderQuery {
  orderNumber: OrderNumber;
  /** Normalised (trimmed, lower-case) email, or null for a logged-in customer's own order. */
  email: string | null;
  /** Shopify's numeric id of the logged-in customer, from the signed query. */
  customerId: string | null;
  /** The shopper's language (BCP 47 primary subtag) for carrier text, when known. */
  language?: string;
}

/** What every source call gets: the request's signal and its logger. */
export interface CallContext {
  signal?: AbortSignal;
  logger: Logger;
  /** The shop asked about (`example.myshopify.com`); a source serving several shops needs it. */
  shop?: string;
}

/**
 * Where orders come from. Today the Admin API; a store-first source (database, then Admin as the
 * fallback) implements the same two functions. Throws UpstreamError when the source fails.
 */
export interface OrderSource {
  /** The order matching number and email (or customer), or null: unknown and wrong email alike. */
  findOrder(query: OrderQuery, ctx: CallContext): Promise<ShopifyOrder | null>;
  /** A logged-in customer's recent orders, reduced to the list the widget shows. */
  customerOrders(customerId: string, ctx: CallContext): Promise<OrderList>;
}

export function customerGid(id: string): string {
  return `gid://shopify/Customer/${id}`;
}

export function adminOrderSource(admin: AdminQuery): OrderSource {
  return {
    /**
     * One Admin call, then every candidate is checked in full (no early exit), so an unknown order
     * and a wrong email cost the same work and give the same answer: null.
     */
    async findOrder(query, ctx) {
      const data = await admin(
        ORDER_LOOKUP_QUERY,
        { query: query.orderNumber.searchQuery },
        OrderLookupDataSchema,
        ctx,
      );
      const gid = query.customerId ? customerGid(query.customerId) : null;
      let found: ShopifyOrder | null = null;
      for (const order of data.orders.nodes) {
        const nameOk = orderMatches(order, query.orderNumber);
        const emailOk =
          query.email !== null && constantTimeEqual(normalizeEmail(order.email ?? ''), query.email);
        const customerOk = gid !== null && order.customer?.id === gid;
        if (nameOk && (emailOk || customerOk) && !found) found = order;
      }
      return found;
    },

    async customerOrders(customerId, ctx) {
      const data = await admin(
        CUSTOMER_ORDERS_QUERY,
        { id: customerGid(customerId) },
        CustomerOrdersDataSchema,
        ctx,
      );
      const nodes = data.customer?.orders.nodes ?? [];
      return {
        orders: nodes.map((o) => ({
          name: o.name,
          processedAt: o.processedAt,
          cancelled: Boolean(o.cancelledAt),
          financialStatus: o.displayFinancialStatus ?? null,
          fulfillmentStatus: o.displayFulfillmentStatus,
        })),
      };
    },
  };
}
