// The demo shop's orders, one or more per status a shopper can meet, dated relative to `now`.
import { buildOrder, hoursFrom, type OrderSpec, type ShipmentSpec } from './seed-builders.js';
import { PEOPLE } from './seed-people.js';
import type { SeedOrder } from './seed-types.js';

const postnord = (number: string) => ({
  company: 'PostNord SE',
  number,
  url: `https://tracking.postnord.com/se/?id=${number}`,
});
const dhl = (number: string) => ({
  company: 'DHL Express',
  number,
  url: `https://www.dhl.com/no-en/home/tracking/tracking-express.html?submit=1&tracking-id=${number}`,
});
const bring = (number: string) => ({
  company: 'Bring',
  number,
  url: `https://tracking.bring.com/tracking/${number}`,
});

const OSLO = { city: 'Oslo', country: 'Norway' };
const MALMO = { city: 'Malmö', province: 'Skåne', country: 'Sweden' };

/** A parcel's ordinary journey up to delivery, `h` hours after it was handed over. */
function deliveredJourney(h: number, last: { city: string; country: string }): ShipmentSpec {
  return {
    displayStatus: 'DELIVERED',
    createdHoursAgo: h,
    inTransitHoursAgo: h - 6,
    deliveredHoursAgo: h - 60,
    estimatedInHours: -(h - 58),
    tracking: [],
    events: [
      { status: 'LABEL_PRINTED', hoursAgo: h, message: 'Shipping label created', ...MALMO },
      { status: 'CARRIER_PICKED_UP', hoursAgo: h - 6, message: 'Picked up', ...MALMO },
      { status: 'IN_TRANSIT', hoursAgo: h - 30, message: 'At the sorting terminal', ...OSLO },
      { status: 'OUT_FOR_DELIVERY', hoursAgo: h - 55, message: 'Out for delivery', ...last },
      { status: 'DELIVERED', hoursAgo: h - 60, message: 'Delivered', ...last },
    ],
  };
}

const SOCKS = { title: 'Merino Hiking Socks', variant: 'Grey / M', quantity: 2, sku: 'SOCK-GRY-M' };
const JACKET = { title: 'Fjord Rain Jacket', variant: 'Navy / L', quantity: 1, sku: 'JKT-NVY-L' };
const MUG = { title: 'Enamel Camp Mug', quantity: 1, sku: 'MUG-ENM' };
const LAMP = { title: 'Aurora Desk Lamp', variant: 'Brass', quantity: 1, sku: 'LAMP-BRS' };
const BOOTS = { title: 'Trail Boots', variant: 'EU 42', quantity: 1, sku: 'BOOT-42' };
const EBOOK = {
  title: 'Field Guide to Nordic Trails (e-book)',
  quantity: 1,
  sku: 'EBOOK-NT',
  digital: true,
};

interface Entry {
  shows: string;
  spec: OrderSpec;
}

const ENTRIES: Entry[] = [
  {
    shows: 'Delivered (PostNord, full event history); customer 7001 has three orders',
    spec: {
      seq: 6001,
      name: '#1001',
      person: PEOPLE.ada,
      processedHoursAgo: 120,
      financial: 'PAID',
      fulfillment: 'FULFILLED',
      items: [SOCKS, MUG],
      shipments: [{ ...deliveredJourney(110, OSLO), tracking: [postnord('RR524378918SE')] }],
      note: 'Staff: gift wrap requested, card says "Happy birthday Ada"',
      tags: ['staff-gift-wrap', 'staff-vip'],
      comments: ['Staff comment: checked stock for both items before packing'],
    },
  },
  {
    shows: 'Name-token twin of #1001 (a search for 1001 finds both); paid, not shipped yet',
    spec: {
      seq: 6002,
      name: '#1001-A',
      person: PEOPLE.grace,
      processedHoursAgo: 20,
      financial: 'PAID',
      fulfillment: 'UNFULFILLED',
      items: [JACKET],
      note: 'Staff: replacement order linked to #1001 by mistake in the name',
      tags: ['staff-replacement'],
      comments: ['Staff comment: name suffix added by the order-editing app'],
    },
  },
  {
    shows: 'Payment pending, not shipped',
    spec: {
      seq: 6003,
      name: '#1002',
      person: PEOPLE.alan,
      processedHoursAgo: 6,
      financial: 'PENDING',
      fulfillment: 'UNFULFILLED',
      items: [BOOTS],
      note: 'Staff: bank transfer expected within 3 days',
      tags: ['staff-bank-transfer'],
      comments: ['Staff comment: reminder e-mail scheduled'],
    },
  },
  {
    shows: 'Payment authorized, not shipped',
    spec: {
      seq: 6004,
      name: '#1003',
      person: PEOPLE.joan,
      processedHoursAgo: 3,
      financial: 'AUTHORIZED',
      fulfillment: 'UNFULFILLED',
      items: [LAMP, MUG],
      note: 'Staff: capture when the lamp is packed',
      tags: ['staff-manual-capture'],
      comments: ['Staff comment: card authorisation valid for 7 days'],
    },
  },
  {
    shows: 'In transit (DHL Express) with events and an estimated delivery',
    spec: {
      seq: 6005,
      name: '#1004',
      person: PEOPLE.linus,
      processedHoursAgo: 50,
      financial: 'PAID',
      fulfillment: 'FULFILLED',
      items: [JACKET, SOCKS],
      shipments: [
        {
          displayStatus: 'IN_TRANSIT',
          createdHoursAgo: 40,
          inTransitHoursAgo: 34,
          estimatedInHours: 30,
          tracking: [dhl('3318810025')],
          events: [
            { status: 'LABEL_PURCHASED', hoursAgo: 40, message: 'Label purchased', ...MALMO },
            { status: 'CARRIER_PICKED_UP', hoursAgo: 34, message: 'Shipment picked up', ...MALMO },
            {
              status: 'IN_TRANSIT',
              hoursAgo: 20,
              message: 'Processed at hub',
              city: 'Leipzig',
              country: 'Germany',
            },
            { status: 'IN_TRANSIT', hoursAgo: 5, message: 'Arrived at delivery facility', ...OSLO },
          ],
        },
      ],
      note: 'Staff: signature required, customer insisted on the phone',
      tags: ['staff-signature'],
      comments: ['Staff comment: upgraded to express at no charge'],
    },
  },
  {
    shows: 'Out for delivery (Bring test parcel TESTPACKAGELOADEDFORDELIVERY)',
    spec: {
      seq: 6006,
      name: '#1005',
      person: PEOPLE.margaret,
      processedHoursAgo: 70,
      financial: 'PAID',
      fulfillment: 'FULFILLED',
      items: [MUG],
      shipments: [
        {
          displayStatus: 'OUT_FOR_DELIVERY',
          createdHoursAgo: 60,
          inTransitHoursAgo: 50,
          estimatedInHours: 4,
          tracking: [bring('TESTPACKAGELOADEDFORDELIVERY')],
          events: [
            { status: 'CONFIRMED', hoursAgo: 60, message: 'Shipment registered', ...OSLO },
            { status: 'IN_TRANSIT', hoursAgo: 50, message: 'In transit', ...OSLO },
            {
              status: 'OUT_FOR_DELIVERY',
              hoursAgo: 2,
              message: 'Loaded for delivery',
              city: 'Drammen',
              country: 'Norway',
            },
          ],
        },
      ],
      note: 'Staff: leave with the neighbour if nobody is home',
      tags: ['staff-neighbour-ok'],
      comments: ['Staff comment: neighbour confirmed by phone'],
    },
  },
  {
    shows: 'Delivery attempted, nobody home (PostNord)',
    spec: {
      seq: 6007,
      name: '#1006',
      person: PEOPLE.katherine,
      processedHoursAgo: 80,
      financial: 'PAID',
      fulfillment: 'FULFILLED',
      items: [BOOTS],
      shipments: [
        {
          displayStatus: 'ATTEMPTED_DELIVERY',
          createdHoursAgo: 72,
          inTransitHoursAgo: 66,
          tracking: [postnord('LX308714522SE')],
          events: [
            { status: 'LABEL_PRINTED', hoursAgo: 72, message: 'Label printed', ...MALMO },
            { status: 'IN_TRANSIT', hoursAgo: 66, message: 'In transit', ...MALMO },
            {
              status: 'ATTEMPTED_DELIVERY',
              hoursAgo: 8,
              message: 'Delivery attempted, a notice was left',
              ...MALMO,
            },
          ],
        },
      ],
      note: 'Staff: door code 4471 (do not print on labels)',
      tags: ['staff-door-code'],
      comments: ['Staff comment: customer asked to redeliver on Friday'],
    },
  },
  {
    shows: 'Ready for pickup at a pick-up point (Bring test parcel TESTPACKAGEATPICKUPPOINT)',
    spec: {
      seq: 6008,
      name: '#1007',
      person: PEOPLE.edsger,
      processedHoursAgo: 96,
      financial: 'PAID',
      fulfillment: 'FULFILLED',
      items: [LAMP],
      shipments: [
        {
          displayStatus: 'READY_FOR_PICKUP',
          createdHoursAgo: 90,
          inTransitHoursAgo: 80,
          tracking: [bring('TESTPACKAGEATPICKUPPOINT')],
          events: [
            { status: 'CONFIRMED', hoursAgo: 90, message: 'Shipment registered', ...OSLO },
            { status: 'IN_TRANSIT', hoursAgo: 80, message: 'In transit', ...OSLO },
            {
              status: 'READY_FOR_PICKUP',
              hoursAgo: 12,
              message: 'Ready for pickup at the pick-up point',
              city: 'Kristiansand',
              country: 'Norway',
            },
          ],
        },
      ],
      note: 'Staff: fragile, packed with double padding',
      tags: ['staff-fragile'],
      comments: ['Staff comment: pick-up point chosen at checkout'],
    },
  },
  {
    shows: 'Delayed: the estimated delivery has passed (DHL Express)',
    spec: {
      seq: 6009,
      name: '#1008',
      person: PEOPLE.barbara,
      processedHoursAgo: 150,
      financial: 'PAID',
      fulfillment: 'FULFILLED',
      items: [JACKET],
      shipments: [
        {
          displayStatus: 'DELAYED',
          createdHoursAgo: 140,
          inTransitHoursAgo: 130,
          estimatedInHours: -20,
          tracking: [dhl('4820597132')],
          events: [
            { status: 'LABEL_PURCHASED', hoursAgo: 140, message: 'Label purchased', ...MALMO },
            { status: 'IN_TRANSIT', hoursAgo: 130, message: 'In transit', ...MALMO },
            {
              status: 'DELAYED',
              hoursAgo: 24,
              message: 'Delayed by weather at the transit hub',
              city: 'Hamburg',
              country: 'Germany',
            },
          ],
        },
      ],
      note: 'Staff: offer a 10 % code if she writes in',
      tags: ['staff-goodwill'],
      comments: ['Staff comment: opened a claim with the carrier, ref CLM-2211'],
    },
  },
  {
    shows:
      'Partly shipped: two parcels by two carriers (one delivered, one in transit), one item left',
    spec: {
      seq: 6010,
      name: '#1009',
      person: PEOPLE.donald,
      processedHoursAgo: 130,
      financial: 'PAID',
      fulfillment: 'PARTIALLY_FULFILLED',
      items: [SOCKS, BOOTS, LAMP],
      shipments: [
        {
          ...deliveredJourney(120, { city: 'Gothenburg', country: 'Sweden' }),
          tracking: [postnord('RR660271452SE')],
          items: [[0, 2]],
        },
        {
          displayStatus: 'IN_TRANSIT',
          createdHoursAgo: 30,
          inTransitHoursAgo: 26,
          estimatedInHours: 20,
          tracking: [dhl('5701938465')],
          events: [
            { status: 'LABEL_PURCHASED', hoursAgo: 30, message: 'Label purchased', ...OSLO },
            { status: 'IN_TRANSIT', hoursAgo: 26, message: 'In transit', ...OSLO },
          ],
          items: [[1, 1]],
        },
      ],
      fulfillmentOrders: [{ status: 'CLOSED' }, { status: 'CLOSED' }, { status: 'OPEN' }],
      note: 'Staff: lamp back-ordered, ship separately',
      tags: ['staff-split-shipment'],
      comments: ['Staff comment: second parcel sent from the Oslo warehouse'],
    },
  },
  {
    shows: 'Scheduled: a pre-order that will be fulfilled in three days',
    spec: {
      seq: 6011,
      name: '#1010',
      person: PEOPLE.frances,
      processedHoursAgo: 48,
      financial: 'PAID',
      fulfillment: 'SCHEDULED',
      items: [BOOTS],
      fulfillmentOrders: [{ status: 'SCHEDULED', fulfillAtInHours: 72 }],
      note: 'Staff: pre-order from the spring collection',
      tags: ['staff-preorder'],
      comments: ['Staff comment: pre-order deposit logged in the ledger'],
    },
  },
  {
    shows: 'On hold: an item is out of stock',
    spec: {
      seq: 6012,
      name: '#1011',
      person: PEOPLE.john,
      processedHoursAgo: 30,
      financial: 'PAID',
      fulfillment: 'ON_HOLD',
      items: [LAMP],
      fulfillmentOrders: [
        {
          status: 'ON_HOLD',
          holds: [
            {
              reason: 'INVENTORY_OUT_OF_STOCK',
              displayReason: 'Inventory out of stock',
              reasonNotes: 'Staff hold note: supplier restock due, purchase order PO-4471',
            },
          ],
        },
      ],
      note: 'Staff: offered a swap to the chrome lamp, waiting for reply',
      tags: ['staff-backorder'],
      comments: ['Staff comment: customer prefers to wait for brass'],
    },
  },
  {
    shows: 'On hold for a fraud review (the shopper sees only "on hold")',
    spec: {
      seq: 6013,
      name: '#1012',
      person: PEOPLE.radia,
      processedHoursAgo: 10,
      financial: 'AUTHORIZED',
      fulfillment: 'ON_HOLD',
      items: [JACKET, BOOTS],
      fulfillmentOrders: [
        {
          status: 'ON_HOLD',
          holds: [
            {
              reason: 'HIGH_RISK_OF_FRAUD',
              displayReason: 'High risk of fraud',
              reasonNotes: 'Staff hold note: fraud analysis flagged this order, verify by phone',
            },
          ],
        },
      ],
      note: 'Staff: FRAUD SUSPECTED, do not ship before verification',
      tags: ['staff-fraud-suspected'],
      comments: ['Staff comment: fraud risk high, card country differs from IP country'],
    },
  },
  {
    shows: 'Cancelled, payment voided',
    spec: {
      seq: 6014,
      name: '#1013',
      person: PEOPLE.ken,
      processedHoursAgo: 40,
      financial: 'VOIDED',
      fulfillment: 'UNFULFILLED',
      cancelled: { hoursAgo: 20, reason: 'CUSTOMER' },
      items: [MUG, SOCKS],
      note: 'Staff: cancelled on request by phone',
      tags: ['staff-cancel-request'],
      comments: ['Staff comment: authorisation voided, no refund needed'],
    },
  },
  {
    shows: 'Delivered, return requested; customer 7001',
    spec: {
      seq: 6015,
      name: '#1014',
      person: PEOPLE.ada,
      processedHoursAgo: 300,
      financial: 'PAID',
      fulfillment: 'FULFILLED',
      returnStatus: 'RETURN_REQUESTED',
      items: [BOOTS],
      shipments: [{ ...deliveredJourney(290, OSLO), tracking: [postnord('RR716302847SE')] }],
      note: 'Staff: return requested, boots too small',
      tags: ['staff-return-size'],
      comments: ['Staff comment: approve the return once photos arrive'],
    },
  },
  {
    shows: 'Return in progress, partly refunded',
    spec: {
      seq: 6016,
      name: '#1015',
      person: PEOPLE.tim,
      processedHoursAgo: 400,
      financial: 'PARTIALLY_REFUNDED',
      fulfillment: 'FULFILLED',
      returnStatus: 'IN_PROGRESS',
      items: [LAMP, MUG],
      shipments: [
        {
          ...deliveredJourney(390, { city: 'London', country: 'United Kingdom' }),
          tracking: [dhl('2903184756')],
        },
      ],
      note: 'Staff: refunded the mug, lamp shade on its way back',
      tags: ['staff-partial-refund'],
      comments: ['Staff comment: return label e-mailed'],
    },
  },
  {
    shows: 'Returned and refunded',
    spec: {
      seq: 6017,
      name: '#1016',
      person: PEOPLE.hedy,
      processedHoursAgo: 600,
      financial: 'REFUNDED',
      fulfillment: 'FULFILLED',
      returnStatus: 'RETURNED',
      items: [JACKET],
      shipments: [
        {
          ...deliveredJourney(590, { city: 'Uppsala', country: 'Sweden' }),
          tracking: [postnord('RR904123764SE')],
        },
      ],
      note: 'Staff: jacket came back unworn, restocked',
      tags: ['staff-restocked'],
      comments: ['Staff comment: refund issued to the original card'],
    },
  },
  {
    shows: 'Digital goods: nothing to ship',
    spec: {
      seq: 6018,
      name: '#1017',
      person: PEOPLE.shafi,
      processedHoursAgo: 26,
      financial: 'PAID',
      fulfillment: 'FULFILLMENT_NOT_REQUIRED',
      items: [EBOOK],
      note: 'Staff: download link re-sent once',
      tags: ['staff-digital'],
      comments: ['Staff comment: e-book licence key sent manually'],
    },
  },
  {
    shows: 'Tracking number without a carrier name (a UPS 1Z number)',
    spec: {
      seq: 6019,
      name: '#1018',
      person: PEOPLE.sophie,
      processedHoursAgo: 36,
      financial: 'PAID',
      fulfillment: 'FULFILLED',
      items: [SOCKS],
      shipments: [
        {
          displayStatus: 'FULFILLED',
          createdHoursAgo: 28,
          tracking: [{ company: null, number: '1Z999AA10123456784', url: null }],
        },
      ],
      note: 'Staff: label bought on the courier website, carrier not picked in the admin',
      tags: ['staff-manual-label'],
      comments: ['Staff comment: tracking added without carrier, check the courier portal'],
    },
  },
  {
    shows: 'Delivered (Bring test parcel TESTPACKAGEDELIVERED); customer 7001',
    spec: {
      seq: 6020,
      name: '#1019',
      person: PEOPLE.ada,
      processedHoursAgo: 720,
      financial: 'PAID',
      fulfillment: 'FULFILLED',
      items: [JACKET],
      shipments: [{ ...deliveredJourney(700, OSLO), tracking: [bring('TESTPACKAGEDELIVERED')] }],
      note: 'Staff: first order, sent a thank-you card',
      tags: ['staff-first-order'],
      comments: ['Staff comment: wrapped in the old packaging'],
    },
  },
  {
    shows: 'Payment expired, not shipped',
    spec: {
      seq: 6021,
      name: '#1020',
      person: PEOPLE.niklaus,
      processedHoursAgo: 200,
      financial: 'EXPIRED',
      fulfillment: 'UNFULFILLED',
      items: [MUG],
      note: 'Staff: payment link expired, do not ship',
      tags: ['staff-payment-expired'],
      comments: ['Staff comment: second payment reminder bounced'],
    },
  },
  {
    shows: 'Merchant prefix in the order name; label created, not picked up yet (Bring)',
    spec: {
      seq: 6022,
      name: '#NO-1042',
      person: PEOPLE.ole,
      processedHoursAgo: 14,
      financial: 'PAID',
      fulfillment: 'FULFILLED',
      items: [SOCKS, MUG],
      shipments: [
        {
          displayStatus: 'LABEL_PRINTED',
          createdHoursAgo: 4,
          tracking: [bring('TESTPACKAGEEDI')],
          events: [{ status: 'LABEL_PRINTED', hoursAgo: 4, message: 'Label printed', ...OSLO }],
        },
      ],
      note: 'Staff: Norwegian storefront order',
      tags: ['staff-no-storefront'],
      comments: ['Staff comment: label printed at the Oslo desk'],
    },
  },
  {
    shows: 'Delivery failed, parcel on its way back (PostNord); partly paid',
    spec: {
      seq: 6023,
      name: '#1021',
      person: PEOPLE.mary,
      processedHoursAgo: 260,
      financial: 'PARTIALLY_PAID',
      fulfillment: 'FULFILLED',
      items: [BOOTS],
      shipments: [
        {
          displayStatus: 'FAILURE',
          createdHoursAgo: 250,
          inTransitHoursAgo: 240,
          tracking: [postnord('LX118520931SE')],
          events: [
            { status: 'LABEL_PRINTED', hoursAgo: 250, message: 'Label printed', ...MALMO },
            { status: 'IN_TRANSIT', hoursAgo: 240, message: 'In transit', ...MALMO },
            {
              status: 'FAILURE',
              hoursAgo: 30,
              message: 'Not collected in time, returning to sender',
              city: 'Luleå',
              country: 'Sweden',
            },
          ],
        },
      ],
      note: 'Staff: balance due before re-shipping',
      tags: ['staff-balance-due'],
      comments: ['Staff comment: phone the customer about the returned parcel'],
    },
  },
  {
    shows:
      'Shopify still says in transit; the carrier delivered it: the watcher writes Delivered back (Bring test parcel TESTPACKAGEDELIVERED)',
    spec: {
      seq: 6024,
      name: '#1022',
      person: PEOPLE.ken,
      processedHoursAgo: 80,
      financial: 'PAID',
      fulfillment: 'FULFILLED',
      items: [LAMP],
      shipments: [
        {
          displayStatus: 'IN_TRANSIT',
          createdHoursAgo: 70,
          inTransitHoursAgo: 52,
          tracking: [bring('TESTPACKAGEDELIVERED')],
          events: [
            { status: 'LABEL_PRINTED', hoursAgo: 70, message: 'Label printed', ...OSLO },
            {
              status: 'IN_TRANSIT',
              hoursAgo: 52,
              message: 'Handed in',
              city: 'Bergen',
              country: 'Norway',
            },
          ],
        },
      ],
      note: 'Staff: gift, no invoice in the parcel',
      tags: ['staff-gift'],
      comments: ['Staff comment: gift wrap done by Kari'],
    },
  },
  {
    shows: 'Stalled: no news from the carrier for eight days (Bring)',
    spec: {
      seq: 6025,
      name: '#1023',
      person: PEOPLE.radia,
      processedHoursAgo: 230,
      financial: 'PAID',
      fulfillment: 'FULFILLED',
      items: [JACKET],
      shipments: [
        {
          displayStatus: 'IN_TRANSIT',
          createdHoursAgo: 216,
          inTransitHoursAgo: 210,
          tracking: [bring('TESTPACKAGESTUCK')],
          events: [
            { status: 'LABEL_PRINTED', hoursAgo: 216, message: 'Label printed', ...OSLO },
            { status: 'IN_TRANSIT', hoursAgo: 200, message: 'At the sorting terminal', ...OSLO },
          ],
        },
      ],
      note: 'Staff: customer asked twice where it is',
      tags: ['staff-follow-up'],
      comments: ['Staff comment: open a claim with Bring if nothing by Friday'],
    },
  },
];

/** The seeded orders, dated so the demo always looks current. */
export function seedOrders(now: Date): SeedOrder[] {
  const at = hoursFrom(now);
  return ENTRIES.map((e) => buildOrder(e.spec, at));
}

/** One row per seeded order, for the demo banner and the README. */
export function demoOrderTable(): Array<{ orderNumber: string; email: string; shows: string }> {
  return ENTRIES.map((e) => ({
    orderNumber: e.spec.name,
    email: e.spec.person.email,
    shows: e.shows,
  }));
}
