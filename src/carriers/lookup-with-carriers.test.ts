import { describe, expect, it } from 'vitest';
import { TrackingViewSchema } from '../contract/tracking-view.js';
import type { Fetch } from '../core/ports.js';
import { createApp } from '../server/app.js';
import { adminOrder, ORDER_EMAIL } from '../testing/admin-orders.js';
import { fakeAdmin, ordersAdmin } from '../testing/fake-admin.js';
import { lookupRequest, NOW } from '../testing/signed.js';
import { TEST_ENV } from '../testing/test-app.js';
import bringDelivered from './bring/fixtures/delivered.json' with { type: 'json' };
import { hangingFetch, jsonResponse } from './testing-fetch.js';

const BRING_ENV = { BRING_API_UID: 'me@shop.example', BRING_API_KEY: 'bring-key' };

function fulfillment(trackingInfo: Record<string, unknown>) {
  const [base] = adminOrder().fulfillments as Record<string, unknown>[];
  return { ...base, trackingInfo: [trackingInfo] };
}

/** The app with Shopify's Admin API faked and carriers answered by `carrier`. */
function app(env: Record<string, string>, carrier: Fetch, order = adminOrder()) {
  const admin = fakeAdmin(ordersAdmin([order]));
  const carrierCalls: string[] = [];
  const fetch: Fetch = (input, init) => {
    const url = input.toString();
    if (new URL(url).hostname.endsWith('myshopify.com')) return admin.fetch(input, init);
    carrierCalls.push(url);
    return carrier(input, init);
  };
  const { fetch: handler } = createApp({ ...TEST_ENV, ...env }, { fetch, clock: () => NOW });
  return { handler, carrierCalls };
}

async function lookup(handler: (request: Request) => Promise<Response>) {
  const response = await handler(lookupRequest({ orderNumber: '#1001', email: ORDER_EMAIL }));
  const body: unknown = await response.json();
  return { status: response.status, view: TrackingViewSchema.parse(body) };
}

describe('the order lookup with carrier tracking', () => {
  const faults: ReadonlyArray<[string, Fetch]> = [
    ['times out', hangingFetch],
    ['answers 500', async () => jsonResponse({ message: 'down' }, 500)],
    ['answers 429', async () => jsonResponse({ message: 'slow down' }, 429)],
    ['answers malformed JSON', async () => new Response('{"consignmentSet":[{', { status: 200 })],
  ];

  it.each(faults)(
    'still answers 200 when the carrier %s, flagged unavailable',
    async (_l, carrier) => {
      const { handler, carrierCalls } = app({ ...BRING_ENV, CARRIER_TIMEOUT_MS: '5' }, carrier);
      const { status, view } = await lookup(handler);
      expect(status).toBe(200);
      expect(carrierCalls).toHaveLength(1);
      const [shipment] = view.shipments;
      expect(shipment?.liveTracking).toBe('unavailable');
      expect(shipment?.status).toBe('in_transit');
      expect(shipment?.events.map((event) => event.source)).toEqual(['shopify']);
    },
  );

  it('shows the carrier’s live events when it answers', async () => {
    const { handler } = app(BRING_ENV, async () => jsonResponse(bringDelivered));
    const { status, view } = await lookup(handler);
    expect(status).toBe(200);
    const [shipment] = view.shipments;
    expect(shipment?.liveTracking).toBe('live');
    expect(shipment?.status).toBe('delivered');
    expect(shipment?.carrier).toEqual({ name: 'Bring', code: 'bring' });
    expect(shipment?.events.filter((event) => event.source === 'carrier')[0]).toMatchObject({
      status: 'delivered',
      rawStatus: 'DELIVERED',
    });
  });

  it('names the carrier and links to its tracking page when Shopify gives only a number', async () => {
    const order = adminOrder({
      fulfillments: [fulfillment({ company: null, number: '1Z5R89390357567127', url: null })],
    });
    const { handler, carrierCalls } = app({}, hangingFetch, order);
    const { status, view } = await lookup(handler);
    expect(status).toBe(200);
    expect(carrierCalls).toHaveLength(0);
    expect(view.shipments[0]?.carrier).toEqual({ name: 'UPS', code: 'ups' });
    expect(view.shipments[0]?.trackingUrl).toBe(
      'https://www.ups.com/track?tracknum=1Z5R89390357567127',
    );
  });
});
