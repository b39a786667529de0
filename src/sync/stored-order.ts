// What the store keeps of one order: tracking state only, no customer personal data. One interface per table.
import type { ShipmentStatus } from '../contract/tracking-view.js';

/*
 * Intended tables (snake_case columns; `shop` added by the repository to every row and key):
 *
 *   orders              (shop, order_gid) PK          ← StoredOrderRow
 *   order_line_items    (shop, line_item_gid) PK      ← StoredLineItem, order_gid FK, position
 *   fulfillment_orders  (shop, fulfillment_order_gid) ← StoredFulfillmentOrder, order_gid FK, position
 *   shipments           (shop, fulfillment_gid) PK    ← StoredShipment, order_gid FK
 *   shipment_events     (shop, event_gid) PK          ← StoredShipmentEvent, fulfillment_gid FK
 *
 * Times are ISO-8601 UTC strings here (`timestamptz` columns). Enum values are Shopify's raw strings
 * (`text`, never a database enum: Shopify adds values). What is deliberately NOT here: the email (only
 * its keyed fingerprint), names, phones, street addresses, postcodes, notes, tags, custom
 * attributes, risk data, prices, the browser IP; event street/zip/coordinates (on the final event
 * that is the shopper's door).
 */

/** One row of `orders`. */
export interface StoredOrderRow {
  /** order_gid: `gid://shopify/Order/…`. */
  orderGid: string;
  /** name: the order name as Shopify shows it, e.g. `#1001`. */
  name: string;
  /** confirmation_number: the code on the thank-you page; null for orders from before it existed. */
  confirmationNumber: string | null;
  /** processed_at */
  processedAt: string;
  /** updated_at: Shopify's last change; an incoming state older than this is ignored. */
  updatedAt: string;
  /** cancelled_at */
  cancelledAt: string | null;
  /** financial_status: OrderDisplayFinancialStatus (REST `financial_status` upper-cased). */
  financialStatus: string | null;
  /** fulfillment_status: OrderDisplayFulfillmentStatus. */
  fulfillmentStatus: string;
  /** return_status: OrderReturnStatus. */
  returnStatus: string;
  /** destination_country_code: ISO 3166-1 alpha-2 of the shipping address; nothing else of it. */
  destinationCountryCode: string | null;
  /** email_fingerprint: keyed HMAC of the normalised email (src/sync/email-fingerprint.ts). */
  emailFingerprint: string | null;
  /** email_fingerprint_version: EMAIL_NORMALISATION_VERSION it was made with. */
  emailFingerprintVersion: number | null;
  /** customer_gid: `gid://shopify/Customer/…`, to answer a logged-in customer and `customers/redact`. */
  customerGid: string | null;
}

/** One row of `order_line_items`, in the order's own order (`position`). */
export interface StoredLineItem {
  /** line_item_gid */
  lineItemGid: string;
  /** name: product title with variant, e.g. `Merino socks - Grey / M`. */
  name: string;
  /** quantity: as ordered. */
  quantity: number;
  /** product_gid: for recommendations; null for custom items and deleted products. */
  productGid: string | null;
}

/** One row of `fulfillment_orders`. */
export interface StoredFulfillmentOrder {
  /** fulfillment_order_gid */
  fulfillmentOrderGid: string;
  /** status: FulfillmentOrderStatus. */
  status: string;
  /** fulfill_at: when a scheduled fulfillment order is due. */
  fulfillAt: string | null;
  /** hold_reasons (`text[]`): FulfillmentHoldReason of each hold; never the staff's reason notes. */
  holdReasons: string[];
}

/** A tracking number of a shipment after the first (`shipments.more_tracking`, jsonb). */
export interface StoredTracking {
  /** Shopify's `trackingInfo.company`, as the merchant typed or chose it. */
  carrierName: string | null;
  /** Our carrier code from src/carriers identification, e.g. `bring`; null when unrecognised. */
  carrierCode: string | null;
  number: string | null;
  url: string | null;
}

/** A fulfilled line (`shipments.line_items`, jsonb): which items travel in this shipment. */
export interface StoredShipmentLineItem {
  /** The order line item it ships (joins `order_line_items`); null when Shopify did not say. */
  lineItemGid: string | null;
  name: string;
  quantity: number;
}

/** One row of `shipments`: a Shopify Fulfillment. */
export interface StoredShipment {
  /** fulfillment_gid */
  fulfillmentGid: string;
  /** record_status: FulfillmentStatus (SUCCESS, CANCELLED, …): whether the fulfillment counts. */
  recordStatus: string;
  /** display_status: FulfillmentDisplayStatus, raw. */
  displayStatus: string | null;
  /** status: the normalised shipment status (DESIGN.md list), for the overview's counts. */
  status: ShipmentStatus;
  /** carrier_name, carrier_code, tracking_number, tracking_url: the first tracking number. */
  carrierName: string | null;
  carrierCode: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  /** more_tracking (jsonb): further parcels of the same fulfillment, usually empty. */
  moreTracking: StoredTracking[];
  /** created_at: when the fulfillment was made (the view's shipped time without in_transit_at). */
  createdAt: string;
  /** updated_at: Shopify's last change to the fulfillment; null when the source does not say. */
  updatedAt: string | null;
  /** in_transit_at */
  inTransitAt: string | null;
  /** delivered_at */
  deliveredAt: string | null;
  /** first_estimated_delivery_at: the first estimate ever seen; kept when later ones move. */
  firstEstimatedDeliveryAt: string | null;
  /** estimated_delivery_at: the latest estimate. */
  estimatedDeliveryAt: string | null;
  /** destination_country_code: copied from the order (transit times per destination). */
  destinationCountryCode: string | null;
  /** line_items (jsonb) */
  lineItems: StoredShipmentLineItem[];
}

/** One row of `shipment_events`: a Shopify FulfillmentEvent. */
export interface StoredShipmentEvent {
  /** event_gid */
  eventGid: string;
  /** fulfillment_gid */
  fulfillmentGid: string;
  /** status: FulfillmentEventStatus, raw. */
  status: string;
  /** happened_at */
  happenedAt: string;
  /** message: the carrier's text. */
  message: string | null;
  /**
   * city, province, country: the carrier's place for the event (a terminal, a depot). Street, zip
   * and coordinates are never kept: on a delivery event they are the shopper's address.
   */
  city: string | null;
  province: string | null;
  country: string | null;
  /** estimated_delivery_at: the estimate the carrier gave with this event. */
  estimatedDeliveryAt: string | null;
}

/** A shipment with its events, newest first. */
export interface StoredShipmentWithEvents extends StoredShipment {
  events: StoredShipmentEvent[];
}

/** Everything stored for one order, as the mappers build it and the repositories write it. */
export interface StoredOrder extends StoredOrderRow {
  lineItems: StoredLineItem[];
  fulfillmentOrders: StoredFulfillmentOrder[];
  shipments: StoredShipmentWithEvents[];
}
