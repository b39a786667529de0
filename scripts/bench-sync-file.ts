// The benchmark's bulk file: seeded orders in Shopify's grouped bulk JSONL shape, written to disk.
import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';

// A seeded generator, so every run ingests the same file.
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = [
  'Merino hiking socks - Grey / 39-42',
  'Ribbed beanie - Forest green',
  'Down jacket - Navy / M',
  'Wool mittens - Red',
  'Rain shell - Yellow / L',
  'Thermal base layer - Black / S',
  'Trail runners - 43',
];
const CARRIERS = [
  ['Bring', (n: number) => `70712${String(n).padStart(12, '0')}`],
  ['PostNord', (n: number) => `00370${String(n).padStart(13, '0')}`],
  ['DHL Express', (n: number) => String(1_000_000_000 + n)],
  ['UPS', (n: number) => `1Z999AA1${String(n).padStart(10, '0')}`],
] as const;
const PLACES = [
  ['Oslo', 'Norway'],
  ['Bergen', 'Norway'],
  ['Göteborg', 'Sweden'],
  ['Malmö', 'Sweden'],
  ['København', 'Denmark'],
] as const;
const EVENT_STEPS = [
  'LABEL_PRINTED',
  'CONFIRMED',
  'IN_TRANSIT',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
] as const;

/** The email order `n` was placed with (mixed case, as shoppers type it). */
export const emailOf = (n: number) => `Shopper.${n}@Example.com`;

/**
 * Order `n` as Shopify's grouped bulk output writes it: the order line (its `fulfillments` list
 * inline), then its line items and fulfillment orders, then each fulfillment's events and
 * fulfilled lines, each child naming its parent in `__parentId`. 1–5 line items, 1–2 fulfillment
 * orders, 0–3 fulfillments with tracking, each with 0–6 events.
 */
export function orderLines(n: number): string[] {
  const rnd = random(n);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const order = `gid://shopify/Order/${5_000_000 + n}`;
  const base = Date.UTC(2026, 8, 1) + Math.floor(rnd() * 60) * 86_400_000 + n * 1000;
  const at = (hours: number) => new Date(base + hours * 3_600_000).toISOString();
  const lineCount = 1 + Math.floor(rnd() * 5);
  const r = rnd();
  const fulfillmentCount = r < 0.15 ? 0 : r < 0.8 ? 1 : r < 0.95 ? 2 : 3;
  const cancelled = fulfillmentCount === 0 && rnd() < 0.2;
  const [place, country] = pick(PLACES);
  const items = Array.from({ length: lineCount }, (_, i) => ({
    id: `gid://shopify/LineItem/${(5_000_000 + n) * 10 + i}`,
    name: pick(PRODUCTS),
    quantity: 1 + Math.floor(rnd() * 3),
    product: { id: `gid://shopify/Product/${800 + Math.floor(rnd() * 200)}` },
  }));
  const fulfillments: Array<{ head: object; children: object[] }> = [];
  let lastUpdate = 1;
  for (let f = 0; f < fulfillmentCount; f += 1) {
    const id = `gid://shopify/Fulfillment/${(5_000_000 + n) * 10 + f}`;
    const steps = Math.floor(rnd() * 7);
    const delivered = steps === 6;
    const [company, number] = pick(CARRIERS);
    const created = 4 + f * 12;
    const eventAt = (i: number) => created + 2 + i * 9;
    lastUpdate = Math.max(lastUpdate, steps > 0 ? eventAt(steps - 1) : created);
    fulfillments.push({
      head: {
        id,
        status: 'SUCCESS',
        displayStatus: delivered ? 'DELIVERED' : steps > 2 ? 'IN_TRANSIT' : 'CONFIRMED',
        createdAt: at(created),
        updatedAt: at(steps > 0 ? eventAt(steps - 1) : created),
        inTransitAt: steps > 2 ? at(eventAt(2)) : null,
        deliveredAt: delivered ? at(eventAt(5)) : null,
        estimatedDeliveryAt: at(created + 72),
        trackingInfo: [
          {
            company,
            number: number(n * 10 + f),
            url: `https://track.example/${number(n * 10 + f)}`,
          },
        ],
      },
      children: [
        ...Array.from({ length: steps }, (_, i) => ({
          id: `gid://shopify/FulfillmentEvent/${((5_000_000 + n) * 10 + f) * 10 + i}`,
          status: EVENT_STEPS[i],
          happenedAt: at(eventAt(i)),
          message: i === 5 ? 'Delivered to the parcel box' : 'Handled at the terminal',
          city: place,
          province: null,
          country,
          estimatedDeliveryAt: i === 2 ? at(created + 80) : null,
          __parentId: id,
        })),
        ...items
          .filter((_, i) => i % fulfillmentCount === f)
          .map((li, i) => ({
            id: `gid://shopify/FulfillmentLineItem/${((5_000_000 + n) * 10 + f) * 10 + i}`,
            quantity: li.quantity,
            lineItem: { id: li.id, name: li.name },
            __parentId: id,
          })),
      ],
    });
  }
  const foCount = fulfillmentCount > 1 && rnd() < 0.5 ? 2 : 1;
  const head = {
    id: order,
    name: `#${1000 + n}`,
    confirmationNumber: `B${String(n).padStart(9, '0')}`,
    email: emailOf(n),
    processedAt: at(0),
    updatedAt: at(lastUpdate),
    cancelledAt: cancelled ? at(1) : null,
    displayFinancialStatus: cancelled ? 'REFUNDED' : 'PAID',
    displayFulfillmentStatus: fulfillmentCount === 0 ? 'UNFULFILLED' : 'FULFILLED',
    returnStatus: 'NO_RETURN',
    customer: rnd() < 0.9 ? { id: `gid://shopify/Customer/${700_000 + (n % 40_000)}` } : null,
    shippingAddress: {
      countryCodeV2: country === 'Norway' ? 'NO' : country === 'Sweden' ? 'SE' : 'DK',
    },
    fulfillments: fulfillments.map((f) => f.head),
  };
  return [
    JSON.stringify(head),
    ...items.map((li) => JSON.stringify({ ...li, __parentId: order })),
    ...Array.from({ length: foCount }, (_, i) =>
      JSON.stringify({
        id: `gid://shopify/FulfillmentOrder/${(5_000_000 + n) * 10 + i}`,
        status: fulfillmentCount === 0 ? (cancelled ? 'CANCELLED' : 'OPEN') : 'CLOSED',
        fulfillAt: at(0),
        fulfillmentHolds: [],
        __parentId: order,
      }),
    ),
    ...fulfillments.flatMap((f) => f.children.map((c) => JSON.stringify(c))),
  ];
}

/** Writes the file; returns its line count and size in bytes. */
export async function writeBulkFile(
  path: string,
  orders: number,
): Promise<{ lines: number; bytes: number }> {
  const out = createWriteStream(path);
  let lines = 0;
  let chunk: string[] = [];
  const flush = async () => {
    if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
    chunk = [];
  };
  for (let n = 1; n <= orders; n += 1) {
    const group = orderLines(n);
    lines += group.length;
    chunk.push(...group);
    if (chunk.length >= 5000) await flush();
  }
  if (chunk.length) await flush();
  out.end();
  await once(out, 'finish');
  return { lines, bytes: statSync(path).size };
}
