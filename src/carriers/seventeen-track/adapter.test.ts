import { describe, expect, it } from 'vitest';
import { jsonResponse, openSignal, recordingFetch } from '../testing-fetch.js';
import { createSeventeenTrackAdapter } from './adapter.js';
import inTransit from './fixtures/in-transit.json' with { type: 'json' };
import notRegistered from './fixtures/not-registered.json' with { type: 'json' };
import registerAccepted from './fixtures/register-accepted.json' with { type: 'json' };
import returning from './fixtures/returning.json' with { type: 'json' };

function track(answers: Record<string, unknown>, status = 200) {
  const recorder = recordingFetch((call) => {
    const operation = call.url.split('/').pop() ?? '';
    return jsonResponse(answers[operation] ?? {}, status);
  });
  const adapter = createSeventeenTrackAdapter({ key: 'st-secret' });
  const result = adapter.track('RB903167242GB', { fetch: recorder.fetch, signal: openSignal() });
  return { result, calls: recorder.calls };
}

describe('17TRACK adapter', () => {
  it('posts only the tracking number to gettrackinfo with the 17token header', async () => {
    const { result, calls } = track({ gettrackinfo: inTransit });
    await result;
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('https://api.17track.net/track/v2.2/gettrackinfo');
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.headers.get('17token')).toBe('st-secret');
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual([{ number: 'RB903167242GB' }]);
  });

  it('normalises provider events and the estimated delivery window', async () => {
    const tracking = await track({ gettrackinfo: inTransit }).result;
    expect(tracking.found).toBe(true);
    expect(tracking.status).toBe('in_transit');
    expect(tracking.rawStatus).toBe('InTransit_CustomsProcessing');
    expect(tracking.estimatedDeliveryAt).toBe('2026-07-12T00:00:00+02:00');
    expect(tracking.events.map((event) => [event.status, event.rawStatus])).toEqual([
      ['in_transit', 'InTransit_CustomsProcessing'],
      ['in_transit', 'InTransit_Other'],
      ['in_transit', 'InTransit_PickedUp'],
      ['label_created', 'InfoReceived'],
    ]);
    expect(tracking.events[0]).toMatchObject({
      at: '2026-07-08T10:15:00+02:00',
      message: 'Item is being processed by customs',
      location: 'OSLO, NO',
      source: 'carrier',
    });
  });

  it('maps returning, failed attempts and unlabelled scans', async () => {
    const tracking = await track({ gettrackinfo: returning }).result;
    expect(tracking.status).toBe('returned_to_sender');
    expect(tracking.events.map((event) => event.status)).toEqual([
      'returned_to_sender',
      'attempted_delivery',
      'unknown',
    ]);
    expect(tracking.estimatedDeliveryAt).toBeUndefined();
  });

  it('registers an unknown number and reports it as not found for now', async () => {
    const { result, calls } = track({ gettrackinfo: notRegistered, register: registerAccepted });
    expect(await result).toEqual({ found: false, status: 'unknown', events: [] });
    expect(calls.map((call) => call.url.split('/').pop())).toEqual(['gettrackinfo', 'register']);
    expect(JSON.parse(calls[1]?.body ?? '')).toEqual([{ number: 'RB903167242GB' }]);
  });

  it('treats a non-zero answer code and a non-17TRACK body as faults', async () => {
    await expect(track({ gettrackinfo: { code: -18010012 } }).result).rejects.toMatchObject({
      reason: 'http_error',
    });
    await expect(track({ gettrackinfo: { data: [] } }).result).rejects.toMatchObject({
      reason: 'malformed',
    });
  });

  it('classifies 429 and 502 answers', async () => {
    await expect(track({}, 429).result).rejects.toMatchObject({ reason: 'rate_limited' });
    await expect(track({}, 502).result).rejects.toMatchObject({ reason: 'server_error' });
  });
});
