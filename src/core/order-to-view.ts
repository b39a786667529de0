// Shopify order → TrackingView: the pure heart of the product. Whitelists fields; no personal data passes.
// PROVISIONAL: the signature is fixed; the implementation is being completed with its tests.
import type { TrackingView } from '../contract/tracking-view.js';
import type { ShopifyOrder } from '../shopify/order-schema.js';

export function orderToTrackingView(order: ShopifyOrder): TrackingView {
  return {
    order: {
      name: order.name,
      processedAt: order.processedAt,
      cancelled: Boolean(order.cancelledAt),
      financialStatus: order.displayFinancialStatus ?? null,
      fulfillmentStatus: order.displayFulfillmentStatus,
      returnStatus: order.returnStatus,
      lineItems: order.lineItems.nodes.map(({ name, quantity }) => ({ name, quantity })),
    },
    milestones: [{ key: 'placed', state: 'done', at: order.processedAt }],
    shipments: [],
  };
}
