// A logged-in customer's recent orders, reduced to the list the widget shows (no personal data).
import type { OrderList } from '../contract/tracking-view.js';
import { CUSTOMER_ORDERS_QUERY } from '../shopify/order-lookup-query.js';
import { CustomerOrdersDataSchema } from '../shopify/order-schema.js';
import type { AdminQuery } from '../shopify/admin-client.js';
import { customerGid } from './find-order.js';

export async function customerOrders(admin: AdminQuery, customerId: string): Promise<OrderList> {
  const data = await admin(
    CUSTOMER_ORDERS_QUERY,
    { id: customerGid(customerId) },
    CustomerOrdersDataSchema,
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
}
