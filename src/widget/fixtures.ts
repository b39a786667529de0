// Sample TrackingViews for the widget's tests, one per state the timeline draws.
import type { Milestone, Shipment, TrackingView } from '../contract/tracking-view.js';
import { englishStrings } from './strings.js';

export const strings = englishStrings();

export function shipment(overrides: Partial<Shipment> = {}): Shipment {
  return {
    status: 'in_transit',
    carrier: { name: 'Bring' },
    trackingNumber: '370712345678901234',
    trackingUrl: 'https://tracking.example/370712345678901234',
    shippedAt: '2026-11-02T09:00:00Z',
    estimatedDeliveryAt: '2026-11-05T12:00:00Z',
    events: [
      { status: 'in_transit', at: '2026-11-03T08:00:00Z', message: 'Sorted', location: 'Oslo, NO' },
      { status: 'label_created', at: '2026-11-02T09:00:00Z' },
    ],
    lineItems: [{ name: 'Wool socks', quantity: 2 }],
    ...overrides,
  };
}

export function view(
  milestones: Milestone[],
  shipments: Shipment[] = [],
  order: Partial<TrackingView['order']> = {},
  unshippedLineItems?: TrackingView['unshippedLineItems'],
): TrackingView {
  return {
    ...(unshippedLineItems && { unshippedLineItems }),
    order: {
      name: '#1001',
      processedAt: '2026-11-01T10:00:00Z',
      cancelled: false,
      financialStatus: 'PAID',
      fulfillmentStatus: 'UNFULFILLED',
      returnStatus: 'NO_RETURN',
      lineItems: [{ name: 'Wool socks', quantity: 2 }],
      ...order,
    },
    milestones,
    shipments,
  };
}

const placed: Milestone = { key: 'placed', state: 'done', at: '2026-11-01T10:00:00Z' };
const paid: Milestone = { key: 'payment', state: 'done', detail: 'paid' };

/** VIEWS.partlyShipped with the item still waiting. */
const partlyShippedItems = [{ name: 'Enamel camp mug', quantity: 1 }];

export const VIEWS = {
  inTransit: view(
    [
      placed,
      paid,
      { key: 'fulfillment', state: 'done', detail: 'fulfilled' },
      { key: 'shipped', state: 'done', at: '2026-11-02T09:00:00Z' },
      { key: 'delivered', state: 'upcoming' },
    ],
    [shipment()],
    { fulfillmentStatus: 'FULFILLED' },
  ),
  severalShipments: view(
    [
      placed,
      paid,
      { key: 'fulfillment', state: 'done', detail: 'fulfilled' },
      { key: 'shipped', state: 'done', at: '2026-11-02T09:00:00Z' },
      { key: 'delivered', state: 'current', detail: 'partial' },
    ],
    [
      shipment({
        status: 'delivered',
        deliveredAt: '2026-11-04T15:00:00Z',
        lineItems: [{ name: 'Wool socks', quantity: 2 }],
      }),
      shipment({
        carrier: { name: 'PostNord' },
        trackingNumber: '00370000000000000001',
        lineItems: [{ name: 'Rain jacket', quantity: 1 }],
      }),
    ],
  ),
  cancelled: view(
    [
      placed,
      { key: 'payment', state: 'done', detail: 'refunded' },
      { key: 'cancelled', state: 'problem', at: '2026-11-02T10:00:00Z' },
    ],
    [],
    { cancelled: true },
  ),
  onHold: view([
    placed,
    paid,
    { key: 'fulfillment', state: 'current', detail: 'on_hold', reason: 'out_of_stock' },
    { key: 'shipped', state: 'upcoming' },
    { key: 'delivered', state: 'upcoming' },
  ]),
  scheduled: view([
    placed,
    paid,
    { key: 'fulfillment', state: 'current', detail: 'scheduled', at: '2026-12-01T09:00:00Z' },
    { key: 'shipped', state: 'upcoming' },
    { key: 'delivered', state: 'upcoming' },
  ]),
  digital: view([placed, paid, { key: 'fulfillment', state: 'done', detail: 'not_required' }], [], {
    fulfillmentStatus: 'FULFILLMENT_NOT_REQUIRED',
  }),
  returning: view(
    [
      placed,
      paid,
      { key: 'fulfillment', state: 'done', detail: 'fulfilled' },
      { key: 'shipped', state: 'done', at: '2026-11-02T09:00:00Z' },
      { key: 'delivered', state: 'done', at: '2026-11-04T15:00:00Z' },
      { key: 'return', state: 'current', detail: 'in_progress' },
    ],
    [shipment({ status: 'delivered', deliveredAt: '2026-11-04T15:00:00Z' })],
    { returnStatus: 'IN_PROGRESS' },
  ),
  partlyShipped: view(
    [
      placed,
      paid,
      { key: 'fulfillment', state: 'current', detail: 'partially_fulfilled' },
      { key: 'shipped', state: 'current', detail: 'partial', at: '2026-11-02T09:00:00Z' },
      { key: 'delivered', state: 'upcoming' },
    ],
    [shipment()],
    { fulfillmentStatus: 'PARTIALLY_FULFILLED' },
    partlyShippedItems,
  ),
  /** A parcel with a long history (62 events, newest first). */
  longHistory: view(
    [placed, paid, { key: 'shipped', state: 'done', at: '2026-11-02T09:00:00Z' }],
    [
      shipment({
        events: Array.from({ length: 62 }, (_, i) => ({
          status: 'in_transit' as const,
          at: new Date(Date.UTC(2026, 10, 2, 9) + (62 - i) * 3_600_000).toISOString(),
          message: `Scan ${62 - i}`,
        })),
      }),
    ],
    { fulfillmentStatus: 'FULFILLED' },
  ),
} satisfies Record<string, TrackingView>;
