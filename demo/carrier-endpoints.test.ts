import { describe, expect, it } from 'vitest';
import { createBringAdapter } from '../src/carriers/bring/adapter.js';
import { createDhlAdapter } from '../src/carriers/dhl/adapter.js';
import { createTrackingEnricher } from '../src/carriers/index.js';
import { createPostNordAdapter } from '../src/carriers/postnord/adapter.js';
import type { TrackingView } from '../src/contract/tracking-view.js';
import { type Fetch, silentLogger } from '../src/core/ports.js';
import {
  BRING_TEST_PATH,
  DHL_TEST_NUMBER,
  DHL_TEST_PATH,
  handleCarrierRequest,
  POSTNORD_TEST_NUMBER,
  POSTNORD_TEST_PATH,
} from './carrier-endpoints.js';

const ORIGIN = 'http://127.0.0.1:4100';
const NOW = Date.parse('2026-11-26T12:00:00Z');
const clock = () => NOW;

/** The demo endpoints as the carriers' fetch: requests never leave the process. */
const demoFetch: Fetch = async (input, init) => {
  const response = await handleCarrierRequest(new Request(input, init), clock);
  return response ?? new Response('Not found', { status: 404 });
};

const signal = new AbortController().signal;
const bring = createBringAdapter({
  uid: 'demo@example.com',
  key: 'demo',
  url: ORIGIN + BRING_TEST_PATH,
});

describe('demo Bring endpoint', () => {
  it.each([
    ['TESTPACKAGEEDI', 'label_created'],
    ['TESTPACKAGELOADEDFORDELIVERY', 'out_for_delivery'],
    ['TESTPACKAGEATPICKUPPOINT', 'ready_for_pickup'],
    ['TESTPACKAGEDELIVERED', 'delivered'],
  ])('answers %s in Bring’s shape, ending %s', async (number, status) => {
    const tracking = await bring.track(number, { fetch: demoFetch, signal });
    expect(tracking.found).toBe(true);
    expect(tracking.status).toBe(status);
    expect(tracking.events.every((event) => event.source === 'carrier')).toBe(true);
  });

  it('dates events from the clock so the demo always looks fresh', async () => {
    const tracking = await bring.track('TESTPACKAGEDELIVERED', { fetch: demoFetch, signal });
    expect(tracking.deliveredAt).toBe('2026-11-26T11:00:00.000Z');
    const times = tracking.events.map((event) => Date.parse(event.at));
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW);
    expect(Math.min(...times)).toBeGreaterThan(NOW - 3 * 24 * 60 * 60 * 1000);
  });

  it('gives the parcel loaded for delivery today’s estimated delivery', async () => {
    const tracking = await bring.track('TESTPACKAGELOADEDFORDELIVERY', {
      fetch: demoFetch,
      signal,
    });
    expect(tracking.estimatedDeliveryAt).toBe('2026-11-26');
  });

  it('answers Bring’s not-found shape for other numbers', async () => {
    const tracking = await bring.track('70438101015432113', { fetch: demoFetch, signal });
    expect(tracking).toEqual({ found: false, status: 'unknown', events: [] });
  });

  it('refuses requests without the Mybring headers', async () => {
    const response = await handleCarrierRequest(
      new Request(`${ORIGIN}${BRING_TEST_PATH}?q=TESTPACKAGEDELIVERED`),
    );
    expect(response?.status).toBe(401);
  });

  it('leaves other paths to the caller and refuses other methods', async () => {
    expect(await handleCarrierRequest(new Request(`${ORIGIN}/proxy/lookup`))).toBeNull();
    const post = await handleCarrierRequest(
      new Request(ORIGIN + BRING_TEST_PATH, { method: 'POST', body: '{}' }),
    );
    expect(post?.status).toBe(405);
  });
});

describe('demo DHL and PostNord endpoints', () => {
  it('answers the DHL demo parcel, out for delivery, and 404 for others', async () => {
    const dhl = createDhlAdapter({ key: 'demo', url: ORIGIN + DHL_TEST_PATH });
    const tracking = await dhl.track(DHL_TEST_NUMBER, { fetch: demoFetch, signal });
    expect(tracking.status).toBe('out_for_delivery');
    expect(tracking.estimatedDeliveryAt).toBe('2026-11-26T17:00:00.000Z');
    expect((await dhl.track('1234567890', { fetch: demoFetch, signal })).found).toBe(false);
  });

  it('answers the PostNord demo parcel, waiting at a service point', async () => {
    const postnord = createPostNordAdapter({ key: 'demo', url: ORIGIN + POSTNORD_TEST_PATH });
    const tracking = await postnord.track(POSTNORD_TEST_NUMBER, { fetch: demoFetch, signal });
    expect(tracking.status).toBe('ready_for_pickup');
    expect(tracking.events).toHaveLength(3);
  });
});

describe('the demo lookup with the local Bring endpoint', () => {
  it('shows live events for a Bring test parcel', async () => {
    const enrich = createTrackingEnricher(
      { bring: { uid: 'demo@example.com', key: 'demo', url: ORIGIN + BRING_TEST_PATH } },
      { fetch: demoFetch, clock, logger: silentLogger },
    );
    const view: TrackingView = {
      order: {
        name: '#1005',
        processedAt: '2026-11-23T10:00:00Z',
        cancelled: false,
        financialStatus: 'PAID',
        fulfillmentStatus: 'FULFILLED',
        returnStatus: 'NO_RETURN',
        lineItems: [],
      },
      milestones: [],
      shipments: [
        {
          status: 'in_transit',
          carrier: { name: 'Bring' },
          trackingNumber: 'TESTPACKAGELOADEDFORDELIVERY',
          events: [],
          lineItems: [],
        },
      ],
    };
    const [shipment] = (await enrich(view)).shipments;
    expect(shipment?.liveTracking).toBe('live');
    expect(shipment?.status).toBe('out_for_delivery');
    expect(shipment?.stalled).toBe(false);
    expect(shipment?.events[0]).toMatchObject({ rawStatus: 'TRANSPORT_TO_RECIPIENT' });
  });
});
