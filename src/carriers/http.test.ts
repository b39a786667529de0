import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Fetch } from '../core/ports.js';
import { requestJson } from './http.js';
import { hangingFetch, jsonResponse, openSignal } from './testing-fetch.js';

const schema = z.object({ ok: z.boolean() });

function request(fetch: Fetch, signal: AbortSignal = openSignal()) {
  return requestJson({ carrier: 'test', fetch, url: 'https://carrier.test/t', signal, schema });
}

describe('requestJson', () => {
  it('returns the parsed body', async () => {
    expect(await request(async () => jsonResponse({ ok: true }))).toEqual({
      kind: 'ok',
      data: { ok: true },
    });
  });

  it('calls a timeout a timeout', async () => {
    const controller = new AbortController();
    const pending = request(hangingFetch, controller.signal);
    controller.abort(new DOMException('budget spent', 'TimeoutError'));
    await expect(pending).rejects.toMatchObject({ reason: 'timeout' });
  });

  it('gives up on a fetch that ignores its signal', async () => {
    const controller = new AbortController();
    const deaf: Fetch = () => new Promise<Response>(() => {});
    const pending = request(deaf, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ reason: 'aborted' });
  });

  it('does not even call a carrier once the signal has aborted', async () => {
    let called = false;
    const fetch: Fetch = async () => {
      called = true;
      return jsonResponse({ ok: true });
    };
    await expect(request(fetch, AbortSignal.abort())).rejects.toMatchObject({
      reason: 'aborted',
    });
    expect(called).toBe(false);
  });

  it('calls a refused connection a network fault', async () => {
    const fetch: Fetch = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(request(fetch)).rejects.toMatchObject({ reason: 'network' });
  });

  it('calls invalid JSON malformed', async () => {
    const fetch: Fetch = async () => new Response('{"ok": tru', { status: 200 });
    await expect(request(fetch)).rejects.toMatchObject({ reason: 'malformed' });
  });
});
