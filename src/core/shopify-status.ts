// Shopify's status enums → what the tracking view shows. One explicit entry per schema value; unknown values get a neutral default.
import type { MilestoneState, ShipmentStatus } from '../contract/tracking-view.js';

/** A milestone's state and the detail word the widget labels it with. */
export interface MilestoneStep {
  state: MilestoneState;
  detail: string;
}

/** Shown for any status Shopify adds after this table was written: a neutral, unstyled step. */
export const NEUTRAL_STEP: MilestoneStep = { state: 'current', detail: 'other' };

/** OrderDisplayFinancialStatus → the `payment` milestone. */
export const FINANCIAL_STATUS: Record<string, MilestoneStep> = {
  PENDING: { state: 'current', detail: 'pending' },
  AUTHORIZED: { state: 'done', detail: 'authorized' },
  PARTIALLY_PAID: { state: 'current', detail: 'partially_paid' },
  PAID: { state: 'done', detail: 'paid' },
  PARTIALLY_REFUNDED: { state: 'done', detail: 'partially_refunded' },
  REFUNDED: { state: 'done', detail: 'refunded' },
  VOIDED: { state: 'problem', detail: 'voided' },
  EXPIRED: { state: 'problem', detail: 'expired' },
};

/** OrderDisplayFulfillmentStatus → the `fulfillment` milestone (before fulfillment orders refine it). */
export const FULFILLMENT_STATUS: Record<string, MilestoneStep> = {
  UNFULFILLED: { state: 'current', detail: 'unfulfilled' },
  OPEN: { state: 'current', detail: 'unfulfilled' },
  PENDING_FULFILLMENT: { state: 'current', detail: 'unfulfilled' },
  IN_PROGRESS: { state: 'current', detail: 'in_progress' },
  SCHEDULED: { state: 'current', detail: 'scheduled' },
  ON_HOLD: { state: 'current', detail: 'on_hold' },
  PARTIALLY_FULFILLED: { state: 'current', detail: 'partially_fulfilled' },
  FULFILLED: { state: 'done', detail: 'fulfilled' },
  FULFILLMENT_NOT_REQUIRED: { state: 'done', detail: 'not_required' },
  REQUEST_DECLINED: { state: 'problem', detail: 'request_declined' },
  RESTOCKED: { state: 'problem', detail: 'restocked' },
};

/** OrderReturnStatus → the `return` milestone; `null` means there is no return to show. */
export const RETURN_STATUS: Record<string, MilestoneStep | null> = {
  NO_RETURN: null,
  RETURN_REQUESTED: { state: 'current', detail: 'requested' },
  IN_PROGRESS: { state: 'current', detail: 'in_progress' },
  INSPECTION_COMPLETE: { state: 'current', detail: 'inspection_complete' },
  RETURNED: { state: 'done', detail: 'returned' },
  RETURN_FAILED: { state: 'problem', detail: 'failed' },
};

/**
 * FulfillmentDisplayStatus → shipment status. `unknown` for FULFILLED / MARKED_AS_FULFILLED: the
 * parcel has left but no carrier has reported on it (the widget says "Shipped").
 */
export const FULFILLMENT_DISPLAY_STATUS: Record<string, ShipmentStatus> = {
  LABEL_PRINTED: 'label_created',
  LABEL_PURCHASED: 'label_created',
  CONFIRMED: 'label_created',
  SUBMITTED: 'label_created',
  LABEL_VOIDED: 'cancelled',
  CANCELED: 'cancelled',
  CARRIER_PICKED_UP: 'in_transit',
  IN_TRANSIT: 'in_transit',
  OUT_FOR_DELIVERY: 'out_for_delivery',
  READY_FOR_PICKUP: 'ready_for_pickup',
  ATTEMPTED_DELIVERY: 'attempted_delivery',
  DELAYED: 'delayed',
  DELIVERED: 'delivered',
  PICKED_UP: 'delivered',
  NOT_DELIVERED: 'failure',
  FAILURE: 'failure',
  FULFILLED: 'unknown',
  MARKED_AS_FULFILLED: 'unknown',
};

/** FulfillmentEventStatus → tracking event status. */
export const FULFILLMENT_EVENT_STATUS: Record<string, ShipmentStatus> = {
  LABEL_PRINTED: 'label_created',
  LABEL_PURCHASED: 'label_created',
  CONFIRMED: 'label_created',
  CARRIER_PICKED_UP: 'in_transit',
  IN_TRANSIT: 'in_transit',
  OUT_FOR_DELIVERY: 'out_for_delivery',
  READY_FOR_PICKUP: 'ready_for_pickup',
  ATTEMPTED_DELIVERY: 'attempted_delivery',
  DELAYED: 'delayed',
  DELIVERED: 'delivered',
  FAILURE: 'failure',
};

/** Whether a Fulfillment with this FulfillmentStatus becomes a shipment (cancelled and failed-to-create ones do not). */
export type FulfillmentRecordUse = 'shown' | 'hidden';

/** FulfillmentStatus (OPEN and PENDING are deprecated but still in the schema). */
export const FULFILLMENT_RECORD_STATUS: Record<string, FulfillmentRecordUse> = {
  SUCCESS: 'shown',
  OPEN: 'shown',
  PENDING: 'shown',
  FAILURE: 'shown',
  CANCELLED: 'hidden',
  ERROR: 'hidden',
};

/** What a fulfillment order's status means for the order's fulfillment step. */
export type FulfillmentOrderPhase =
  | 'waiting'
  | 'scheduled'
  | 'on_hold'
  | 'in_progress'
  | 'closed'
  | 'other';

/** FulfillmentOrderStatus → phase; only `scheduled` and `on_hold` refine the fulfillment step. */
export const FULFILLMENT_ORDER_STATUS: Record<string, FulfillmentOrderPhase> = {
  OPEN: 'waiting',
  INCOMPLETE: 'waiting',
  SCHEDULED: 'scheduled',
  ON_HOLD: 'on_hold',
  IN_PROGRESS: 'in_progress',
  CLOSED: 'closed',
  CANCELLED: 'closed',
};

/**
 * FulfillmentHoldReason → the reason a shopper may see. Risk and staff-only reasons read as a plain
 * `other`: a fraud hold must never be shown as one.
 */
export const HOLD_REASON: Record<string, string> = {
  AWAITING_PAYMENT: 'awaiting_payment',
  AWAITING_RETURN_ITEMS: 'awaiting_return_items',
  INCORRECT_ADDRESS: 'incorrect_address',
  INVENTORY_OUT_OF_STOCK: 'out_of_stock',
  UNKNOWN_DELIVERY_DATE: 'unknown_delivery_date',
  HIGH_RISK_OF_FRAUD: 'other',
  ONLINE_STORE_POST_PURCHASE_CROSS_SELL: 'other',
  OTHER: 'other',
};

// Own keys only: a status such as `constructor` must not find Object.prototype's members.
function lookup<T>(table: Record<string, T>, key: string, fallback: T): T {
  return Object.hasOwn(table, key) ? (table[key] as T) : fallback;
}

/** The payment step, or null when Shopify gives no financial status. */
export function financialStep(status: string | null | undefined): MilestoneStep | null {
  if (status == null) return null;
  return lookup(FINANCIAL_STATUS, status, NEUTRAL_STEP);
}

export function fulfillmentStep(status: string): MilestoneStep {
  return lookup(FULFILLMENT_STATUS, status, NEUTRAL_STEP);
}

/** The return step, or null when there is no return. */
export function returnStep(status: string): MilestoneStep | null {
  return lookup(RETURN_STATUS, status, NEUTRAL_STEP);
}

export function shipmentStatusFromDisplay(status: string | null | undefined): ShipmentStatus {
  return status == null ? 'unknown' : lookup(FULFILLMENT_DISPLAY_STATUS, status, 'unknown');
}

export function shipmentStatusFromEvent(status: string): ShipmentStatus {
  return lookup(FULFILLMENT_EVENT_STATUS, status, 'unknown');
}

/** Unknown statuses stay shown: hiding a parcel the shopper is waiting for is worse than a neutral one. */
export function fulfillmentRecordUse(status: string): FulfillmentRecordUse {
  return lookup(FULFILLMENT_RECORD_STATUS, status, 'shown');
}

export function fulfillmentOrderPhase(status: string): FulfillmentOrderPhase {
  return lookup(FULFILLMENT_ORDER_STATUS, status, 'other');
}

export function holdReason(reason: string): string {
  return lookup(HOLD_REASON, reason, 'other');
}
