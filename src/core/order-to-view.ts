// Shopify order → TrackingView: the pure heart of the product. Whitelists fields; no personal data passes.
import type {
  LineItem,
  Milestone,
  Shipment,
  ShipmentStatus,
  TrackingEvent,
  TrackingView,
} from '../contract/tracking-view.js';
import type {
  ShopifyFulfillment,
  ShopifyFulfillmentEvent,
  ShopifyFulfillmentOrder,
  ShopifyOrder,
} from '../shopify/order-schema.js';
import { clip } from './clip.js';
import { newestFirst } from './newest-first.js';
import {
  financialStep,
  fulfillmentOrderPhase,
  fulfillmentRecordUse,
  fulfillmentStep,
  holdReason,
  returnStep,
  shipmentStatusFromDisplay,
  shipmentStatusFromEvent,
} from './shopify-status.js';

// Contract limits (src/contract): free text is shortened to fit, identifiers and times that do not
// fit are left out, because a cut tracking number or URL would point somewhere else.
const MAX = { name: 100, item: 500, carrier: 100, message: 1000, location: 300, enum: 100 };
const MAX_ID = { trackingNumber: 100, trackingUrl: 2000, time: 64 };
const MAX_PRODUCT_ID = 200;

function text(value: string | null | undefined, max: number): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? clip(trimmed, max) : undefined;
}

function identifier(value: string | null | undefined, max: number): string | undefined {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

const time = (value: string | null | undefined) => identifier(value, MAX_ID.time);

// The widget puts this in an href: only web links, never `javascript:` or `data:` from some app.
function webLink(value: string | null | undefined): string | undefined {
  const url = identifier(value, MAX_ID.trackingUrl);
  return url && /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;
}

/** Drops keys whose value is undefined so the JSON carries only what is known. */
function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

// Times are compared as instants; text that does not parse sorts after every real time.
function instant(at: string | undefined): number {
  const ms = at === undefined ? Number.NaN : Date.parse(at);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

function pickTime(times: (string | undefined)[], pick: 'earliest' | 'latest'): string | undefined {
  const known = times.filter((t): t is string => t !== undefined);
  const parsed = known.filter((t) => Number.isFinite(instant(t)));
  if (parsed.length === 0) return known[0];
  const sign = pick === 'earliest' ? 1 : -1;
  return parsed.reduce((best, t) => (sign * (instant(t) - instant(best)) < 0 ? t : best));
}

function toEvent(node: ShopifyFulfillmentEvent): TrackingEvent | undefined {
  const at = time(node.happenedAt);
  if (!at) return undefined;
  const place = [node.city, node.province, node.country]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(', ');
  return defined({
    status: shipmentStatusFromEvent(node.status),
    at,
    message: text(node.message, MAX.message),
    location: text(place, MAX.location),
    source: 'shopify' as const,
    rawStatus: clip(node.status, MAX.enum),
  });
}

function shipmentStatus(fulfillment: ShopifyFulfillment, events: TrackingEvent[]): ShipmentStatus {
  if (time(fulfillment.deliveredAt)) return 'delivered';
  const fromDisplay = shipmentStatusFromDisplay(fulfillment.displayStatus);
  // FULFILLED and unknown display statuses say nothing about the parcel; an event may.
  return fromDisplay !== 'unknown' ? fromDisplay : (events[0]?.status ?? 'unknown');
}

function fulfillmentLineItems(fulfillment: ShopifyFulfillment): LineItem[] {
  return fulfillment.fulfillmentLineItems.nodes.flatMap(({ quantity, lineItem }) =>
    quantity == null
      ? []
      : [{ name: clip(lineItem.name, MAX.item), quantity: Math.max(0, quantity) }],
  );
}

function toShipments(fulfillment: ShopifyFulfillment): Shipment[] {
  const events = newestFirst(
    fulfillment.events.nodes.map(toEvent).filter((e): e is TrackingEvent => e !== undefined),
  );
  const lineItems = fulfillmentLineItems(fulfillment);
  const base = (): Shipment =>
    defined({
      status: shipmentStatus(fulfillment, events),
      rawStatus: fulfillment.displayStatus ? clip(fulfillment.displayStatus, MAX.enum) : undefined,
      shippedAt: time(fulfillment.inTransitAt) ?? time(fulfillment.createdAt),
      estimatedDeliveryAt: time(fulfillment.estimatedDeliveryAt),
      deliveredAt: time(fulfillment.deliveredAt),
      events: events.map((e) => ({ ...e })),
      lineItems: lineItems.map((item) => ({ ...item })),
    });
  const tracking = fulfillment.trackingInfo.filter(
    (t) => t.company?.trim() || t.number?.trim() || t.url?.trim(),
  );
  if (tracking.length === 0) return [base()];
  // Several tracking numbers on one fulfillment are several parcels travelling separately.
  return tracking.map((info) => {
    const carrier = text(info.company, MAX.carrier);
    return defined({
      ...base(),
      carrier: carrier ? { name: carrier } : undefined,
      trackingNumber: identifier(info.number, MAX_ID.trackingNumber),
      trackingUrl: webLink(info.url),
    });
  });
}

function shipmentsOf(order: ShopifyOrder): Shipment[] {
  return order.fulfillments
    .filter((f) => fulfillmentRecordUse(f.status) === 'shown')
    .map((f, i) => ({ f, i }))
    .sort((a, b) => instant(a.f.createdAt) - instant(b.f.createdAt) || a.i - b.i)
    .flatMap(({ f }) => toShipments(f));
}

function shopperHoldReason(orders: ShopifyFulfillmentOrder[]): string {
  const held = orders.filter((fo) => fulfillmentOrderPhase(fo.status) === 'on_hold');
  const reasons = (held.length > 0 ? held : orders).flatMap((fo) =>
    fo.fulfillmentHolds.map((hold) => holdReason(hold.reason)),
  );
  // A specific reason helps the shopper more than `other`, whichever hold Shopify lists first.
  return reasons.find((reason) => reason !== 'other') ?? 'other';
}

function fulfillmentMilestone(order: ShopifyOrder): Milestone {
  const step = fulfillmentStep(order.displayFulfillmentStatus);
  const orders = order.fulfillmentOrders.nodes;
  const anyHeld = orders.some((fo) => fulfillmentOrderPhase(fo.status) === 'on_hold');
  if (step.detail === 'on_hold' || (step.state === 'current' && anyHeld)) {
    return {
      key: 'fulfillment',
      state: 'current',
      detail: 'on_hold',
      reason: shopperHoldReason(orders),
    };
  }
  if (step.detail === 'scheduled') {
    const at = pickTime(
      orders
        .filter((fo) => fulfillmentOrderPhase(fo.status) === 'scheduled')
        .map((fo) => time(fo.fulfillAt)),
      'earliest',
    );
    return defined({ key: 'fulfillment', ...step, at });
  }
  return { key: 'fulfillment', ...step };
}

/**
 * Shipped is `done` only when nothing is left to ship: while items of a partly shipped order still
 * wait (`partial`), the step stays `current` beside the open fulfilment step, so the timeline never
 * ticks "Shipped" green while "Preparing" is still open for the rest.
 */
function shippedMilestone(live: Shipment[], partial: boolean): Milestone {
  if (live.length === 0) return { key: 'shipped', state: 'upcoming' };
  return defined({
    key: 'shipped',
    state: partial ? 'current' : 'done',
    detail: partial ? 'partial' : undefined,
    at: pickTime(
      live.map((s) => s.shippedAt),
      'earliest',
    ),
  });
}

const DELIVERY_PROBLEMS: ShipmentStatus[] = ['attempted_delivery', 'failure', 'returned_to_sender'];
const DELIVERY_NEAR: ShipmentStatus[] = ['out_for_delivery', 'ready_for_pickup'];

function deliveredMilestone(live: Shipment[], fullyFulfilled: boolean): Milestone {
  const key = 'delivered';
  const delivered = live.filter((s) => s.status === 'delivered');
  if (live.length > 0 && delivered.length === live.length && fullyFulfilled) {
    return defined({
      key,
      state: 'done',
      at: pickTime(
        delivered.map((s) => s.deliveredAt),
        'latest',
      ),
    });
  }
  const problem = DELIVERY_PROBLEMS.find((status) => live.some((s) => s.status === status));
  if (problem) return { key, state: 'problem', detail: problem };
  const near = DELIVERY_NEAR.find((status) => live.some((s) => s.status === status));
  if (near) return { key, state: 'current', detail: near };
  if (delivered.length > 0) return { key, state: 'current', detail: 'partial' };
  return { key, state: 'upcoming' };
}

/**
 * The order's items that no shown fulfilment carries yet: ordered quantity minus fulfilled
 * quantity, matched by line item name (the lookup query reads names, not ids). Empty for a
 * cancelled order (the rest will not ship), a fully fulfilled or digital one, and one with nothing
 * shipped yet (the whole order is then "not shipped yet").
 */
function unshippedItems(order: ShopifyOrder): LineItem[] {
  const step = fulfillmentStep(order.displayFulfillmentStatus).detail;
  const shown = order.fulfillments.filter((f) => fulfillmentRecordUse(f.status) === 'shown');
  if (order.cancelledAt || step === 'fulfilled' || step === 'not_required' || !shown.length) {
    return [];
  }
  const fulfilled = new Map<string, number>();
  for (const f of shown) {
    for (const { quantity, lineItem } of f.fulfillmentLineItems.nodes) {
      fulfilled.set(
        lineItem.name,
        (fulfilled.get(lineItem.name) ?? 0) + Math.max(0, quantity ?? 0),
      );
    }
  }
  return order.lineItems.nodes.flatMap(({ name, quantity }) => {
    const shipped = fulfilled.get(name) ?? 0;
    fulfilled.set(name, Math.max(0, shipped - quantity));
    const left = quantity - shipped;
    return left > 0 ? [{ name: clip(name, MAX.item), quantity: left }] : [];
  });
}

/** Some items shipped while others wait: Shopify says partly fulfilled, or items are left over. */
const partlyShipped = (fulfillmentStatus: string, unshipped: readonly LineItem[]): boolean =>
  unshipped.length > 0 || fulfillmentStep(fulfillmentStatus).detail === 'partially_fulfilled';

function milestonesOf(
  order: ShopifyOrder,
  shipments: Shipment[],
  unshipped: LineItem[],
): Milestone[] {
  const milestones: Milestone[] = [
    defined({ key: 'placed', state: 'done', at: time(order.processedAt) }),
  ];
  const payment = financialStep(order.displayFinancialStatus);
  if (payment) milestones.push({ key: 'payment', ...payment });

  const live = shipments.filter((s) => s.status !== 'cancelled');
  const cancelled = Boolean(order.cancelledAt);
  if (!cancelled || live.length > 0) {
    const base = fulfillmentStep(order.displayFulfillmentStatus);
    milestones.push(fulfillmentMilestone(order));
    if (base.detail !== 'not_required') {
      milestones.push(
        shippedMilestone(live, partlyShipped(order.displayFulfillmentStatus, unshipped)),
        deliveredMilestone(live, base.detail === 'fulfilled'),
      );
    }
  }

  const returned = returnStep(order.returnStatus);
  if (returned) milestones.push({ key: 'return', ...returned });
  if (cancelled) {
    milestones.push(defined({ key: 'cancelled', state: 'problem', at: time(order.cancelledAt) }));
  }
  return milestones;
}

/**
 * Recomputes the delivery milestones from the view's shipments. Live carrier data can move a
 * shipment on (out for delivery, delivered) after the Shopify view was built; the timeline must
 * say the same as the shipment cards.
 */
export function refreshDeliveryMilestones(view: TrackingView): TrackingView {
  const live = view.shipments.filter((s) => s.status !== 'cancelled');
  const fullyFulfilled = fulfillmentStep(view.order.fulfillmentStatus).detail === 'fulfilled';
  const partial = partlyShipped(view.order.fulfillmentStatus, view.unshippedLineItems ?? []);
  const milestones = view.milestones.map((m) => {
    if (m.key === 'shipped') return shippedMilestone(live, partial);
    if (m.key === 'delivered') return deliveredMilestone(live, fullyFulfilled);
    return m;
  });
  return { ...view, milestones };
}

export function orderToTrackingView(order: ShopifyOrder): TrackingView {
  const shipments = shipmentsOf(order);
  const unshipped = unshippedItems(order);
  const view: TrackingView = {
    order: {
      name: clip(order.name, MAX.name),
      processedAt: clip(order.processedAt, MAX_ID.time),
      cancelled: Boolean(order.cancelledAt),
      financialStatus: order.displayFinancialStatus
        ? clip(order.displayFinancialStatus, MAX.enum)
        : null,
      fulfillmentStatus: clip(order.displayFulfillmentStatus, MAX.enum),
      returnStatus: clip(order.returnStatus, MAX.enum),
      lineItems: order.lineItems.nodes.map(({ name, quantity, product }) => {
        const item: LineItem = { name: clip(name, MAX.item), quantity: Math.max(0, quantity) };
        if (product?.id && product.id.length <= MAX_PRODUCT_ID) item.productId = product.id;
        return item;
      }),
    },
    milestones: milestonesOf(order, shipments, unshipped),
    shipments,
  };
  if (unshipped.length > 0) view.unshippedLineItems = unshipped;
  return view;
}
