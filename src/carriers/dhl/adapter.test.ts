import { describe, expect, it } from 'vitest';
import { jsonResponse, openSignal, recordingFetch } from '../testing-fetch.js';
import { createDhlAdapter, parseDhlResponse } from './adapter.js';
import delivered from './fixtures/delivered.json' with { type: 'json' };
import inTransit from './fixtures/in-transit.json' with { type: 'json' };
import notFound from './fixtures/not-found.json' with { type: 'json' };

function track(body: unknown, status = 200, language?: string) {
  const recorder = recordingFetch(() => jsonResponse(body, status));
  const adapter = createDhlAdapter({ key: 'dhl-secret' });
  const result = adapter.track('3318810025', {
    fetch: recorder.fetch,
    signal: openSignal(),
    language,
  });
  return { result, calls: recorder.calls };
}

describe('DHL unified adapter', () => {
  it('asks for the tracking number with the DHL-API-Key header', async () => {
    const { result, calls } = track(inTransit);
    await result;
    expect(calls[0]?.url).toBe(
      'https://api-eu.dhl.com/track/shipments?trackingNumber=3318810025&language=en',
    );
    expect(calls[0]?.headers.get('DHL-API-Key')).toBe('dhl-secret');
  });

  it('reads "with delivery courier" as out for delivery and takes the estimated time', async () => {
    const tracking = await track(inTransit).result;
    expect(tracking.status).toBe('out_for_delivery');
    expect(tracking.rawStatus).toBe('transit');
    // Local times without an offset, read in the destination's (Norway's) zone.
    expect(tracking.estimatedDeliveryAt).toBe('2026-06-02T18:00:00+02:00');
    expect(tracking.events.map((event) => event.status)).toEqual([
      'out_for_delivery',
      'in_transit',
      'label_created',
    ]);
    expect(tracking.events[1]).toEqual({
      status: 'in_transit',
      at: '2026-06-01T22:15:00+02:00',
      message: 'Departed Facility in LEIPZIG - GERMANY',
      messageLanguage: 'en',
      location: 'LEIPZIG - GERMANY, DE',
      source: 'carrier',
      rawStatus: 'transit',
    });
  });

  it('reports delivery with the proof-of-delivery time and strips links from text', async () => {
    const tracking = await track(delivered).result;
    expect(tracking.status).toBe('delivered');
    expect(tracking.deliveredAt).toBe('2026-01-21T11:32:00+01:00');
    expect(tracking.events[1]).toMatchObject({
      status: 'failure',
      message: 'The recipient was not at home. Reschedule',
    });
  });

  it('maps a status code it does not know to unknown, keeping the code', async () => {
    const tracking = await track(delivered).result;
    expect(tracking.events[2]).toMatchObject({ status: 'unknown', rawStatus: 'mystery-code' });
  });

  it('answers "not found" for DHL’s 404', async () => {
    expect(await track(notFound, 404).result).toEqual({
      found: false,
      status: 'unknown',
      events: [],
    });
  });

  it('classifies 401, 429 and 500 answers and a body without shipments', async () => {
    await expect(track({}, 401).result).rejects.toMatchObject({ reason: 'http_error' });
    await expect(track({}, 429).result).rejects.toMatchObject({ reason: 'rate_limited' });
    await expect(track({}, 500).result).rejects.toMatchObject({ reason: 'server_error' });
    await expect(track({ shipment: [] }).result).rejects.toMatchObject({ reason: 'malformed' });
  });

  it.each([
    ['de', 'de', 'de'],
    ['nb', 'en', 'en'],
    ['ja', 'en', 'en'],
    [undefined, 'en', 'en'],
  ])('asks for shopper language %j as %j and marks its text %j', async (shopper, param, marked) => {
    const { result, calls } = track(inTransit, 200, shopper);
    const tracking = await result;
    expect(new URL(calls[0]?.url ?? '').searchParams.get('language')).toBe(param);
    expect(tracking.events.every((e) => e.messageLanguage === marked)).toBe(true);
  });

  it.each([
    ['the event country (Norway, summer)', 'NO', '2026-06-01T22:15:00', '2026-06-01T20:15:00Z'],
    ['the event country (Sweden, winter)', 'SE', '2026-01-10T08:00:00', '2026-01-10T07:00:00Z'],
    ['the event country (Japan)', 'JP', '2026-01-10T08:00:00', '2026-01-09T23:00:00Z'],
    [
      'Germany for a country with several zones',
      'US',
      '2026-01-10T08:00:00',
      '2026-01-10T07:00:00Z',
    ],
    ['Germany without a location', null, '2026-06-01T22:15:00', '2026-06-01T20:15:00Z'],
    [
      'the offset DHL gave, when it gave one',
      'NO',
      '2026-06-01T22:15:00+05:00',
      '2026-06-01T17:15:00Z',
    ],
  ])('reads a time without an offset in %s', (_why, country, timestamp, instant) => {
    const location = country ? { address: { countryCode: country } } : null;
    const tracking = parseDhlResponse({
      shipments: [{ id: '1', events: [{ timestamp, location, statusCode: 'transit' }] }],
    });
    expect(Date.parse(tracking.events[0]?.at ?? '')).toBe(Date.parse(instant));
  });
});
