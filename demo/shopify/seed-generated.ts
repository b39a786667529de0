// Thousands of generated orders in every delivery state, after the hand-written ones, so the
// merchant overview in the demo's admin looks like a real shop's. Guest checkouts: no customer
// accounts, so the storefront's login page keeps offering the hand-written customers only.
import { generateOrders } from '../../src/overview/generate.js';
import type {
  SeedOrder as GeneratedOrder,
  SeedShipment as GeneratedShipment,
  SeedEvent,
} from '../../src/overview/seed.js';
import {
  buildOrder,
  type EventSpec,
  hoursFrom,
  type OrderSpec,
  type PersonSpec,
  type ShipmentSpec,
} from './seed-builders.js';
import type { SeedOrder } from './seed-types.js';

/** How many generated orders the demo shop has, unless told otherwise. */
export const GENERATED_ORDER_COUNT = 3000;
/** Generated orders are numbered from here up, in the order they were placed. */
export const GENERATED_FIRST_NUMBER = 2001;
/** Their sequence numbers (legacy ids) start here, far above the hand-written ones'. */
const FIRST_SEQ = 100_000;

const FIRST_NAMES = ['Ingrid', 'Lars', 'Sofia', 'Mats', 'Aino', 'Jonas', 'Freja', 'Emil', 'Nora'];
const LAST_NAMES = ['Berg', 'Lund', 'Nilsen', 'Virtanen', 'Jensen', 'Schmidt', 'Smith', 'Dahl'];
const PLACES: Record<string, { city: string; zip: string; country: string }> = {
  NO: { city: 'Oslo', zip: '0151', country: 'Norway' },
  SE: { city: 'Stockholm', zip: '111 22', country: 'Sweden' },
  DK: { city: 'Aarhus', zip: '8000', country: 'Denmark' },
  DE: { city: 'Hamburg', zip: '20095', country: 'Germany' },
  US: { city: 'Portland', zip: '97205', country: 'United States' },
  GB: { city: 'Leeds', zip: 'LS1 4AP', country: 'United Kingdom' },
  FI: { city: 'Tampere', zip: '33100', country: 'Finland' },
  NL: { city: 'Utrecht', zip: '3511 AA', country: 'Netherlands' },
};
const ITEMS = [
  { title: 'Merino Hiking Socks', variant: 'Grey / M', quantity: 2, sku: 'SOCK-GRY-M' },
  { title: 'Fjord Rain Jacket', variant: 'Navy / L', quantity: 1, sku: 'JKT-NVY-L' },
  { title: 'Enamel Camp Mug', quantity: 1, sku: 'MUG-ENM' },
  { title: 'Trail Boots', variant: 'EU 42', quantity: 1, sku: 'BOOT-42' },
];

/** Shopify's FulfillmentDisplayStatus for a generated shipment's normalised status. */
const DISPLAY_STATUS: Record<string, string> = {
  label_created: 'LABEL_PRINTED',
  in_transit: 'IN_TRANSIT',
  out_for_delivery: 'OUT_FOR_DELIVERY',
  ready_for_pickup: 'READY_FOR_PICKUP',
  attempted_delivery: 'ATTEMPTED_DELIVERY',
  delayed: 'DELAYED',
  delivered: 'DELIVERED',
  failure: 'FAILURE',
  // Shopify has no "returned" display status; a returned parcel shows as a failed delivery.
  returned_to_sender: 'FAILURE',
  cancelled: 'CANCELED',
};

const HOUR = 3_600_000;

function person(seq: number, n: number, countryCode: string): PersonSpec {
  const place = PLACES[countryCode] ?? { city: 'Oslo', zip: '0151', country: 'Norway' };
  return {
    id: seq,
    firstName: FIRST_NAMES[n % FIRST_NAMES.length] ?? 'Ingrid',
    lastName: LAST_NAMES[(n * 7) % LAST_NAMES.length] ?? 'Berg',
    email: `guest${seq}@example.net`,
    phone: `+47 410 ${String(seq).slice(-5)}`,
    address1: `Harbour Street ${(n % 90) + 1}`,
    city: place.city,
    zip: place.zip,
    country: place.country,
    countryCode,
    note: '',
    tags: [],
  };
}

function shipmentSpec(s: GeneratedShipment, hoursAgo: (iso: string) => number): ShipmentSpec {
  const events = (s.events ?? []).map(
    (e: SeedEvent): EventSpec => ({
      status: e.status,
      hoursAgo: hoursAgo(e.at),
      message: e.message ?? 'Scanned by the carrier',
    }),
  );
  return {
    displayStatus: DISPLAY_STATUS[s.status] ?? 'FULFILLED',
    status: s.status === 'cancelled' ? 'CANCELLED' : 'SUCCESS',
    createdHoursAgo: hoursAgo(s.createdAt),
    ...(s.inTransitAt ? { inTransitHoursAgo: hoursAgo(s.inTransitAt) } : {}),
    ...(s.deliveredAt ? { deliveredHoursAgo: hoursAgo(s.deliveredAt) } : {}),
    ...(s.estimatedDeliveryAt ? { estimatedInHours: -hoursAgo(s.estimatedDeliveryAt) } : {}),
    tracking: [
      {
        company: s.carrierName ?? null,
        number: s.trackingNumber ?? null,
        url: s.trackingUrl ?? null,
      },
    ],
    events,
  };
}

function orderSpec(o: GeneratedOrder, index: number, now: number): OrderSpec {
  const hoursAgo = (iso: string) => (now - Date.parse(iso)) / HOUR;
  const seq = FIRST_SEQ + index;
  const shipments = (o.shipments ?? []).map((s) => shipmentSpec(s, hoursAgo));
  const waiting = o.fulfillmentOrders?.find((f) => f.status !== 'CLOSED');
  const item = ITEMS[index % ITEMS.length] ?? ITEMS[0];
  return {
    seq,
    name: `#${GENERATED_FIRST_NUMBER + index}`,
    person: person(seq, index, o.destinationCountryCode ?? 'NO'),
    processedHoursAgo: hoursAgo(o.processedAt),
    financial: 'PAID',
    fulfillment: o.cancelledAt
      ? 'UNFULFILLED'
      : waiting
        ? waiting.status === 'IN_PROGRESS'
          ? 'IN_PROGRESS'
          : waiting.status === 'ON_HOLD'
            ? 'ON_HOLD'
            : waiting.status === 'SCHEDULED'
              ? 'SCHEDULED'
              : 'UNFULFILLED'
        : 'FULFILLED',
    ...(o.cancelledAt
      ? { cancelled: { hoursAgo: hoursAgo(o.cancelledAt), reason: 'CUSTOMER' } }
      : {}),
    items: item ? [item] : [],
    shipments,
    fulfillmentOrders: (o.fulfillmentOrders ?? []).map((f) => ({
      status: f.status,
      ...(f.fulfillAt ? { fulfillAtInHours: -hoursAgo(f.fulfillAt) } : {}),
      ...(f.status === 'ON_HOLD'
        ? {
            holds: [
              {
                reason: 'INVENTORY_OUT_OF_STOCK',
                displayReason: 'Inventory out of stock',
                reasonNotes: 'Waiting for the next delivery from the supplier',
              },
            ],
          }
        : {}),
    })),
    note: '',
    tags: [],
    comments: [],
  };
}

/**
 * `count` generated orders of the last `days` before `now`, as the Admin API returns them: guest
 * checkouts (no customer), numbered `#2001` upwards in the order they were placed. Deterministic
 * for a given `now`.
 */
export function generatedAdminOrders(
  now: Date,
  count: number = GENERATED_ORDER_COUNT,
  days = 60,
): SeedOrder[] {
  const at = hoursFrom(now);
  const generated = generateOrders({ count, now: now.getTime(), days, seed: 2026, prefix: 'g' })
    .slice()
    .sort((a, b) => Date.parse(a.processedAt) - Date.parse(b.processedAt));
  return generated.map((o, i) => ({
    ...buildOrder(orderSpec(o, i, now.getTime()), at),
    customer: null,
  }));
}
