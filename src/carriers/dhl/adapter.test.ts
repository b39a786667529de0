import { describe, expect, it } from 'vitest';
import { jsonResponse, openSignal, recordingFetch } from '../testing-fetch.js';
import { createDhlAdapter } from './adapter.js';
import delivered from './fixtures/delivered.json' with { type: 'json' };
import inTransit from './fixtures/in-transit.json' with { type: 'json' };
import notFound from './fixtures/not-found.json' with { type: 'json' };

function track(body: unknown, status = 200) {
  const recorder = recordingFetch(() => jsonResponse(body, status));
  const adapter = createDhlAdapter({ key: 'dhl-secret' });
  const result = adapter.track('3318810025', { fetch: recorder.fetch, signal: openSignal() });
  return { result, calls: recorder.calls };
}

describe('DHL unified adapter', () => {
  it('asks for the tracking number with the DHL-API-Key header', async () => {
    const { result, calls } = track(inTransit);
    await result;
    expect(calls[0]?.url).toBe('https://api-eu.dhl.com/track/shipments?trackingNumber=3318810025');
    expect(calls[0]?.headers.get('DHL-API-Key')).toBe('dhl-secret');
  });

  it('reads "with delivery courier" as out for delivery and takes the estimated time', async () => {
    const tracking = await track(inTransit).result;
    expect(tracking.status).toBe('out_for_delivery');
    expect(tracking.rawStatus).toBe('transit');
    expect(tracking.estimatedDeliveryAt).toBe('2026-06-02T18:00:00');
    expect(tracking.events.map((event) => event.status)).toEqual([
      'out_for_delivery',
      'in_transit',
      'label_created',
    ]);
    expect(tracking.events[1]).toEqual({
      status: 'in_transit',
      at: '2026-06-01T22:15:00',
      message: 'Departed Facility in LEIPZIG - GERMANY',
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
});
