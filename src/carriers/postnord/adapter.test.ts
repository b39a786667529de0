import { describe, expect, it } from 'vitest';
import { jsonResponse, openSignal, recordingFetch } from '../testing-fetch.js';
import { createPostNordAdapter, parsePostNordResponse } from './adapter.js';
import delivered from './fixtures/delivered.json' with { type: 'json' };
import notFound from './fixtures/not-found.json' with { type: 'json' };
import readyForPickup from './fixtures/ready-for-pickup.json' with { type: 'json' };

function track(body: unknown, status = 200, url?: string, language?: string) {
  const recorder = recordingFetch(() => jsonResponse(body, status));
  const adapter = createPostNordAdapter(url ? { key: 'pn-secret', url } : { key: 'pn-secret' });
  const result = adapter.track('RR128946732SE', {
    fetch: recorder.fetch,
    signal: openSignal(),
    language,
  });
  return { result, calls: recorder.calls };
}

describe('PostNord adapter', () => {
  it('sends the number, the locale and the key as query parameters', async () => {
    const { result, calls } = track(readyForPickup);
    await result;
    const url = new URL(calls[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe(
      'https://api2.postnord.com/rest/shipment/v5/trackandtrace/findByIdentifier.json',
    );
    expect(url.searchParams.get('id')).toBe('RR128946732SE');
    expect(url.searchParams.get('locale')).toBe('en');
    expect(url.searchParams.get('apikey')).toBe('pn-secret');
  });

  it('uses the configured endpoint', async () => {
    const { result, calls } = track(readyForPickup, 200, 'http://localhost:8080/pn/find.json');
    await result;
    expect(calls[0]?.url).toMatch(/^http:\/\/localhost:8080\/pn\/find\.json\?id=RR128946732SE/);
  });

  it('normalises a parcel waiting at a service point, newest first', async () => {
    const tracking = await track(readyForPickup).result;
    expect(tracking.status).toBe('ready_for_pickup');
    expect(tracking.rawStatus).toBe('AVAILABLE_FOR_DELIVERY');
    // PostNord's local times, read in Sweden's zone.
    expect(tracking.estimatedDeliveryAt).toBe('2026-05-07T17:00:00+02:00');
    expect(tracking.events.map((event) => [event.status, event.rawStatus])).toEqual([
      ['unknown', 'OTHER'],
      ['ready_for_pickup', 'AVAILABLE_FOR_DELIVERY'],
      ['in_transit', 'EN_ROUTE'],
      ['label_created', 'INFORMED'],
    ]);
    expect(tracking.events[1]).toMatchObject({
      at: '2026-05-06T11:20:00+02:00',
      message: 'The shipment item is available at the service point.',
      messageLanguage: 'en',
      location: 'ICA Nära Linné, Göteborg, Sweden',
      source: 'carrier',
    });
  });

  it('reports delivery with its time', async () => {
    const tracking = await track(delivered).result;
    expect(tracking.status).toBe('delivered');
    expect(tracking.deliveredAt).toBe('2026-02-18T13:44:00+01:00');
    expect(tracking.events.map((event) => event.status)).toEqual([
      'delivered',
      'delayed',
      'label_created',
    ]);
  });

  it('answers "not found" for an empty shipment list', async () => {
    expect(await track(notFound).result).toEqual({ found: false, status: 'unknown', events: [] });
  });

  it('rejects a body without TrackingInformationResponse as malformed', async () => {
    await expect(track({ shipments: [] }).result).rejects.toMatchObject({
      carrier: 'postnord',
      reason: 'malformed',
    });
  });

  it('classifies 429 and 503 answers', async () => {
    await expect(track({}, 429).result).rejects.toMatchObject({ reason: 'rate_limited' });
    await expect(track({}, 503).result).rejects.toMatchObject({ reason: 'server_error' });
  });

  it.each([
    ['sv', 'sv', 'sv'],
    ['da', 'da', 'da'],
    ['nb', 'no', 'nb'],
    ['fi', 'fi', 'fi'],
    ['de', 'en', 'en'],
    [undefined, 'en', 'en'],
  ])(
    'asks for shopper language %j as locale=%s and marks its text %j',
    async (shopper, param, marked) => {
      const { result, calls } = track(readyForPickup, 200, undefined, shopper);
      const tracking = await result;
      expect(new URL(calls[0]?.url ?? '').searchParams.get('locale')).toBe(param);
      const texts = tracking.events.filter((e) => e.message);
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.every((e) => e.messageLanguage === marked)).toBe(true);
    },
  );

  it.each([
    ['Finland for an event there', 'FI', '2026-06-01T10:00:00', '2026-06-01T07:00:00Z'],
    ['Denmark for an event there', 'DK', '2026-01-10T10:00:00', '2026-01-10T09:00:00Z'],
    ['Sweden without a country', null, '2026-06-01T10:00:00', '2026-06-01T08:00:00Z'],
    ['Sweden across the spring change', null, '2026-03-29T02:30:00', '2026-03-29T01:30:00Z'],
  ])('reads local times in %s', (_why, countryCode, eventTime, instant) => {
    const tracking = parsePostNordResponse({
      TrackingInformationResponse: {
        shipments: [{ items: [{ events: [{ eventTime, location: { countryCode } }] }] }],
      },
    });
    expect(Date.parse(tracking.events[0]?.at ?? '')).toBe(Date.parse(instant));
  });
});
