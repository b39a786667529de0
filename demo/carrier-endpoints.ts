// Local carrier APIs for the demo: Bring's documented test parcels (plus one DHL and one PostNord parcel), dated from now.
import { type Clock, systemClock } from '../src/core/ports.js';

export const BRING_TEST_PATH = '/carriers/bring/tracking.json';
export const DHL_TEST_PATH = '/carriers/dhl/track/shipments';
export const POSTNORD_TEST_PATH = '/carriers/postnord/findByIdentifier.json';

/** Parcels the demo's DHL and PostNord endpoints know (valid check digits). */
export const DHL_TEST_NUMBER = '3318810025';
export const POSTNORD_TEST_NUMBER = 'RR128946732SE';

const HOUR = 60 * 60 * 1000;

interface Step {
  status: string;
  hoursAgo: number;
  description: string;
  city?: string;
}

const HANDED_IN: Step = {
  status: 'HANDED_IN',
  hoursAgo: 52,
  description: 'The shipment has been handed in at Posten/Bring.',
  city: 'BERGEN',
};
const PRE_NOTIFIED: Step = {
  status: 'PRE_NOTIFIED',
  hoursAgo: 58,
  description: 'The sender has notified us that the shipment is on its way.',
};
const TERMINAL: Step = {
  status: 'IN_TRANSIT',
  hoursAgo: 20,
  description: 'The shipment has arrived at the terminal.',
  city: 'OSLO',
};

/** Bring's documented test numbers, each a journey ending where its name says, and one of ours. */
const BRING_PARCELS: Readonly<Record<string, { steps: Step[]; etaInHours?: number }>> = {
  // Not one of Bring's: a parcel whose last scan was eight days ago, for the stalled list.
  TESTPACKAGESTUCK: {
    steps: [
      { ...PRE_NOTIFIED, hoursAgo: 216 },
      { ...HANDED_IN, hoursAgo: 210 },
      { ...TERMINAL, hoursAgo: 200 },
    ],
  },
  TESTPACKAGEEDI: { steps: [{ ...PRE_NOTIFIED, hoursAgo: 3 }] },
  TESTPACKAGELOADEDFORDELIVERY: {
    etaInHours: 4,
    steps: [
      PRE_NOTIFIED,
      HANDED_IN,
      TERMINAL,
      {
        status: 'TRANSPORT_TO_RECIPIENT',
        hoursAgo: 2,
        description: 'The shipment has been loaded for delivery.',
        city: 'OSLO',
      },
    ],
  },
  TESTPACKAGEATPICKUPPOINT: {
    steps: [
      PRE_NOTIFIED,
      HANDED_IN,
      TERMINAL,
      {
        status: 'READY_FOR_PICKUP',
        hoursAgo: 6,
        description: 'The shipment is ready for pickup at the pickup point.',
        city: 'OSLO',
      },
      {
        status: 'NOTIFICATION_SENT',
        hoursAgo: 5.9,
        description: 'A pickup notice has been sent to the recipient.',
      },
    ],
  },
  TESTPACKAGEDELIVERED: {
    steps: [
      PRE_NOTIFIED,
      HANDED_IN,
      TERMINAL,
      {
        status: 'TRANSPORT_TO_RECIPIENT',
        hoursAgo: 5,
        description: 'The shipment has been loaded for delivery.',
        city: 'OSLO',
      },
      {
        status: 'DELIVERED',
        hoursAgo: 1,
        description: 'The shipment has been delivered.',
        city: 'OSLO',
      },
    ],
  },
};

/** Answers the demo's carrier paths; `null` for any other path so the caller can route on. */
export async function handleCarrierRequest(
  request: Request,
  clock: Clock = systemClock,
): Promise<Response | null> {
  const url = new URL(request.url);
  const route = ROUTES[url.pathname];
  if (!route) return null;
  if (request.method !== 'GET') return json({ error: 'method not allowed' }, 405);
  return route(url, request.headers, clock());
}

const ROUTES: Readonly<Record<string, (url: URL, headers: Headers, now: number) => Response>> = {
  [BRING_TEST_PATH]: (url, headers, now) => {
    if (!headers.get('x-mybring-api-uid') || !headers.get('x-mybring-api-key')) {
      return json({ error: 'Authentication required' }, 401);
    }
    const number = (url.searchParams.get('q') ?? '').trim().toUpperCase();
    const parcel = BRING_PARCELS[number];
    if (!parcel) {
      return json({
        apiVersion: '2',
        consignmentSet: [{ error: { code: 404, message: 'No shipments found' } }],
      });
    }
    return json(bringConsignment(number, parcel.steps, now, parcel.etaInHours));
  },
  [DHL_TEST_PATH]: (url, headers, now) => {
    if (!headers.get('dhl-api-key')) return json({ status: 401, title: 'Unauthorized' }, 401);
    if (url.searchParams.get('trackingNumber') !== DHL_TEST_NUMBER) {
      return json({ title: 'No result found', status: 404, detail: 'No shipment found.' }, 404);
    }
    return json(dhlShipment(now));
  },
  [POSTNORD_TEST_PATH]: (url, _headers, now) => {
    if (!url.searchParams.get('apikey')) return json({ message: 'apikey required' }, 401);
    const found = url.searchParams.get('id')?.toUpperCase() === POSTNORD_TEST_NUMBER;
    return json({
      TrackingInformationResponse: { shipments: found ? [postNordShipment(now)] : [] },
    });
  },
};

function bringConsignment(number: string, steps: Step[], now: number, etaInHours?: number) {
  const newestFirst = [...steps].sort((a, b) => a.hoursAgo - b.hoursAgo);
  const delivered = newestFirst.find((step) => step.status === 'DELIVERED');
  return {
    apiVersion: '2',
    consignmentSet: [
      {
        consignmentId: `SHIPMENT-${number}`,
        packageSet: [
          {
            packageNumber: number,
            productName: 'Pickup parcel',
            productCode: '5800',
            brand: 'POSTEN',
            dateOfEstimatedDelivery:
              etaInHours === undefined ? null : dottedDate(now + etaInHours * HOUR),
            dateOfDelivery: delivered ? dottedDate(now - delivered.hoursAgo * HOUR) : null,
            eventSet: newestFirst.map((step) => {
              const at = new Date(now - step.hoursAgo * HOUR);
              return {
                description: step.description,
                status: step.status,
                city: step.city ?? '',
                postalCode: '',
                countryCode: step.city ? 'NO' : '',
                country: step.city ? 'Norway' : '',
                dateIso: at.toISOString(),
                displayDate: dottedDate(at.getTime()),
                displayTime: at.toISOString().slice(11, 16),
                consignmentEvent: false,
                insignificant: false,
              };
            }),
          },
        ],
      },
    ],
  };
}

function dhlShipment(now: number) {
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
  const place = (city: string, countryCode: string) => ({
    address: { addressLocality: city, countryCode },
  });
  const courier = {
    timestamp: at(1),
    location: place('OSLO - NORWAY', 'NO'),
    statusCode: 'transit',
    status: 'With delivery courier',
    description: 'Shipment is out with courier for delivery',
  };
  return {
    shipments: [
      {
        id: DHL_TEST_NUMBER,
        service: 'express',
        status: courier,
        estimatedTimeOfDelivery: new Date(now + 5 * HOUR).toISOString(),
        events: [
          courier,
          {
            timestamp: at(14),
            location: place('LEIPZIG - GERMANY', 'DE'),
            statusCode: 'transit',
            status: 'Departed Facility in LEIPZIG - GERMANY',
            description: 'Departed Facility in LEIPZIG - GERMANY',
          },
          {
            timestamp: at(30),
            location: place('BERLIN - GERMANY', 'DE'),
            statusCode: 'pre-transit',
            status: 'Shipment information received',
            description: 'Shipment information received',
          },
        ],
      },
    ],
  };
}

function postNordShipment(now: number) {
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
  return {
    shipmentId: POSTNORD_TEST_NUMBER,
    status: 'AVAILABLE_FOR_DELIVERY',
    items: [
      {
        itemId: POSTNORD_TEST_NUMBER,
        status: 'AVAILABLE_FOR_DELIVERY',
        events: [
          {
            eventTime: at(40),
            status: 'INFORMED',
            eventDescription: 'The shipment has been pre-advised by the sender.',
            location: { displayName: 'Sweden', countryCode: 'SE', country: 'Sweden' },
          },
          {
            eventTime: at(20),
            status: 'EN_ROUTE',
            eventDescription: 'The shipment item has been sorted at the terminal.',
            location: { displayName: 'Göteborg', countryCode: 'SE', country: 'Sweden' },
          },
          {
            eventTime: at(3),
            status: 'AVAILABLE_FOR_DELIVERY',
            eventDescription: 'The shipment item is available at the service point.',
            location: { displayName: 'Service point Linné, Göteborg', country: 'Sweden' },
          },
        ],
      },
    ],
  };
}

/** Bring writes plain dates as day.month.year. */
function dottedDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
