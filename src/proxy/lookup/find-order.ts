// Finds the one order matching number and email (or the logged-in customer): the same upstream work whichever fails.
import { constantTimeEqual, normalizeEmail } from '../../core/email.js';
import { type OrderNumber, orderMatches } from '../../core/order-number.js';
import { ORDER_LOOKUP_QUERY } from '../../shopify/order-lookup-query.js';
import { OrderLookupDataSchema, type ShopifyOrder } from '../../shopify/order-schema.js';
import type { AdminQuery } from '../admin/admin-graphql.js';

export interface OrderQuery {
  orderNumber: OrderNumber;
  /** Normalised (trimmed, lower-case) email, or null for a logged-in customer's own order. */
  email: string | null;
  /** Shopify's numeric id of the logged-in customer, from the signed query. */
  customerId: string | null;
  /** The shopper's language (BCP 47 primary subtag) for carrier text, when known. */
  language?: string;
}

export function customerGid(id: string): string {
  return `gid://shopify/Customer/${id}`;
}

/**
 * One Admin call, then every candidate is checked in full (no early exit), so an unknown order and
 * a wrong email cost the same work and give the same answer: null.
 */
export async function findOrder(
  admin: AdminQuery,
  query: OrderQuery,
): Promise<ShopifyOrder | null> {
  const data = await admin(
    ORDER_LOOKUP_QUERY,
    { query: query.orderNumber.searchQuery },
    OrderLookupDataSchema,
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
}
