import { describe, expect, it } from 'vitest';
import { type Shipment, type TrackingView, TrackingViewSchema } from '../contract/tracking-view.js';
import type { Fetch, Logger } from '../core/ports.js';
import bringDelivered from './bring/fixtures/delivered.json' with { type: 'json' };
import bringLoaded from './bring/fixtures/loaded-for-delivery-with-eta.json' with { type: 'json' };
import type { CarrierConfig } from './config.js';
import dhlInTransit from './dhl/fixtures/in-transit.json' with { type: 'json' };
import { createTrackingEnricher } from './enricher.js';
import seventeenInTransit from './seventeen-track/fixtures/in-transit.json' with { type: 'json' };
import { hangingFetch, jsonResponse, type Responder, recordingFetch } from './testing-fetch.js';

const NOW = Date.parse('2026-03-12T16:00:00Z');

function shipment(overrides: Partial<Shipment> = {}): Shipment {
  return {
    status: 'in_transit',
    rawStatus: 'IN_TRANSIT',
    carrier: { name: 'Bring' },
    trackingNumber: '370722150000123458',
    shippedAt: '2026-03-09T08:00:00Z',
    events: [
      {
        status: 'in_transit',
        at: '2026-03-10T21:50:00Z',
        source: 'shopify',
        rawStatus: 'IN_TRANSIT',
      },
    ],
    lineItems: [{ name: 'Wool socks', quantity: 2 }],
    ...overrides,
  };
}

function view(...shipments: Shipment[]): TrackingView {
  return {
    order: {
      name: '#1001',
      processedAt: '2026-03-08T10:00:00Z',
      cancelled: false,
      financialStatus: 'PAID',
      fulfillmentStatus: 'FULFILLED',
      returnStatus: 'NO_RETURN',
      lineItems: [{ name: 'Wool socks', quantity: 2 }],
    },
    milestones: [{ key: 'placed', state: 'done', at: '2026-03-08T10:00:00Z' }],
    shipments: shipments.length > 0 ? shipments : [shipment()],
  };
}

function memoryLogger() {
  const warnings: Record<string, unknown>[] = [];
  const logger: Logger = { info() {}, warn: (fields) => warnings.push(fields), error() {} };
  return { logger, warnings };
}

const BRING: CarrierConfig = { bring: { uid: 'me@shop.example', key: 'bring-secret-key' } };

function setup(config: CarrierConfig, fetch: Fetch, clock = () => NOW) {
  const { logger, warnings } = memoryLogger();
  const enrich = createTrackingEnricher(config, { fetch, clock, logger });
  return { enrich, warnings };
}

function answering(responder: Responder) {
  return recordingFetch(responder);
}

describe('createTrackingEnricher with a live Bring answer', () => {
  it('merges carrier events with Shopify’s, newest first, and marks the shipment live', async () => {
    const carrier = answering(() => jsonResponse(bringDelivered));
    const { enrich } = setup(BRING, carrier.fetch);
    const result = await enrich(view());
    const [enriched] = result.shipments;
    expect(enriched?.liveTracking).toBe('live');
    expect(enriched?.status).toBe('delivered');
    expect(enriched?.deliveredAt).toBe('2026-03-12T14:32:10+01:00');
    expect(enriched?.carrier).toEqual({ name: 'Bring', code: 'bring' });
    expect(enriched?.events[0]).toMatchObject({ source: 'carrier', rawStatus: 'DELIVERED' });
    // Shopify's in-transit scan at 21:50Z repeats Bring's 22:41+01:00 terminal scan.
    expect(enriched?.events.filter((event) => event.source === 'shopify')).toHaveLength(0);
    expect(enriched?.stalled).toBe(false);
    expect(TrackingViewSchema.safeParse(result).success).toBe(true);
  });

  it('moves the timeline’s delivery milestone on when the carrier says delivered', async () => {
    const carrier = answering(() => jsonResponse(bringDelivered));
    const { enrich } = setup(BRING, carrier.fetch);
    const before = view();
    before.milestones.push(
      { key: 'shipped', state: 'done', at: '2026-03-09T08:00:00Z' },
      { key: 'delivered', state: 'upcoming' },
    );
    const result = await enrich(before);
    expect(result.milestones.find((m) => m.key === 'delivered')).toEqual({
      key: 'delivered',
      state: 'done',
      at: '2026-03-12T14:32:10+01:00',
    });
    expect(result.milestones[0]).toEqual(before.milestones[0]);
  });

  it('takes the carrier’s estimated delivery', async () => {
    const carrier = answering(() => jsonResponse(bringLoaded));
    const { enrich } = setup(BRING, carrier.fetch);
    const [enriched] = (await enrich(view(shipment({ estimatedDeliveryAt: undefined })))).shipments;
    expect(enriched?.estimatedDeliveryAt).toBe('2026-04-20');
    expect(enriched?.status).toBe('out_for_delivery');
  });

  it('sends the carrier nothing but the tracking number', async () => {
    const carrier = answering(() => jsonResponse(bringDelivered));
    const { enrich } = setup(BRING, carrier.fetch);
    await enrich(view(shipment({ trackingNumber: '3707 2215 0000 1234 58' })));
    const url = new URL(carrier.calls[0]?.url ?? '');
    expect([...url.searchParams.keys()].sort()).toEqual(['lang', 'q']);
    expect(url.searchParams.get('q')).toBe('370722150000123458');
    expect(carrier.calls[0]?.body).toBeUndefined();
    expect(carrier.calls[0]?.url).not.toMatch(/1001|Wool|socks/);
  });
});

describe('createTrackingEnricher when carriers fail', () => {
  const faults: ReadonlyArray<[string, Fetch, string]> = [
    ['a timeout', hangingFetch, 'timeout'],
    ['a 500', async () => jsonResponse({ error: 'boom' }, 500), 'server_error'],
    ['a 429', async () => jsonResponse({}, 429), 'rate_limited'],
    [
      'malformed JSON',
      async () => new Response('{"consignmentSet": [', { status: 200 }),
      'malformed',
    ],
    ['a wrongly shaped answer', async () => jsonResponse({ consignmentSet: 'nope' }), 'malformed'],
    [
      'a refused connection',
      async () => {
        throw new TypeError('fetch failed');
      },
      'network',
    ],
  ];

  it.each(faults)(
    'answers with Shopify’s view flagged unavailable after %s',
    async (_label, fetch, reason) => {
      const { enrich, warnings } = setup({ ...BRING, timeoutMs: 5 }, fetch);
      const original = view();
      const result = await enrich(original);
      const [enriched] = result.shipments;
      expect(enriched?.liveTracking).toBe('unavailable');
      expect(enriched?.status).toBe('in_transit');
      expect(enriched?.events).toEqual(original.shipments[0]?.events);
      expect(enriched?.carrier).toEqual({ name: 'Bring', code: 'bring' });
      expect(enriched?.trackingUrl).toBe('https://tracking.bring.com/tracking/370722150000123458');
      expect(TrackingViewSchema.safeParse(result).success).toBe(true);
      expect(warnings).toEqual([expect.objectContaining({ carrier: 'bring', reason })]);
      expect(JSON.stringify(warnings)).not.toContain('bring-secret-key');
    },
  );

  it('stops waiting when the total budget runs out, keeping answers that came in time', async () => {
    const fetch: Fetch = (input, init) => {
      const url = input.toString();
      if (url.includes('dhl')) return Promise.resolve(jsonResponse(dhlInTransit));
      return hangingFetch(input, init);
    };
    const config: CarrierConfig = {
      ...BRING,
      dhl: { key: 'dhl-key' },
      timeoutMs: 60_000,
      budgetMs: 10,
    };
    const { enrich } = setup(config, fetch);
    const result = await enrich(
      view(
        shipment(),
        shipment({ carrier: { name: 'DHL Express' }, trackingNumber: '3318810025', events: [] }),
      ),
    );
    expect(result.shipments.map((s) => s.liveTracking)).toEqual(['unavailable', 'live']);
    expect(result.shipments[1]?.status).toBe('out_for_delivery');
  });

  it('gives up when the caller aborts, without rejecting', async () => {
    const controller = new AbortController();
    const { enrich, warnings } = setup({ ...BRING, timeoutMs: 60_000 }, hangingFetch);
    const pending = enrich(view(), controller.signal);
    controller.abort();
    const [enriched] = (await pending).shipments;
    expect(enriched?.liveTracking).toBe('unavailable');
    expect(warnings[0]).toMatchObject({ reason: 'aborted' });
  });
});

describe('createTrackingEnricher without a carrier name', () => {
  it('identifies the carrier from the number and adds a working tracking link', async () => {
    const { enrich } = setup({}, answering(() => jsonResponse({})).fetch);
    const [enriched] = (
      await enrich(view(shipment({ carrier: undefined, trackingNumber: '1Z5R89390357567127' })))
    ).shipments;
    expect(enriched?.carrier).toEqual({ name: 'UPS', code: 'ups' });
    expect(enriched?.trackingUrl).toBe('https://www.ups.com/track?tracknum=1Z5R89390357567127');
    expect(enriched?.liveTracking).toBeUndefined();
  });

  it('asks Bring live for a Bring test number given without a carrier', async () => {
    const carrier = answering(() => jsonResponse(bringDelivered));
    const { enrich } = setup(BRING, carrier.fetch);
    const [enriched] = (
      await enrich(view(shipment({ carrier: undefined, trackingNumber: 'TESTPACKAGEDELIVERED' })))
    ).shipments;
    expect(enriched?.carrier).toEqual({ name: 'Bring', code: 'bring' });
    expect(enriched?.trackingUrl).toBe('https://tracking.bring.com/tracking/TESTPACKAGEDELIVERED');
    expect(enriched?.liveTracking).toBe('live');
    expect(enriched?.status).toBe('delivered');
  });

  it('keeps a link Shopify already gave', async () => {
    const { enrich } = setup({}, answering(() => jsonResponse({})).fetch);
    const [enriched] = (
      await enrich(view(shipment({ trackingUrl: 'https://carrier.example/t/1' })))
    ).shipments;
    expect(enriched?.trackingUrl).toBe('https://carrier.example/t/1');
  });
});

describe('createTrackingEnricher routing', () => {
  it('falls back to 17TRACK for carriers without their own adapter', async () => {
    const carrier = answering(() => jsonResponse(seventeenInTransit));
    const { enrich } = setup({ seventeenTrack: { key: 'st' } }, carrier.fetch);
    const [enriched] = (
      await enrich(
        view(shipment({ carrier: { name: 'Royal Mail' }, trackingNumber: 'RB903167242GB' })),
      )
    ).shipments;
    expect(carrier.calls[0]?.url).toContain('api.17track.net');
    expect(enriched?.liveTracking).toBe('live');
    expect(enriched?.estimatedDeliveryAt).toBe('2026-07-12T00:00:00+02:00');
  });

  it('attempts nothing, and sets no flag, when no adapter fits', async () => {
    const carrier = answering(() => jsonResponse({}));
    const { enrich } = setup(BRING, carrier.fetch);
    const [enriched] = (
      await enrich(view(shipment({ carrier: { name: 'DPD' }, trackingNumber: '01234567890123' })))
    ).shipments;
    expect(carrier.calls).toHaveLength(0);
    expect(enriched?.liveTracking).toBeUndefined();
    expect(enriched?.carrier).toEqual({ name: 'DPD', code: 'dpd' });
  });

  it('does not ask carriers about cancelled fulfilments or shipments without a number', async () => {
    const carrier = answering(() => jsonResponse(bringDelivered));
    const { enrich } = setup(BRING, carrier.fetch);
    await enrich(view(shipment({ status: 'cancelled' }), shipment({ trackingNumber: undefined })));
    expect(carrier.calls).toHaveLength(0);
  });

  it('never lets a carrier "unknown" override Shopify’s known status', async () => {
    const onlyNotice = {
      consignmentSet: [
        {
          packageSet: [
            {
              eventSet: [
                {
                  status: 'NOTIFICATION_SENT',
                  description: 'SMS sent',
                  dateIso: '2026-03-12T10:00:00Z',
                },
              ],
            },
          ],
        },
      ],
    };
    const { enrich } = setup(BRING, answering(() => jsonResponse(onlyNotice)).fetch);
    const [enriched] = (await enrich(view(shipment({ status: 'ready_for_pickup' })))).shipments;
    expect(enriched?.status).toBe('ready_for_pickup');
    expect(enriched?.events[0]).toMatchObject({
      status: 'unknown',
      rawStatus: 'NOTIFICATION_SENT',
    });
  });
});

describe('createTrackingEnricher caching and staleness', () => {
  it('reuses a live answer until its time to live runs out', async () => {
    let now = NOW;
    const carrier = answering(() => jsonResponse(bringDelivered));
    const { enrich } = setup({ ...BRING, cacheTtlSeconds: 60 }, carrier.fetch, () => now);
    await enrich(view());
    await enrich(view());
    expect(carrier.calls).toHaveLength(1);
    now += 60_001; // lru-cache: stale once older than the time to live
    await enrich(view());
    expect(carrier.calls).toHaveLength(2);
  });

  it('asks once for a number that appears twice in one lookup', async () => {
    const carrier = answering(() => jsonResponse(bringDelivered));
    const { enrich } = setup(BRING, carrier.fetch);
    await enrich(view(shipment(), shipment()));
    expect(carrier.calls).toHaveLength(1);
  });

  it('keeps a carrier answer that arrives after the lookup gave up, for the next lookup', async () => {
    let answer: (response: Response) => void = () => {};
    const late = new Promise<Response>((resolve) => {
      answer = resolve;
    });
    const carrier = answering(() => late);
    const { enrich } = setup({ ...BRING, budgetMs: 5, timeoutMs: 60_000 }, carrier.fetch);
    expect((await enrich(view())).shipments[0]?.liveTracking).toBe('unavailable');
    answer(jsonResponse(bringDelivered));
    await late;
    // Reading and parsing the body takes a few turns of the event loop.
    for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setTimeout(resolve, 0));
    const [again] = (await enrich(view())).shipments;
    expect(again?.liveTracking).toBe('live');
    expect(carrier.calls).toHaveLength(1);
  });

  it('does not cache failures', async () => {
    const carrier = answering(() => jsonResponse({}, 503));
    const { enrich } = setup(BRING, carrier.fetch);
    await enrich(view());
    await enrich(view());
    expect(carrier.calls).toHaveLength(2);
  });

  it('marks an undelivered shipment without news for more than the set days as stalled', async () => {
    const { enrich } = setup({ stalledAfterDays: 5 }, answering(() => jsonResponse({})).fetch);
    const quiet = shipment({
      events: [{ status: 'in_transit', at: '2026-03-06T15:00:00Z', source: 'shopify' }],
    });
    const recent = shipment();
    const result = await enrich(view(quiet, recent));
    expect(result.shipments.map((s) => s.stalled)).toEqual([true, false]);
  });
});

describe('createTrackingEnricher in the shopper’s language', () => {
  const shopifyText = {
    status: 'in_transit' as const,
    at: '2026-03-01T08:00:00Z',
    message: 'Pakken er sendt fra lageret',
    source: 'shopify' as const,
  };

  it('asks Bring in Norwegian for a Norwegian shopper and keeps its Norwegian text', async () => {
    const carrier = answering(() => jsonResponse(bringDelivered));
    const { enrich } = setup(BRING, carrier.fetch);
    const result = await enrich(view(), undefined, undefined, 'nb');
    expect(new URL(carrier.calls[0]?.url ?? '').searchParams.get('lang')).toBe('no');
    const texts = result.shipments[0]?.events.filter((e) => e.source === 'carrier' && e.message);
    expect(texts?.length).toBeGreaterThan(0);
    expect(texts?.every((e) => e.messageLanguage === 'nb')).toBe(true);
  });

  it.each([
    ['ja', 0],
    ['fi', 0],
    ['en', 1],
  ])(
    'for a %s shopper keeps English carrier text only when it is theirs',
    async (language, kept) => {
      const carrier = answering(() => jsonResponse(bringDelivered));
      const { enrich } = setup(BRING, carrier.fetch);
      const result = await enrich(
        view(shipment({ events: [shopifyText] })),
        undefined,
        undefined,
        language,
      );
      const events = result.shipments[0]?.events ?? [];
      const carrierTexts = events.filter((e) => e.source === 'carrier' && e.message);
      expect(carrierTexts.length > 0 ? 1 : 0).toBe(kept);
      // Statuses stay: the widget words them in the shopper's language.
      expect(events.filter((e) => e.source === 'carrier').length).toBeGreaterThan(0);
      // Shopify's own message (language unknown, written by the merchant) is kept.
      expect(events.find((e) => e.source === 'shopify')?.message).toBe(shopifyText.message);
    },
  );

  it('keeps every text when the shopper’s language is not known', async () => {
    const carrier = answering(() => jsonResponse(bringDelivered));
    const { enrich } = setup(BRING, carrier.fetch);
    const result = await enrich(view());
    const texts = result.shipments[0]?.events.filter((e) => e.source === 'carrier' && e.message);
    expect(texts?.length).toBeGreaterThan(0);
  });

  it('keeps one cached carrier answer per language', async () => {
    const carrier = answering(() => jsonResponse(bringDelivered));
    const { enrich } = setup(BRING, carrier.fetch);
    await enrich(view(), undefined, undefined, 'nb');
    await enrich(view(), undefined, undefined, 'nb');
    await enrich(view(), undefined, undefined, 'sv');
    expect(carrier.calls.map((c) => new URL(c.url).searchParams.get('lang'))).toEqual(['no', 'sv']);
  });
});

describe('createTrackingEnricher with DHL local times', () => {
  it('shows a DHL scan that Shopify also relays once, on a server in any zone', async () => {
    const carrier = answering(() =>
      jsonResponse({
        shipments: [
          {
            id: '3318810025',
            status: { statusCode: 'transit', timestamp: '2026-06-01T22:15:00' },
            events: [
              {
                timestamp: '2026-06-01T22:15:00',
                statusCode: 'transit',
                description: 'Departed Facility in LEIPZIG - GERMANY',
                location: { address: { addressLocality: 'LEIPZIG', countryCode: 'DE' } },
              },
            ],
          },
        ],
      }),
    );
    const { enrich } = setup({ dhl: { key: 'dhl-key' } }, carrier.fetch, () =>
      Date.parse('2026-06-02T06:00:00Z'),
    );
    // Shopify relays the same scan a few minutes later, in UTC.
    const relayed = {
      status: 'in_transit' as const,
      at: '2026-06-01T20:19:00Z',
      source: 'shopify' as const,
      rawStatus: 'IN_TRANSIT',
    };
    const result = await enrich(
      view(
        shipment({
          carrier: { name: 'DHL Express' },
          trackingNumber: '3318810025',
          events: [relayed],
        }),
      ),
    );
    const events = result.shipments[0]?.events ?? [];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: 'carrier', at: '2026-06-01T22:15:00+02:00' });
    expect(Date.parse(events[0]?.at ?? '')).toBe(Date.parse('2026-06-01T20:15:00Z'));
  });
});
