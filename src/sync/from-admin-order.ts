// Admin GraphQL orders (the live detail query, or a bulk JSONL group) → StoredOrder. Pure; whitelists fields.
import type {
  BulkChildLine,
  BulkFulfillmentEventLine,
  BulkFulfillmentLineItemLine,
  BulkFulfillmentOrderLine,
  BulkLineItemLine,
  BulkOrderLine,
} from '../shopify/bulk-orders-schema.js';
import type { DetailFulfillment, OrderDetail } from '../shopify/order-detail-schema.js';
import type { BulkGroup } from './bulk-jsonl.js';
import type { EmailFingerprinter } from './email-fingerprint.js';
import type { StoredOrder, StoredShipmentEvent, StoredShipmentWithEvents } from './stored-order.js';
import {
  canonicalTime,
  firstEstimate,
  hasTracking,
  newestFirst,
  normalisedShipmentStatus,
  optionalTime,
  storedTracking,
} from './stored-shipment-rules.js';

function toShipment(
  f: DetailFulfillment,
  destinationCountryCode: string | null,
): StoredShipmentWithEvents {
  const events = newestFirst(
    f.events.nodes.map(
      (e): StoredShipmentEvent => ({
        eventGid: e.id,
        fulfillmentGid: f.id,
        status: e.status,
        happenedAt: canonicalTime(e.happenedAt),
        message: e.message ?? null,
        city: e.city ?? null,
        province: e.province ?? null,
        country: e.country ?? null,
        estimatedDeliveryAt: optionalTime(e.estimatedDeliveryAt),
      }),
    ),
  );
  const tracking = f.trackingInfo
    .filter(hasTracking)
    .map((t) => storedTracking(t.company, t.number, t.url));
  const [primary, ...more] = tracking;
  const deliveredAt = optionalTime(f.deliveredAt);
  const displayStatus = f.displayStatus ?? null;
  const estimatedDeliveryAt = optionalTime(f.estimatedDeliveryAt);
  return {
    fulfillmentGid: f.id,
    recordStatus: f.status,
    displayStatus,
    status: normalisedShipmentStatus(deliveredAt, displayStatus, events),
    carrierName: primary?.carrierName ?? null,
    carrierCode: primary?.carrierCode ?? null,
    trackingNumber: primary?.number ?? null,
    trackingUrl: primary?.url ?? null,
    moreTracking: more,
    createdAt: canonicalTime(f.createdAt),
    updatedAt: optionalTime(f.updatedAt),
    inTransitAt: optionalTime(f.inTransitAt),
    deliveredAt,
    firstEstimatedDeliveryAt: firstEstimate(events, estimatedDeliveryAt),
    estimatedDeliveryAt,
    destinationCountryCode,
    // A line without a quantity ships nothing the shopper can count (the view drops it too).
    lineItems: f.fulfillmentLineItems.nodes.flatMap(({ quantity, lineItem }) =>
      quantity == null ? [] : [{ lineItemGid: lineItem.id ?? null, name: lineItem.name, quantity }],
    ),
    events,
  };
}

/**
 * The order as ORDER_DETAIL_QUERY returns it → what the store keeps. The email only passes through
 * `fingerprint`; names, addresses (but the country code) and every other field are not read.
 */
export function adminOrderToStored(
  order: OrderDetail,
  fingerprint: EmailFingerprinter,
): StoredOrder {
  const email = fingerprint(order.email);
  const destination = order.shippingAddress?.countryCodeV2 ?? null;
  return {
    orderGid: order.id,
    name: order.name,
    confirmationNumber: order.confirmationNumber ?? null,
    processedAt: canonicalTime(order.processedAt),
    updatedAt: canonicalTime(order.updatedAt),
    cancelledAt: optionalTime(order.cancelledAt),
    financialStatus: order.displayFinancialStatus ?? null,
    fulfillmentStatus: order.displayFulfillmentStatus,
    returnStatus: order.returnStatus,
    destinationCountryCode: destination,
    emailFingerprint: email?.value ?? null,
    emailFingerprintVersion: email?.version ?? null,
    customerGid: order.customer?.id ?? null,
    lineItems: order.lineItems.nodes.map((li) => ({
      lineItemGid: li.id,
      name: li.name,
      quantity: li.quantity,
      productGid: li.product?.id ?? null,
    })),
    fulfillmentOrders: order.fulfillmentOrders.nodes.map((fo) => ({
      fulfillmentOrderGid: fo.id,
      status: fo.status,
      fulfillAt: optionalTime(fo.fulfillAt),
      holdReasons: fo.fulfillmentHolds.map((h) => h.reason),
    })),
    shipments: order.fulfillments.map((f) => toShipment(f, destination)),
  };
}

// The child schemas each require their own GID type, so the GID type tells which one matched.
const isType = (gid: string, type: string) => gid.startsWith(`gid://shopify/${type}/`);
const isLineItem = (c: BulkChildLine): c is BulkLineItemLine => isType(c.id, 'LineItem');
const isFulfillmentOrder = (c: BulkChildLine): c is BulkFulfillmentOrderLine =>
  isType(c.id, 'FulfillmentOrder');
const isEvent = (c: BulkChildLine): c is BulkFulfillmentEventLine =>
  isType(c.id, 'FulfillmentEvent');
const isFulfilledLine = (c: BulkChildLine): c is BulkFulfillmentLineItemLine =>
  isType(c.id, 'FulfillmentLineItem');

/**
 * A bulk JSONL group (the order line and its `__parentId` lines) assembled into the detail query's
 * shape: line items and fulfillment orders under the order, events and fulfilled lines under their
 * fulfillment. A child pointing at a fulfillment the order line lacks is dropped.
 */
export function bulkGroupToOrderDetail(
  group: BulkGroup<BulkOrderLine, BulkChildLine>,
): OrderDetail {
  const { root, children } = group;
  const events = new Map<string, BulkFulfillmentEventLine[]>();
  const lines = new Map<string, BulkFulfillmentLineItemLine[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key) ?? [];
    list.push(value);
    map.set(key, list);
  };
  const lineItems: OrderDetail['lineItems']['nodes'] = [];
  const fulfillmentOrders: OrderDetail['fulfillmentOrders']['nodes'] = [];
  for (const child of children) {
    if (isLineItem(child)) {
      if (child.__parentId === root.id) lineItems.push(child);
    } else if (isFulfillmentOrder(child)) {
      if (child.__parentId === root.id) fulfillmentOrders.push(child);
    } else if (isEvent(child)) {
      push(events, child.__parentId, child);
    } else if (isFulfilledLine(child)) {
      push(lines, child.__parentId, child);
    }
  }
  return {
    id: root.id,
    name: root.name,
    confirmationNumber: root.confirmationNumber,
    email: root.email,
    processedAt: root.processedAt,
    updatedAt: root.updatedAt,
    cancelledAt: root.cancelledAt,
    displayFinancialStatus: root.displayFinancialStatus,
    displayFulfillmentStatus: root.displayFulfillmentStatus,
    returnStatus: root.returnStatus,
    customer: root.customer,
    shippingAddress: root.shippingAddress,
    lineItems: { nodes: lineItems },
    fulfillmentOrders: { nodes: fulfillmentOrders },
    fulfillments: root.fulfillments.map((f) => ({
      ...f,
      events: { nodes: events.get(f.id) ?? [] },
      fulfillmentLineItems: { nodes: lines.get(f.id) ?? [] },
    })),
  };
}

/** A bulk JSONL group → what the store keeps (see `adminOrderToStored`). */
export function bulkGroupToStored(
  group: BulkGroup<BulkOrderLine, BulkChildLine>,
  fingerprint: EmailFingerprinter,
): StoredOrder {
  return adminOrderToStored(bulkGroupToOrderDetail(group), fingerprint);
}
