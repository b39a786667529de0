// REST webhook payloads (orders/*, fulfillments/*, fulfillment_events/create) → changes to a StoredOrder. Pure.
import type {
  RestFulfillment,
  RestFulfillmentEvent,
  RestOrder,
  RestOrderDelete,
} from '../shopify/webhook-payloads.js';
import type { EmailFingerprinter } from './email-fingerprint.js';
import { mergeEvents, mergeShipment, mergeShipments, shouldApply } from './merge.js';
import type {
  StoredLineItem,
  StoredOrder,
  StoredOrderRow,
  StoredShipment,
  StoredShipmentEvent,
} from './stored-order.js';
import {
  canonicalTime,
  hasTracking,
  instant,
  normalisedShipmentStatus,
  optionalTime,
  storedTracking,
} from './stored-shipment-rules.js';

const gid = (type: string, id: string) => `gid://shopify/${type}/${id}`;
const upper = (value: string | null | undefined) => (value ? value.toUpperCase() : null);

/**
 * REST `fulfillment_status` → the GraphQL display status family it stands for. REST knows only
 * null, `partial`, `fulfilled` and `restocked`; GraphQL is finer (ON_HOLD, SCHEDULED…), so a
 * stored status of the same family is kept (see `refineFulfillmentStatus`).
 */
const REST_FULFILLMENT_FAMILY: Record<string, { status: string; family: readonly string[] }> = {
  unfulfilled: {
    status: 'UNFULFILLED',
    family: [
      'UNFULFILLED',
      'OPEN',
      'PENDING_FULFILLMENT',
      'IN_PROGRESS',
      'SCHEDULED',
      'ON_HOLD',
      'REQUEST_DECLINED',
    ],
  },
  partial: {
    status: 'PARTIALLY_FULFILLED',
    family: ['PARTIALLY_FULFILLED', 'IN_PROGRESS', 'ON_HOLD', 'SCHEDULED'],
  },
  fulfilled: { status: 'FULFILLED', family: ['FULFILLED', 'FULFILLMENT_NOT_REQUIRED'] },
  restocked: { status: 'RESTOCKED', family: ['RESTOCKED'] },
};

/**
 * The order's display fulfillment status after a REST payload: the stored (GraphQL) value when it
 * belongs to the family REST names, else REST's own value mapped (an unknown one upper-cased).
 */
export function refineFulfillmentStatus(rest: string | null, stored: string | null): string {
  const key = rest ?? 'unfulfilled';
  const entry = Object.hasOwn(REST_FULFILLMENT_FAMILY, key)
    ? REST_FULFILLMENT_FAMILY[key]
    : undefined;
  if (!entry) return key.toUpperCase();
  return stored !== null && entry.family.includes(stored) ? stored : entry.status;
}

function restTracking(f: RestFulfillment) {
  const numbers = f.tracking_numbers?.length
    ? f.tracking_numbers
    : f.tracking_number
      ? [f.tracking_number]
      : [];
  const urls = f.tracking_urls?.length ? f.tracking_urls : f.tracking_url ? [f.tracking_url] : [];
  const count = Math.max(numbers.length, urls.length, f.tracking_company ? 1 : 0);
  return Array.from({ length: count }, (_, i) => ({
    company: f.tracking_company ?? null,
    number: numbers[i] ?? null,
    url: urls[i] ?? null,
  }))
    .filter(hasTracking)
    .map((t) => storedTracking(t.company, t.number, t.url));
}

/**
 * A REST fulfillment → a stored shipment without events. REST has no in-transit, delivered or
 * estimated times; `mergeShipment` keeps the stored ones. `shipment_status` upper-cased is the
 * FulfillmentDisplayStatus of the same name.
 */
export function restFulfillmentToShipment(
  f: RestFulfillment,
  orderCountryCode: string | null,
): StoredShipment {
  const [primary, ...more] = restTracking(f);
  const displayStatus = upper(f.shipment_status);
  return {
    fulfillmentGid: f.admin_graphql_api_id ?? gid('Fulfillment', f.id),
    recordStatus: upper(f.status) ?? 'SUCCESS',
    displayStatus,
    status: normalisedShipmentStatus(null, displayStatus, []),
    carrierName: primary?.carrierName ?? null,
    carrierCode: primary?.carrierCode ?? null,
    trackingNumber: primary?.number ?? null,
    trackingUrl: primary?.url ?? null,
    moreTracking: more,
    createdAt: canonicalTime(f.created_at),
    updatedAt: optionalTime(f.updated_at),
    inTransitAt: null,
    deliveredAt: null,
    firstEstimatedDeliveryAt: null,
    estimatedDeliveryAt: null,
    destinationCountryCode: f.destination?.country_code ?? orderCountryCode,
    lineItems: (f.line_items ?? []).flatMap((li) =>
      li.quantity == null
        ? []
        : [
            {
              lineItemGid: li.admin_graphql_api_id ?? (li.id ? gid('LineItem', li.id) : null),
              name: li.name,
              quantity: li.quantity,
            },
          ],
    ),
  };
}

/** What an `orders/create|updated|cancelled` payload says; REST has no return status or fulfillment orders. */
export interface OrderWebhookUpdate {
  row: Omit<StoredOrderRow, 'fulfillmentStatus' | 'returnStatus'>;
  /** REST `fulfillment_status` as sent (null = unfulfilled). */
  restFulfillmentStatus: string | null;
  lineItems: StoredLineItem[];
  shipments: StoredShipment[];
}

/** Reads an order webhook. The email only passes through `fingerprint`; no other personal field is read. */
export function orderWebhookToUpdate(
  order: RestOrder,
  fingerprint: EmailFingerprinter,
): OrderWebhookUpdate {
  // A queued delivery carries the fingerprint made at receipt instead of the email.
  const email =
    order.email_fingerprint !== undefined
      ? order.email_fingerprint
      : fingerprint(order.email ?? order.contact_email);
  const country = order.shipping_address?.country_code ?? null;
  return {
    row: {
      orderGid: order.admin_graphql_api_id ?? gid('Order', order.id),
      name: order.name,
      confirmationNumber: order.confirmation_number ?? null,
      processedAt: canonicalTime(order.processed_at ?? order.created_at),
      updatedAt: canonicalTime(order.updated_at),
      cancelledAt: optionalTime(order.cancelled_at),
      // REST spells OrderDisplayFinancialStatus in lower case (`partially_refunded`).
      financialStatus: upper(order.financial_status),
      destinationCountryCode: country,
      emailFingerprint: email?.value ?? null,
      emailFingerprintVersion: email?.version ?? null,
      customerGid: order.customer
        ? (order.customer.admin_graphql_api_id ?? gid('Customer', order.customer.id))
        : null,
    },
    restFulfillmentStatus: order.fulfillment_status ?? null,
    lineItems: order.line_items.map((li) => ({
      lineItemGid: li.admin_graphql_api_id ?? gid('LineItem', li.id),
      name: li.name,
      quantity: li.quantity,
      productGid: li.product_id ? gid('Product', li.product_id) : null,
    })),
    shipments: order.fulfillments.map((f) => restFulfillmentToShipment(f, country)),
  };
}

/**
 * Applies an order webhook. Returns the new stored order, or null when the stored one is newer
 * (by the order's `updated_at`): then nothing is written. Return status and fulfillment orders
 * come only from GraphQL reads and are kept (a new order starts with NO_RETURN and none).
 */
export function applyOrderWebhook(
  existing: StoredOrder | null,
  update: OrderWebhookUpdate,
): StoredOrder | null {
  if (existing && !shouldApply(existing.updatedAt, update.row.updatedAt)) return null;
  return {
    ...update.row,
    fulfillmentStatus: refineFulfillmentStatus(
      update.restFulfillmentStatus,
      existing?.fulfillmentStatus ?? null,
    ),
    returnStatus: existing?.returnStatus ?? 'NO_RETURN',
    lineItems: update.lineItems,
    fulfillmentOrders: existing?.fulfillmentOrders ?? [],
    shipments: mergeShipments(existing?.shipments ?? [], update.shipments),
  };
}

/** The GID of the order an `orders/delete` payload removes. */
export function orderDeleteGid(payload: RestOrderDelete): string {
  return gid('Order', payload.id);
}

/** What `fulfillments/create|update` says: one shipment of one order. */
export interface FulfillmentWebhookUpdate {
  orderGid: string;
  shipment: StoredShipment;
}

/** Reads a fulfillment webhook; the destination address gives its country code only. */
export function fulfillmentWebhookToUpdate(f: RestFulfillment): FulfillmentWebhookUpdate | null {
  if (!f.order_id) return null;
  return { orderGid: gid('Order', f.order_id), shipment: restFulfillmentToShipment(f, null) };
}

/**
 * Applies a fulfillment webhook to its stored order. Null when the order is not in the store (the
 * caller reads it from Admin instead); an older fulfillment state than the stored one changes
 * nothing but is harmless (`mergeShipment`).
 */
export function applyFulfillmentWebhook(
  existing: StoredOrder | null,
  update: FulfillmentWebhookUpdate,
): StoredOrder | null {
  if (!existing) return null;
  const shipment = {
    ...update.shipment,
    destinationCountryCode:
      update.shipment.destinationCountryCode ?? existing.destinationCountryCode,
  };
  return { ...existing, shipments: mergeShipments(existing.shipments, [shipment]) };
}

/** What `fulfillment_events/create` says: one event of one shipment. */
export interface FulfillmentEventUpdate {
  orderGid: string;
  fulfillmentGid: string;
  event: StoredShipmentEvent;
}

/** Reads a fulfillment event webhook; street, zip and coordinates are not read. */
export function fulfillmentEventToUpdate(e: RestFulfillmentEvent): FulfillmentEventUpdate {
  const fulfillmentGid = gid('Fulfillment', e.fulfillment_id);
  return {
    orderGid: gid('Order', e.order_id),
    fulfillmentGid,
    event: {
      eventGid: e.admin_graphql_api_id ?? gid('FulfillmentEvent', e.id),
      fulfillmentGid,
      // REST spells FulfillmentEventStatus in lower case (`in_transit`).
      status: e.status.toUpperCase(),
      happenedAt: canonicalTime(e.happened_at),
      message: e.message ?? null,
      city: e.city ?? null,
      province: e.province ?? null,
      country: e.country ?? null,
      estimatedDeliveryAt: optionalTime(e.estimated_delivery_at),
    },
  };
}

/**
 * Adds an event to its shipment. Null when the order or the shipment is not stored yet (the caller
 * reads the order from Admin). When the event is the shipment's newest, it moves the shipment on
 * as Shopify itself does: its status becomes the display status, a DELIVERED event gives the
 * delivery time, and its estimate becomes the latest. A repeated event changes nothing.
 */
export function applyFulfillmentEvent(
  existing: StoredOrder | null,
  update: FulfillmentEventUpdate,
): StoredOrder | null {
  const shipment = existing?.shipments.find((s) => s.fulfillmentGid === update.fulfillmentGid);
  if (!existing || !shipment) return null;
  const { event } = update;
  const events = mergeEvents(shipment.events, [event]);
  const newest = events[0]?.eventGid === event.eventGid;
  const at = instant(event.happenedAt);
  const current = newest && !(instant(shipment.updatedAt) > at);
  const next = {
    ...shipment,
    displayStatus: current ? event.status : shipment.displayStatus,
    deliveredAt:
      current && event.status === 'DELIVERED'
        ? (shipment.deliveredAt ?? event.happenedAt)
        : shipment.deliveredAt,
    estimatedDeliveryAt:
      newest && event.estimatedDeliveryAt
        ? event.estimatedDeliveryAt
        : shipment.estimatedDeliveryAt,
    firstEstimatedDeliveryAt: shipment.firstEstimatedDeliveryAt ?? event.estimatedDeliveryAt,
  };
  const merged = mergeShipment(undefined, { ...next, updatedAt: shipment.updatedAt }, events);
  return {
    ...existing,
    shipments: existing.shipments.map((s) =>
      s.fulfillmentGid === shipment.fulfillmentGid ? merged : s,
    ),
  };
}
