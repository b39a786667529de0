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

/** Carriers as Shopify's `trackingInfo.company` names them, with our code and a tracking link. */
export const GENERATED_CARRIERS = [
  { code: 'bring', name: 'Bring', url: 'https://tracking.bring.com/tracking/', days: 3 },
  {
    code: 'posten_norge',
    name: 'Posten Norge',
    url: 'https://sporing.posten.no/sporing/',
    days: 5,
  },
  { code: 'postnord', name: 'PostNord', url: 'https://tracking.postnord.com/no/?id=', days: 4 },
  { code: 'dhl_express', name: 'DHL Express', url: 'https://www.dhl.com/track?id=', days: 2 },
  { code: 'ups', name: 'UPS', url: 'https://www.ups.com/track?tracknum=', days: 2 },
  {
    code: 'usps',
    name: 'USPS',
    url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=',
    days: 8,
  },
  { code: 'gls', name: 'GLS', url: 'https://gls-group.com/track/', days: 3 },
  { code: null, name: 'Local courier', url: null, days: 1 },
] as const;
const COUNTRIES = ['NO', 'NO', 'NO', 'NO', 'SE', 'SE', 'DK', 'DE', 'US', 'GB', 'FI', 'NL'];

/** Statuses of a parcel still travelling, by share. */
const TRAVELLING: readonly [string, number][] = [
  ['in_transit', 0.7],
  ['label_created', 0.06],
  ['out_for_delivery', 0.08],
  ['ready_for_pickup', 0.06],
  ['attempted_delivery', 0.04],
  ['delayed', 0.06],
];
/** How a journey that should be over ended, by share: mostly delivered, a tail of trouble. */
const ENDED: readonly [string, number][] = [
  ['delivered', 0.94],
  ['failure', 0.012],
  ['returned_to_sender', 0.01],
  ['cancelled', 0.006],
  ['ready_for_pickup', 0.008],
  ['delayed', 0.008],
  ['in_transit', 0.016],
];

const DAY = 86_400_000;

/** Raw Shopify FulfillmentEventStatus for a normalised status (returned parcels report a failure). */
const EVENT_STATUS: Record<string, string> = {
  in_transit: 'IN_TRANSIT',
  out_for_delivery: 'OUT_FOR_DELIVERY',
  ready_for_pickup: 'READY_FOR_PICKUP',
  attempted_delivery: 'ATTEMPTED_DELIVERY',
  delayed: 'DELAYED',
  delivered: 'DELIVERED',
  failure: 'FAILURE',
  returned_to_sender: 'FAILURE',
};

/**
 * `count` orders of a shop, processed over the `days` before `now` (ms), deterministic for `seed`.
 * Recent orders may still wait (open, on hold, scheduled) or travel; a journey older than its
 * carrier's usual days has mostly ended (delivered, a tail of failures and returns), and a few
 * stop hearing from the carrier (stalled). About 1 % of orders are cancelled. Names count up from
 * `firstNumber` (`#1001` by default); ids are `gid://shopify/…/{prefix}{n}`.
 */
export function generateOrders(options: {
  count: number;
  now: number;
  seed?: number;
  days?: number;
  prefix?: string;
  firstNumber?: number;
}): SeedOrder[] {
  const { count, now, days = 120, prefix = '', firstNumber = 1001 } = options;
  const rnd = random(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const share = (table: readonly [string, number][]) => {
    let x = rnd();
    for (const [name, part] of table) {
      x -= part;
      if (x <= 0) return name;
    }
    return table[0]?.[0] ?? 'in_transit';
  };
  const orders: SeedOrder[] = [];
  for (let n = 0; n < count; n++) {
    const id = `${prefix}${n + 1}`;
    // Ages skew recent like a growing shop.
    const age = days * rnd() ** 1.5;
    const processed = now - age * DAY;
    const number = firstNumber + n;
    const order: SeedOrder = {
      id: `gid://shopify/Order/${id}`,
      name: `#${number}`,
      processedAt: new Date(processed).toISOString(),
      destinationCountryCode: pick(COUNTRIES),
      confirmationNumber: `C${(number * 7919).toString(36).toUpperCase().padStart(8, '0')}`,
    };
    if (rnd() < 0.01) {
      order.cancelledAt = new Date(processed + 0.2 * DAY).toISOString();
      order.fulfillmentOrders = [{ status: 'CLOSED' }];
      orders.push(order);
      continue;
    }
    const waiting = rnd();
    // Waiting for fulfilment: mostly the last few days, a long tail of forgotten orders.
    if ((age < 4 && waiting < 0.5) || waiting < 0.004) {
      order.fulfillmentOrders = [
        waiting < 0.35 || waiting < 0.004
          ? { status: rnd() < 0.85 ? 'OPEN' : 'IN_PROGRESS' }
          : waiting < 0.43
            ? { status: 'ON_HOLD' }
            : {
                status: 'SCHEDULED',
                fulfillAt: new Date(now + (1 + rnd() * 6) * DAY).toISOString(),
              },
      ];
      orders.push(order);
      continue;
    }
    order.fulfillmentOrders = [{ status: 'CLOSED' }];
    const parcels = rnd() < 0.05 ? 2 : 1;
    order.shipments = [];
    for (let p = 0; p < parcels; p++) {
      const carrier = pick(GENERATED_CARRIERS);
      const shipped = Math.min(processed + (0.1 + rnd() * 1.5) * DAY, now - 0.05 * DAY);
      const transit = carrier.days * (0.6 + rnd() * 0.8);
      const sinceShipped = (now - shipped) / DAY;
      const status =
        sinceShipped < 0.3
          ? 'label_created'
          : sinceShipped < transit
            ? share(TRAVELLING)
            : share(ENDED);
      const country = order.destinationCountryCode ?? 'NO';
      const serial = String(100_000_000 + ((n * 7 + p) % 900_000_000)).slice(-9);
      const tracking =
        carrier.code === 'posten_norge' || carrier.code === 'usps'
          ? `RR${serial}${country}`
          : carrier.code === 'ups'
            ? `1Z${prefix.replace(/\W/g, '').toUpperCase()}${String(n * 10 + p).padStart(12, '0')}`
            : `${carrier.code === null ? 'LC' : '70'}${String(n * 10 + p).padStart(14, '0')}`;
      const events: SeedEvent[] = [];
      const ended = Math.min(shipped + transit * DAY, now - 0.05 * DAY);
      const pickedUp = shipped + Math.min(0.25, sinceShipped / 2) * DAY;
      let lastEvent: number | null = null;
      if (status !== 'label_created' && status !== 'cancelled') {
        // One in twelve goes silent after pickup; journeys that should be over last heard of at
        // their end, travelling ones within the last day.
        const silent = status !== 'delivered' && rnd() < 0.08;
        const over = sinceShipped >= transit;
        const last = silent ? pickedUp : over ? ended : Math.max(pickedUp, now - rnd() * DAY);
        events.push({
          id: `gid://shopify/FulfillmentEvent/${id}-${p}-1`,
          status: 'IN_TRANSIT',
          at: new Date(pickedUp).toISOString(),
          message: 'Parcel received by the carrier',
        });
        if (last > pickedUp)
          events.push({
            id: `gid://shopify/FulfillmentEvent/${id}-${p}-2`,
            status: EVENT_STATUS[status] ?? 'IN_TRANSIT',
            at: new Date(last).toISOString(),
            message: null,
          });
        lastEvent = last;
      }
      const estimate = new Date(shipped + carrier.days * DAY).toISOString();
      const shipment: SeedShipment = {
        id: `gid://shopify/Fulfillment/${id}-${p}`,
        status,
        carrierCode: carrier.code,
        carrierName: carrier.name,
        trackingNumber: tracking,
        trackingUrl: carrier.url ? `${carrier.url}${tracking}` : null,
        createdAt: new Date(shipped).toISOString(),
        inTransitAt: lastEvent === null ? null : new Date(pickedUp).toISOString(),
        deliveredAt: status === 'delivered' ? new Date(lastEvent ?? ended).toISOString() : null,
        firstEstimatedDeliveryAt: estimate,
        estimatedDeliveryAt: status === 'delayed' ? new Date(now + DAY).toISOString() : estimate,
        events,
      };
      order.shipments.push(shipment);
    }
    orders.push(order);
  }
  return orders;
}
