// TrackingView: the one shape the proxy sends and the widget draws. No personal or staff-only data.
import { z } from 'zod';

/** Normalised shipment statuses (DESIGN.md). Carriers and Shopify map into these; anything else is `unknown`. */
export const SHIPMENT_STATUSES = [
  'label_created',
  'in_transit',
  'out_for_delivery',
  'ready_for_pickup',
  'attempted_delivery',
  'delayed',
  'delivered',
  'failure',
  'returned_to_sender',
  'cancelled',
  'unknown',
] as const;
export const ShipmentStatusSchema = z.enum(SHIPMENT_STATUSES);
export type ShipmentStatus = z.infer<typeof ShipmentStatusSchema>;

export const MILESTONE_STATES = ['done', 'current', 'upcoming', 'problem'] as const;
export const MilestoneStateSchema = z.enum(MILESTONE_STATES);
export type MilestoneState = z.infer<typeof MilestoneStateSchema>;

/**
 * ISO-8601 timestamp as Shopify and carriers send it; the widget formats it with Intl. A date
 * without a time (`2026-04-20`, some estimates) stays date-only: it names the same calendar day in
 * every zone, so it is never turned into an instant.
 */
const Timestamp = z.string().min(1).max(64);

export const LineItemSchema = z.object({
  name: z.string().max(500),
  quantity: z.number().int().nonnegative(),
  /** The product's GID (`gid://shopify/Product/123`), for recommendations; absent for custom items. */
  productId: z.string().max(200).optional(),
});
export type LineItem = z.infer<typeof LineItemSchema>;

export const TrackingEventSchema = z.object({
  status: ShipmentStatusSchema,
  at: Timestamp,
  message: z.string().max(1000).optional(),
  location: z.string().max(300).optional(),
  /** Where the event came from: Shopify's fulfillment events or a carrier's live API. */
  source: z.enum(['shopify', 'carrier']).optional(),
  /** The source's own status code, kept beside the normalised status. */
  rawStatus: z.string().max(100).optional(),
  /**
   * BCP 47 language of `message` when known (`nb`, `en`); absent for Shopify's own text. The widget
   * shows the message only when this is absent or matches the shopper's language.
   */
  messageLanguage: z.string().max(35).optional(),
});
export type TrackingEvent = z.infer<typeof TrackingEventSchema>;

export const CarrierSchema = z.object({
  /** Display name, e.g. "Bring", "DHL Express". */
  name: z.string().max(100),
  /** Stable identifier when the carrier is recognised, e.g. "bring", "dhl_express". */
  code: z.string().max(50).optional(),
});
export type Carrier = z.infer<typeof CarrierSchema>;

export const ShipmentSchema = z.object({
  status: ShipmentStatusSchema,
  /** Shopify's FulfillmentDisplayStatus (open string), kept for the record. */
  rawStatus: z.string().max(100).optional(),
  carrier: CarrierSchema.optional(),
  trackingNumber: z.string().max(100).optional(),
  trackingUrl: z.string().max(2000).optional(),
  shippedAt: Timestamp.optional(),
  estimatedDeliveryAt: Timestamp.optional(),
  deliveredAt: Timestamp.optional(),
  /** Newest first. */
  events: z.array(TrackingEventSchema),
  lineItems: z.array(LineItemSchema),
  /** Not delivered and no news for several days. */
  stalled: z.boolean().optional(),
  /** `unavailable` when a configured carrier could not be reached; the view then holds Shopify's data only. */
  liveTracking: z.enum(['live', 'unavailable']).optional(),
});
export type Shipment = z.infer<typeof ShipmentSchema>;

/**
 * Milestone keys the core emits: placed, payment, fulfillment, shipped, out_for_delivery, delivered,
 * return, cancelled. `detail` refines a key (payment: the lower-cased financial status; fulfillment:
 * unfulfilled, scheduled, on_hold, in_progress, partially_fulfilled, fulfilled, not_required...;
 * on hold: the shopper-safe hold reason). Both are open strings: the widget shows a neutral step
 * for anything it does not know.
 */
export const MilestoneSchema = z.object({
  key: z.string().max(50),
  state: MilestoneStateSchema,
  at: Timestamp.optional(),
  detail: z.string().max(100).optional(),
  /** fulfillment on hold: the shopper-safe reason (never fraud-related wording). */
  reason: z.string().max(100).optional(),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

export const OrderSummarySchema = z.object({
  name: z.string().max(100),
  processedAt: Timestamp,
  cancelled: z.boolean(),
  /** Raw Shopify enums as open strings (null when Shopify gives none). */
  financialStatus: z.string().max(100).nullable(),
  fulfillmentStatus: z.string().max(100),
  returnStatus: z.string().max(100),
  lineItems: z.array(LineItemSchema),
});
export type OrderSummary = z.infer<typeof OrderSummarySchema>;

export const TrackingViewSchema = z.object({
  order: OrderSummarySchema,
  milestones: z.array(MilestoneSchema),
  shipments: z.array(ShipmentSchema),
  /**
   * Items of a partly shipped order that are in no shipment yet (ordered minus fulfilled
   * quantities). Absent or empty when nothing is left to ship.
   */
  unshippedLineItems: z.array(LineItemSchema).optional(),
});
export type TrackingView = z.infer<typeof TrackingViewSchema>;

/** One row of a logged-in customer's recent orders (GET /proxy/orders). */
export const OrderListItemSchema = z.object({
  name: z.string().max(100),
  processedAt: Timestamp,
  cancelled: z.boolean(),
  financialStatus: z.string().max(100).nullable(),
  fulfillmentStatus: z.string().max(100),
});
export type OrderListItem = z.infer<typeof OrderListItemSchema>;

export const OrderListSchema = z.object({ orders: z.array(OrderListItemSchema) });
export type OrderList = z.infer<typeof OrderListSchema>;
