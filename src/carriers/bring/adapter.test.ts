import { describe, expect, it } from 'vitest';
import { CarrierFault } from '../carrier-fault.js';
import { jsonResponse, openSignal, recordingFetch } from '../testing-fetch.js';
import { createBringAdapter, parseBringResponse } from './adapter.js';
import delivered from './fixtures/delivered.json' with { type: 'json' };
import loaded from './fixtures/loaded-for-delivery-with-eta.json' with { type: 'json' };
import notFound from './fixtures/not-found.json' with { type: 'json' };
import unavailable from './fixtures/service-unavailable.json' with { type: 'json' };

const settings = {
  uid: 'shop@example.com',
  key: 'bring-secret',
  clientUrl: 'https://shop.example',
};

function track(
  body: unknown,
  status = 200,
  trackingNumber = '370722150000123458',
  language?: string,
) {
  const recorder = recordingFetch(() => jsonResponse(body, status));
  const adapter = createBringAdapter(settings);
  const result = adapter.track(trackingNumber, {
    fetch: recorder.fetch,
    signal: openSignal(),
    language,
  });
  return { result, calls: recorder.calls };
}

describe('Bring adapter', () => {
  it('asks for the tracking number only, with the Mybring headers', async () => {
    const { result, calls } = track(delivered, 200, 'TESTPACKAGE DELIVERED');
    await result;
    const call = calls[0];
    const url = new URL(call?.url ?? '');
    expect(url.origin + url.pathname).toBe('https://api.bring.com/tracking/api/v2/tracking.json');
    expect(url.searchParams.get('q')).toBe('TESTPACKAGE DELIVERED');
    expect(call?.headers.get('X-MyBring-API-Uid')).toBe('shop@example.com');
    expect(call?.headers.get('X-MyBring-API-Key')).toBe('bring-secret');
    expect(call?.headers.get('X-Bring-Client-URL')).toBe('https://shop.example');
  });

  it.each([
    ['nb', 'no', 'nb'],
    ['sv', 'sv', 'sv'],
    ['da', 'da', 'da'],
    ['en', 'en', 'en'],
    ['fi', 'en', 'en'],
    ['ja', 'en', 'en'],
    [undefined, 'en', 'en'],
  ])(
    'asks for shopper language %j as lang=%s and marks its text %j',
    async (shopper, param, marked) => {
      const { result, calls } = track(delivered, 200, '370722150000123458', shopper);
      const tracking = await result;
      expect(new URL(calls[0]?.url ?? '').searchParams.get('lang')).toBe(param);
      const texts = tracking.events.filter((e) => e.message);
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.every((e) => e.messageLanguage === marked)).toBe(true);
    },
  );

  it.each([
    ['Norway without a country code', null, '2026-06-01T10:00:00', '2026-06-01T08:00:00Z'],
    ['the event country', 'FI', '2026-06-01T10:00:00', '2026-06-01T07:00:00Z'],
    ['the offset Bring gave', 'NO', '2026-06-01T10:00:00+01:00', '2026-06-01T09:00:00Z'],
  ])('reads a time in %s', (_why, countryCode, dateIso, instant) => {
    const tracking = parseBringResponse({
      consignmentSet: [
        { packageSet: [{ eventSet: [{ dateIso, countryCode, status: 'IN_TRANSIT' }] }] },
      ],
    });
    expect(Date.parse(tracking.events[0]?.at ?? '')).toBe(Date.parse(instant));
  });

  it('uses the configured endpoint instead of the public one', async () => {
    const recorder = recordingFetch(() => jsonResponse(delivered));
    const adapter = createBringAdapter({ ...settings, url: 'http://127.0.0.1:9/bring.json' });
    await adapter.track('X', { fetch: recorder.fetch, signal: openSignal() });
    expect(recorder.calls[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:9\/bring\.json\?q=X/);
  });

  it('normalises a delivered parcel, newest event first, keeping raw codes and text', async () => {
    const tracking = await track(delivered).result;
    expect(tracking.found).toBe(true);
    expect(tracking.status).toBe('delivered');
    expect(tracking.deliveredAt).toBe('2026-03-12T14:32:10+01:00');
    expect(tracking.events.map((event) => event.status)).toEqual([
      'delivered',
      'unknown',
      'ready_for_pickup',
      'in_transit',
      'in_transit',
      'label_created',
    ]);
    expect(tracking.events[0]).toEqual({
      status: 'delivered',
      at: '2026-03-12T14:32:10+01:00',
      message: 'The shipment has been delivered.',
      messageLanguage: 'en',
      location: 'Oslo, Norway',
      source: 'carrier',
      rawStatus: 'DELIVERED',
    });
    expect(tracking.events[1]?.rawStatus).toBe('NOTIFICATION_SENT');
    expect(tracking.events[1]?.location).toBeUndefined();
  });

  it('takes the estimated delivery date and maps loaded-for-delivery to out for delivery', async () => {
    const tracking = await track(loaded).result;
    expect(tracking.status).toBe('out_for_delivery');
    expect(tracking.estimatedDeliveryAt).toBe('2026-04-20');
    expect(tracking.deliveredAt).toBeUndefined();
  });

  it('keeps an unknown Bring status as data, normalised to unknown', async () => {
    const tracking = await track(loaded).result;
    const odd = tracking.events.find((event) => event.rawStatus === 'SOME_FUTURE_STATUS');
    expect(odd?.status).toBe('unknown');
    expect(odd?.message).toBe('Something happened that was not planned.');
  });

  it('answers "not found" for Bring’s not-found shape', async () => {
    const tracking = await track(notFound).result;
    expect(tracking).toEqual({ found: false, status: 'unknown', events: [] });
  });

  it('treats an error shape with a 5xx code as a server fault', async () => {
    await expect(track(unavailable).result).rejects.toMatchObject({ reason: 'server_error' });
  });

  it('rejects a body that is not Bring-shaped as malformed', async () => {
    const failure = await track({ hello: 'world' }).result.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CarrierFault);
    expect(failure).toMatchObject({ carrier: 'bring', reason: 'malformed' });
  });

  it('classifies 429 and 500 answers', async () => {
    await expect(track({}, 429).result).rejects.toMatchObject({ reason: 'rate_limited' });
    await expect(track({}, 500).result).rejects.toMatchObject({ reason: 'server_error' });
    await expect(track({}, 401).result).rejects.toMatchObject({ reason: 'http_error' });
  });
});
