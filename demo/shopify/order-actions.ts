// What a merchant (or a carrier via Shopify) does to a demo order: ship, add a tracking event, deliver, cancel; with the webhooks Shopify would send.
//
// Each action changes the seed order in place (the Admin emulator reads the same objects), moves
// `updatedAt` forward, and returns the webhooks to deliver, in the order Shopify sends them.

import type {
  SeedFulfillment,
  SeedFulfillmentEvent,
  SeedOrder,
  SeedTrackingInfo,
} from './seed-types.js';
import {
  fulfillmentEventPayload,
  fulfillmentPayload,
  orderPayload,
  type Payload,
  type WebhookTopic,
} from './webhook-payloads.js';

export interface OutgoingWebhook {
  topic: WebhookTopic;
  payload: Payload;
}

export class OrderActionError extends Error {
  constructor(
    readonly code: 'not_found' | 'cancelled' | 'nothing_to_ship' | 'not_shipped',
    message: string,
  ) {
    super(message);
  }
}

// Fulfillment display statuses a carrier event moves the fulfilment to (FulfillmentDisplayStatus).
const DISPLAY_FROM_EVENT = new Set([
  'ATTEMPTED_DELIVERY',
  'CARRIER_PICKED_UP',
  'CONFIRMED',
  'DELAYED',
  'DELIVERED',
  'FAILURE',
  'IN_TRANSIT',
  'LABEL_PRINTED',
  'LABEL_PURCHASED',
  'OUT_FOR_DELIVERY',
  'PICKED_UP',
  'READY_FOR_PICKUP',
]);

const numberOf = (gid: string) => Number(gid.slice(gid.lastIndexOf('/') + 1));

/** ISO time at `now`, but always after `previous` so `updated_at` comparisons see the change. */
function later(previous: string, now: Date): string {
  const t = Math.max(now.getTime(), Date.parse(previous) + 1);
  return new Date(t).toISOString();
}

/** The order whose gid, legacy id or name (`#1001`) is `key`. */
export function findOrder(orders: readonly SeedOrder[], key: string): SeedOrder | undefined {
  return orders.find((o) => o.id === key || o.legacyResourceId === key || o.name === key);
}

/** The fulfilment with gid `id` and its order. */
export function findFulfillment(
  orders: readonly SeedOrder[],
  id: string,
): { order: SeedOrder; fulfillment: SeedFulfillment } | undefined {
  for (const order of orders) {
    const fulfillment = order.fulfillments.find((f) => f.id === id);
    if (fulfillment) return { order, fulfillment };
  }
  return undefined;
}

/** Shipping line items not yet in any fulfilment, with the quantity left. */
function unshipped(order: SeedOrder) {
  const shipped = new Map<string, number>();
  for (const f of order.fulfillments) {
    for (const fli of f.fulfillmentLineItems) {
      shipped.set(fli.lineItem.id, (shipped.get(fli.lineItem.id) ?? 0) + fli.quantity);
    }
  }
  return order.lineItems
    .filter((i) => i.requiresShipping)
    .map((item) => ({ item, quantity: item.quantity - (shipped.get(item.id) ?? 0) }))
    .filter((x) => x.quantity > 0);
}

/**
 * Fulfils every unshipped line item in one fulfilment with `tracking` (Shopify's
 * `fulfillmentCreate`). Returns `fulfillments/create` and `orders/updated`.
 * Throws OrderActionError `cancelled` or `nothing_to_ship`.
 */
export function shipOrder(
  order: SeedOrder,
  tracking: SeedTrackingInfo,
  now: Date,
): { fulfillment: SeedFulfillment; webhooks: OutgoingWebhook[] } {
  if (order.cancelledAt) throw new OrderActionError('cancelled', `${order.name} is cancelled`);
  const items = unshipped(order);
  if (items.length === 0)
    throw new OrderActionError('nothing_to_ship', `${order.name} has nothing left to ship`);
  const at = later(order.updatedAt, now);
  const fid = numberOf(order.id) * 10 + order.fulfillments.length + 1;
  const fulfillment: SeedFulfillment = {
    id: `gid://shopify/Fulfillment/${fid}`,
    legacyResourceId: String(fid),
    name: `${order.name}-F${order.fulfillments.length + 1}`,
    status: 'SUCCESS',
    displayStatus: 'FULFILLED',
    createdAt: at,
    updatedAt: at,
    inTransitAt: null,
    deliveredAt: null,
    estimatedDeliveryAt: null,
    requiresShipping: true,
    totalQuantity: items.reduce((sum, x) => sum + x.quantity, 0),
    trackingInfo: [tracking],
    events: [],
    fulfillmentLineItems: items.map((x, n) => ({
      id: `gid://shopify/FulfillmentLineItem/${fid * 100 + n + 1}`,
      quantity: x.quantity,
      lineItem: x.item,
    })),
  };
  order.fulfillments.push(fulfillment);
  order.displayFulfillmentStatus =
    unshipped(order).length === 0 ? 'FULFILLED' : 'PARTIALLY_FULFILLED';
  for (const fo of order.fulfillmentOrders) {
    fo.status = order.displayFulfillmentStatus === 'FULFILLED' ? 'CLOSED' : 'IN_PROGRESS';
    fo.updatedAt = at;
  }
  order.updatedAt = at;
  return {
    fulfillment,
    webhooks: [
      { topic: 'fulfillments/create', payload: fulfillmentPayload(order, fulfillment) },
      { topic: 'orders/updated', payload: orderPayload(order) },
    ],
  };
}

export interface TrackingEventInput {
  status: string;
  happenedAt?: string | null;
  message?: string | null;
  address1?: string | null;
  city?: string | null;
  province?: string | null;
  zip?: string | null;
  country?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  estimatedDeliveryAt?: string | null;
}

/**
 * Records a carrier event on `fulfillment` (Shopify's `fulfillmentEventCreate`): the event is
 * appended, the display status follows it, `inTransitAt`/`deliveredAt`/`estimatedDeliveryAt` are
 * set. Returns the event and `fulfillment_events/create`, `fulfillments/update`, `orders/updated`.
 */
export function recordFulfillmentEvent(
  order: SeedOrder,
  fulfillment: SeedFulfillment,
  input: TrackingEventInput,
  now: Date,
): { event: SeedFulfillmentEvent; webhooks: OutgoingWebhook[] } {
  const at = later(order.updatedAt, now);
  const happenedAt = input.happenedAt ?? at;
  const eventNumber = numberOf(fulfillment.id) * 100 + fulfillment.events.length + 1;
  const event: SeedFulfillmentEvent = {
    id: `gid://shopify/FulfillmentEvent/${eventNumber}`,
    status: input.status,
    happenedAt,
    createdAt: at,
    message: input.message ?? null,
    address1: input.address1 ?? null,
    city: input.city ?? null,
    province: input.province ?? null,
    zip: input.zip ?? null,
    country: input.country ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    estimatedDeliveryAt: input.estimatedDeliveryAt ?? null,
  };
  fulfillment.events.push(event);
  if (DISPLAY_FROM_EVENT.has(input.status)) fulfillment.displayStatus = input.status;
  if (input.status === 'IN_TRANSIT' || input.status === 'CARRIER_PICKED_UP') {
    fulfillment.inTransitAt ??= happenedAt;
  }
  if (input.status === 'DELIVERED') {
    fulfillment.inTransitAt ??= happenedAt;
    fulfillment.deliveredAt = happenedAt;
  }
  if (input.estimatedDeliveryAt) fulfillment.estimatedDeliveryAt = input.estimatedDeliveryAt;
  fulfillment.updatedAt = at;
  order.updatedAt = at;
  return {
    event,
    webhooks: [
      {
        topic: 'fulfillment_events/create',
        payload: fulfillmentEventPayload(order, fulfillment, event),
      },
      { topic: 'fulfillments/update', payload: fulfillmentPayload(order, fulfillment) },
      { topic: 'orders/updated', payload: orderPayload(order) },
    ],
  };
}

/** A DELIVERED event on the order's newest fulfilment. Throws OrderActionError `not_shipped`. */
export function deliverOrder(
  order: SeedOrder,
  now: Date,
  place: { city?: string; country?: string } = {},
) {
  const fulfillment = order.fulfillments.at(-1);
  if (!fulfillment) throw new OrderActionError('not_shipped', `${order.name} has not been shipped`);
  return recordFulfillmentEvent(
    order,
    fulfillment,
    {
      status: 'DELIVERED',
      message: 'Delivered',
      city: place.city ?? order.shippingAddress?.city ?? null,
      country: place.country ?? order.shippingAddress?.country ?? null,
    },
    now,
  );
}

/** Cancels the order (Shopify's `orderCancel`): `orders/cancelled` then `orders/updated`. */
export function cancelOrder(
  order: SeedOrder,
  now: Date,
  reason = 'CUSTOMER',
): { webhooks: OutgoingWebhook[] } {
  if (order.cancelledAt)
    throw new OrderActionError('cancelled', `${order.name} is already cancelled`);
  const at = later(order.updatedAt, now);
  order.cancelledAt = at;
  order.cancelReason = reason;
  order.closed = true;
  order.closedAt = at;
  order.updatedAt = at;
  for (const fo of order.fulfillmentOrders) {
    if (fo.status !== 'CLOSED') fo.status = 'CLOSED';
    fo.updatedAt = at;
  }
  return {
    webhooks: [
      { topic: 'orders/cancelled', payload: orderPayload(order) },
      { topic: 'orders/updated', payload: orderPayload(order) },
    ],
  };
}
