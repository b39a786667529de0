// Webhook bodies in Shopify's REST webhook shapes, built from the demo's seed orders (PII included, as Shopify sends it).
//
// Field names and value spellings follow the REST Admin resources the webhooks carry (Order,
// Fulfillment, FulfillmentEvent) and the documented payloads of the app and compliance topics.
// Fields this app never reads are left out unless they carry personal data: those stay in so the
// app's tests can prove it does not keep them.
import type {
  SeedAddress,
  SeedCustomer,
  SeedFulfillment,
  SeedFulfillmentEvent,
  SeedLineItem,
  SeedOrder,
} from './seed-types.js';

export const DEMO_SHOP_ID = 60001;

export type Payload = Record<string, unknown>;

/** The number at the end of a GraphQL global id (`gid://shopify/Order/6001` → 6001). */
export const legacyId = (gid: string): number => Number(gid.slice(gid.lastIndexOf('/') + 1));

// GraphQL enums are upper case; REST spells the same values in lower case.
const rest = (value: string | null | undefined) => (value == null ? null : value.toLowerCase());

function addressPayload(a: SeedAddress | null): Payload | null {
  if (!a) return null;
  return {
    first_name: a.firstName,
    last_name: a.lastName,
    name: a.name,
    company: a.company,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province,
    province_code: a.provinceCode,
    zip: a.zip,
    country: a.country,
    country_code: a.countryCodeV2,
    phone: a.phone,
    latitude: null,
    longitude: null,
  };
}

function customerPayload(c: SeedCustomer | null): Payload | null {
  if (!c) return null;
  return {
    id: legacyId(c.id),
    admin_graphql_api_id: c.id,
    email: c.email,
    first_name: c.firstName,
    last_name: c.lastName,
    phone: c.phone,
    note: c.note,
    tags: c.tags.join(', '),
    verified_email: c.verifiedEmail,
    locale: c.locale,
    default_address: { ...addressPayload(c.defaultAddress), id: legacyId(c.defaultAddress.id) },
  };
}

function lineItemPayload(item: SeedLineItem, quantity = item.quantity): Payload {
  return {
    id: legacyId(item.id),
    admin_graphql_api_id: item.id,
    name: item.name,
    title: item.title,
    variant_title: item.variantTitle,
    sku: item.sku,
    vendor: item.vendor,
    quantity,
    fulfillable_quantity: item.currentQuantity,
    requires_shipping: item.requiresShipping,
    gift_card: item.isGiftCard,
  };
}

/** The REST `Fulfillment` resource (`fulfillments/create|update`, and inside `orders/*`). */
export function fulfillmentPayload(order: SeedOrder, f: SeedFulfillment): Payload {
  const numbers = f.trackingInfo.map((t) => t.number).filter((n): n is string => !!n);
  const urls = f.trackingInfo.map((t) => t.url).filter((u): u is string => !!u);
  return {
    id: legacyId(f.id),
    admin_graphql_api_id: f.id,
    order_id: legacyId(order.id),
    name: f.name,
    status: rest(f.status),
    created_at: f.createdAt,
    updated_at: f.updatedAt,
    service: 'manual',
    location_id: 70001,
    shipment_status: rest(f.displayStatus === 'FULFILLED' ? null : f.displayStatus),
    tracking_company: f.trackingInfo[0]?.company ?? null,
    tracking_number: numbers[0] ?? null,
    tracking_numbers: numbers,
    tracking_url: urls[0] ?? null,
    tracking_urls: urls,
    receipt: {},
    origin_address: {},
    destination: addressPayload(order.shippingAddress),
    email: order.email,
    line_items: f.fulfillmentLineItems.map((fli) => lineItemPayload(fli.lineItem, fli.quantity)),
  };
}

/** The REST `FulfillmentEvent` resource (`fulfillment_events/create`). */
export function fulfillmentEventPayload(
  order: SeedOrder,
  f: SeedFulfillment,
  e: SeedFulfillmentEvent,
): Payload {
  return {
    id: legacyId(e.id),
    admin_graphql_api_id: e.id,
    fulfillment_id: legacyId(f.id),
    order_id: legacyId(order.id),
    shop_id: DEMO_SHOP_ID,
    status: rest(e.status),
    message: e.message,
    happened_at: e.happenedAt,
    created_at: e.createdAt,
    updated_at: e.createdAt,
    estimated_delivery_at: e.estimatedDeliveryAt,
    address1: e.address1,
    city: e.city,
    province: e.province,
    zip: e.zip,
    country: e.country,
    latitude: e.latitude,
    longitude: e.longitude,
  };
}

/** The REST `Order` resource (`orders/create|updated|cancelled`). */
export function orderPayload(order: SeedOrder): Payload {
  return {
    id: legacyId(order.id),
    admin_graphql_api_id: order.id,
    name: order.name,
    order_number: order.number,
    number: order.number - 1000,
    email: order.email,
    contact_email: order.email,
    phone: order.phone,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    cancelled_at: order.cancelledAt,
    cancel_reason: rest(order.cancelReason),
    closed_at: order.closedAt,
    confirmed: order.confirmed,
    test: order.test,
    currency: order.currencyCode,
    financial_status: rest(order.displayFinancialStatus),
    fulfillment_status: restFulfillmentStatus(order.displayFulfillmentStatus),
    note: order.note,
    tags: order.tags.join(', '),
    customer: customerPayload(order.customer),
    shipping_address: addressPayload(order.shippingAddress),
    billing_address: addressPayload(order.billingAddress),
    line_items: order.lineItems.map((i) => lineItemPayload(i)),
    fulfillments: order.fulfillments.map((f) => fulfillmentPayload(order, f)),
  };
}

// REST's order-level fulfillment_status: null (unfulfilled), "partial" or "fulfilled".
function restFulfillmentStatus(status: string): string | null {
  if (status === 'FULFILLED') return 'fulfilled';
  if (status === 'PARTIALLY_FULFILLED') return 'partial';
  return null;
}

/** `orders/delete` carries the id only. */
export const orderDeletePayload = (order: SeedOrder): Payload => ({ id: legacyId(order.id) });

/** `app/uninstalled`: the REST `Shop` resource. */
export function appUninstalledPayload(shop: string): Payload {
  return {
    id: DEMO_SHOP_ID,
    name: 'Nordlys Outfitters (demo)',
    email: 'owner@nordlys-demo.example',
    domain: shop,
    myshopify_domain: shop,
    country_code: 'NO',
    currency: 'NOK',
    iana_timezone: 'Europe/Oslo',
    plan_name: 'basic',
  };
}

export function appScopesUpdatePayload(
  previous: readonly string[],
  current: readonly string[],
  updatedAt: string,
): Payload {
  return {
    id: DEMO_SHOP_ID,
    previous: [...previous],
    current: [...current],
    updated_at: updatedAt,
  };
}

function customerOrders(customer: SeedCustomer, orders: readonly SeedOrder[]): number[] {
  return orders.filter((o) => o.customer?.id === customer.id).map((o) => legacyId(o.id));
}

/** `customers/data_request` (compliance). */
export function customersDataRequestPayload(
  shop: string,
  customer: SeedCustomer,
  orders: readonly SeedOrder[],
  requestId: number,
): Payload {
  return {
    shop_id: DEMO_SHOP_ID,
    shop_domain: shop,
    orders_requested: customerOrders(customer, orders),
    customer: { id: legacyId(customer.id), email: customer.email, phone: customer.phone },
    data_request: { id: requestId },
  };
}

/** `customers/redact` (compliance). */
export function customersRedactPayload(
  shop: string,
  customer: SeedCustomer,
  orders: readonly SeedOrder[],
): Payload {
  return {
    shop_id: DEMO_SHOP_ID,
    shop_domain: shop,
    customer: { id: legacyId(customer.id), email: customer.email, phone: customer.phone },
    orders_to_redact: customerOrders(customer, orders),
  };
}

/** `shop/redact` (compliance), sent 48 hours after uninstall. */
export const shopRedactPayload = (shop: string): Payload => ({
  shop_id: DEMO_SHOP_ID,
  shop_domain: shop,
});

export interface BulkOperationSummary {
  id: string;
  status: string;
  errorCode: string | null;
  createdAt: string;
  completedAt: string | null;
  type: string;
}

/** `bulk_operations/finish`. */
export function bulkOperationsFinishPayload(op: BulkOperationSummary): Payload {
  return {
    admin_graphql_api_id: op.id,
    completed_at: op.completedAt,
    created_at: op.createdAt,
    error_code: rest(op.errorCode),
    status: rest(op.status),
    type: rest(op.type),
  };
}

export const WEBHOOK_TOPICS = [
  'app/uninstalled',
  'app/scopes_update',
  'customers/data_request',
  'customers/redact',
  'shop/redact',
  'orders/create',
  'orders/updated',
  'orders/cancelled',
  'orders/delete',
  'fulfillments/create',
  'fulfillments/update',
  'fulfillment_events/create',
  'bulk_operations/finish',
] as const;
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

/**
 * A plausible payload for `topic` about `order` (the latest fulfilment and event where the topic
 * needs one), for the local admin's "send webhook" form. Null when the order has no fulfilment
 * (or event) for a fulfilment topic.
 */
export function samplePayload(
  topic: WebhookTopic,
  context: { shop: string; order: SeedOrder; orders: readonly SeedOrder[]; now: string },
): Payload | null {
  const { shop, order, orders, now } = context;
  const f = order.fulfillments.at(-1);
  switch (topic) {
    case 'app/uninstalled':
      return appUninstalledPayload(shop);
    case 'app/scopes_update':
      return appScopesUpdatePayload(['read_orders'], ['read_orders', 'read_fulfillments'], now);
    case 'customers/data_request':
      return order.customer
        ? customersDataRequestPayload(shop, order.customer, orders, legacyId(order.id))
        : null;
    case 'customers/redact':
      return order.customer ? customersRedactPayload(shop, order.customer, orders) : null;
    case 'shop/redact':
      return shopRedactPayload(shop);
    case 'orders/create':
    case 'orders/updated':
    case 'orders/cancelled':
      return orderPayload(order);
    case 'orders/delete':
      return orderDeletePayload(order);
    case 'fulfillments/create':
    case 'fulfillments/update':
      return f ? fulfillmentPayload(order, f) : null;
    case 'fulfillment_events/create': {
      const e = f?.events.at(-1);
      return f && e ? fulfillmentEventPayload(order, f, e) : null;
    }
    case 'bulk_operations/finish':
      return bulkOperationsFinishPayload({
        id: 'gid://shopify/BulkOperation/1',
        status: 'COMPLETED',
        errorCode: null,
        createdAt: now,
        completedAt: now,
        type: 'QUERY',
      });
  }
}
