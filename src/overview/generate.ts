// A deterministic shop's worth of orders in every state, for the benchmark and the demo's board.
import type { SeedEvent, SeedOrder, SeedShipment } from './seed.js';

/** mulberry32: a tiny seeded generator, so the same seed gives the same shop on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CARRIERS = [
  { code: 'bring', name: 'Bring', url: 'https://tracking.bring.com/tracking/' },
  { code: 'posten_norge', name: 'Posten', url: 'https://sporing.posten.no/sporing/' },
  { code: 'postnord', name: 'PostNord', url: 'https://tracking.postnord.com/no/?id=' },
  { code: 'dhl_express', name: 'DHL Express', url: 'https://www.dhl.com/track?id=' },
  { code: 'ups', name: 'UPS', url: 'https://www.ups.com/track?tracknum=' },
  { code: 'usps', name: 'USPS', url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=' },
  { code: null, name: 'Local courier', url: null },
] as const;
const COUNTRIES = ['NO', 'NO', 'NO', 'SE', 'DK', 'DE', 'US', 'GB', 'FI'];

/** Shares of final shipment states, roughly a real shop's: mostly delivered, a tail of trouble. */
const STATES: readonly [string, number][] = [
  ['delivered', 0.62],
  ['in_transit', 0.14],
  ['label_created', 0.03],
  ['out_for_delivery', 0.03],
  ['ready_for_pickup', 0.03],
  ['attempted_delivery', 0.015],
  ['delayed', 0.02],
  ['failure', 0.01],
  ['returned_to_sender', 0.01],
  ['cancelled', 0.005],
];

const DAY = 86_400_000;

/**
 * `count` orders of a shop, processed over the `days` before `now` (ms), deterministic for `seed`.
 * About 8 % wait for fulfilment (open, on hold or scheduled); the rest have one shipment (a few
 * two) whose status, events and dates fit together. Ids are `gid://shopify/…/{prefix}{n}`.
 */
export function generateOrders(options: {
  count: number;
  now: number;
  seed?: number;
  days?: number;
  prefix?: string;
}): SeedOrder[] {
  const { count, now, days = 120, prefix = '' } = options;
  const rnd = random(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const state = () => {
    let x = rnd();
    for (const [name, share] of STATES) {
      x -= share;
      if (x <= 0) return name;
    }
    return 'in_transit';
  };
  const orders: SeedOrder[] = [];
  for (let n = 0; n < count; n++) {
    const id = `${prefix}${n + 1}`;
    // Older orders are more likely delivered: ages skew recent like a growing shop.
    const age = days * rnd() ** 1.5;
    const processed = now - age * DAY;
    const order: SeedOrder = {
      id: `gid://shopify/Order/${id}`,
      name: `#${1001 + n}`,
      processedAt: new Date(processed).toISOString(),
      destinationCountryCode: pick(COUNTRIES),
      confirmationNumber: `C${(n * 7919).toString(36).toUpperCase().padStart(6, '0')}`,
    };
    const waiting = rnd();
    if (age < 6 && waiting < 0.35) {
      order.fulfillmentOrders = [
        waiting < 0.25
          ? { status: 'OPEN' }
          : waiting < 0.3
            ? { status: 'ON_HOLD' }
            : { status: 'SCHEDULED', fulfillAt: new Date(now + 3 * DAY).toISOString() },
      ];
      orders.push(order);
      continue;
    }
    order.fulfillmentOrders = [{ status: 'CLOSED' }];
    const parcels = rnd() < 0.05 ? 2 : 1;
    order.shipments = [];
    for (let p = 0; p < parcels; p++) {
      const carrier = pick(CARRIERS);
      const shipped = processed + (0.2 + rnd() * 1.5) * DAY;
      const status = age < 2 && rnd() < 0.5 ? 'label_created' : state();
      const transit =
        (carrier.code === 'dhl_express' || carrier.code === 'ups' ? 1 : 2) + rnd() * 6;
      const tracking =
        carrier.code === 'posten_norge' || carrier.code === 'usps'
          ? `RR${String(100000000 + n * 3 + p).slice(-9)}${order.destinationCountryCode}`
          : `${carrier.code === 'ups' ? '1Z' : '70'}${String(n * 10 + p).padStart(14, '0')}`;
      const events: SeedEvent[] = [];
      const delivered = Math.min(shipped + transit * DAY, now - 0.1 * DAY);
      if (status !== 'label_created' && status !== 'cancelled') {
        // A stalled share: the last scan stops well before now.
        const stall = rnd() < 0.25 && status !== 'delivered';
        const last = stall ? shipped + 0.5 * DAY : Math.min(now - rnd() * DAY, delivered);
        events.push({
          id: `gid://shopify/FulfillmentEvent/${id}-${p}-1`,
          status: 'IN_TRANSIT',
          at: new Date(shipped + 0.3 * DAY).toISOString(),
          message: 'Parcel received by the carrier',
        });
        if (last > shipped + 0.3 * DAY)
          events.push({
            id: `gid://shopify/FulfillmentEvent/${id}-${p}-2`,
            status: status.toUpperCase(),
            at: new Date(last).toISOString(),
            message: null,
          });
      }
      const shipment: SeedShipment = {
        id: `gid://shopify/Fulfillment/${id}-${p}`,
        status,
        carrierCode: carrier.code,
        carrierName: carrier.name,
        trackingNumber: tracking,
        trackingUrl: carrier.url ? `${carrier.url}${tracking}` : null,
        createdAt: new Date(shipped).toISOString(),
        inTransitAt:
          status === 'label_created' ? null : new Date(shipped + 0.3 * DAY).toISOString(),
        deliveredAt: status === 'delivered' ? new Date(delivered).toISOString() : null,
        firstEstimatedDeliveryAt: new Date(shipped + 4 * DAY).toISOString(),
        estimatedDeliveryAt: new Date(shipped + 4 * DAY).toISOString(),
        events,
      };
      order.shipments.push(shipment);
    }
    orders.push(order);
  }
  return orders;
}
