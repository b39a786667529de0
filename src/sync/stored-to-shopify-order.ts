// StoredOrder → the ShopifyOrder shape orderToTrackingView draws, so an order from the store looks as it does live.
import type { ShopifyFulfillment, ShopifyOrder } from '../shopify/order-schema.js';
import type { StoredOrder, StoredShipmentWithEvents } from './stored-order.js';

/**
 * The live lookup reads at most this many events per fulfillment (newest first), and the store may
 * hold more: the view gets the same window either way.
 */
export const VIEW_EVENTS_PER_SHIPMENT = 10;

function toFulfillment(s: StoredShipmentWithEvents): ShopifyFulfillment {
  const tracking = [
    { company: s.carrierName, number: s.trackingNumber, url: s.trackingUrl },
    ...s.moreTracking.map((t) => ({ company: t.carrierName, number: t.number, url: t.url })),
  ].filter((t) => t.company !== null || t.number !== null || t.url !== null);
  return {
    status: s.recordStatus,
    displayStatus: s.displayStatus,
    createdAt: s.createdAt,
    inTransitAt: s.inTransitAt,
    deliveredAt: s.deliveredAt,
    estimatedDeliveryAt: s.estimatedDeliveryAt,
    trackingInfo: tracking,
    events: {
      nodes: s.events.slice(0, VIEW_EVENTS_PER_SHIPMENT).map((e) => ({
        status: e.status,
        happenedAt: e.happenedAt,
        message: e.message,
        city: e.city,
        province: e.province,
        country: e.country,
      })),
    },
    fulfillmentLineItems: {
      nodes: s.lineItems.map((li) => ({ quantity: li.quantity, lineItem: { name: li.name } })),
    },
  };
}

/**
 * What orderToTrackingView needs, rebuilt from the store. Deliberately absent, because the store
 * never keeps them: `email` (null; the caller has already matched the fingerprint) and nothing of
 * the customer but the GID. Everything the view reads is present, so the views are equal.
 */
export function storedToShopifyOrder(order: StoredOrder): ShopifyOrder {
  return {
    name: order.name,
    email: null,
    processedAt: order.processedAt,
    cancelledAt: order.cancelledAt,
    displayFinancialStatus: order.financialStatus,
    displayFulfillmentStatus: order.fulfillmentStatus,
    returnStatus: order.returnStatus,
    customer: order.customerGid ? { id: order.customerGid } : null,
    lineItems: {
      nodes: order.lineItems.map((li) => ({
        name: li.name,
        quantity: li.quantity,
        product: li.productGid ? { id: li.productGid } : null,
      })),
    },
    fulfillments: order.shipments.map(toFulfillment),
    fulfillmentOrders: {
      nodes: order.fulfillmentOrders.map((fo) => ({
        status: fo.status,
        fulfillAt: fo.fulfillAt,
        fulfillmentHolds: fo.holdReasons.map((reason) => ({ reason })),
      })),
    },
  };
}
