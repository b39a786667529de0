// Test doubles for carrier HTTP: a fetch that records what it was asked and answers from a function.
import type { Fetch } from '../core/ports.js';

export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
}

export type Responder = (call: RecordedCall) => Response | Promise<Response>;

export interface RecordingFetch {
  fetch: Fetch;
  calls: RecordedCall[];
}

export function recordingFetch(responder: Responder): RecordingFetch {
  const calls: RecordedCall[] = [];
  const fetch: Fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const call = { url, method: init?.method ?? 'GET', headers: new Headers(init?.headers), body };
    calls.push(call);
    return responder(call);
  };
  return { fetch, calls };
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** Never answers; settles only by rejecting when the request's signal aborts. */
export const hangingFetch: Fetch = (_input, init) =>
  new Promise<Response>((_resolve, reject) => {
    const signal = init?.signal;
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

/** A signal that never aborts, for adapter tests that do not exercise timeouts. */
export function openSignal(): AbortSignal {
  return new AbortController().signal;
}
