import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastResponse } from '../proxy/fast-response.js';
import { ADAPTER_MAX_BODY_BYTES, type Serving, serve } from './node-adapter.js';

const BINARY = new Uint8Array(Array.from({ length: 256 }, (_, i) => i));

/** The same answer two ways: `fast` from fastResponse, `real` from a Response. */
function answer(
  kind: string,
  make: (
    body: string | Uint8Array<ArrayBuffer>,
    init: ResponseInit & { headers: Record<string, string> },
  ) => Response,
): Response {
  switch (kind) {
    case 'json':
      return make('{"status":"ok","text":"blåbær"}', {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      });
    case 'error':
      return make('{"error":{"code":"rate_limited"}}', {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '40', 'x-request-id': 'r1' },
      });
    case 'binary':
      return make(BINARY, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
    default:
      return make('', { status: 200, headers: { 'content-type': 'text/plain' } });
  }
}

interface Seen {
  method: string;
  url: string;
  contentType: string | null;
  tags: string | null;
  body: number[];
}

describe('the Node adapter writes fast and generic responses alike', () => {
  let serving: Serving;
  let seen: Seen[] = [];

  beforeAll(async () => {
    serving = await serve(
      async (request) => {
        const url = new URL(request.url);
        const [, way, kind = ''] = url.pathname.split('/');
        if (way === 'echo') {
          seen.push({
            method: request.method,
            url: request.url,
            contentType: request.headers.get('content-type'),
            tags: request.headers.get('x-tag'),
            body: [...new Uint8Array(await request.arrayBuffer())],
          });
          return fastResponse('ok');
        }
        if (way === 'stream') {
          const chunks = ['one,', 'two,', 'three'];
          const body = new ReadableStream<Uint8Array>({
            async pull(controller) {
              await new Promise((resolve) => setTimeout(resolve, 5));
              const next = chunks.shift();
              if (next === undefined) controller.close();
              else controller.enqueue(new TextEncoder().encode(next));
            },
          });
          return new Response(body, {
            headers: { 'content-type': 'text/plain', 'set-cookie': 'a=1' },
          });
        }
        if (way === 'cookies') {
          const headers = new Headers({ 'content-type': 'text/plain' });
          headers.append('set-cookie', 'a=1; Path=/');
          headers.append('set-cookie', 'b=2; Path=/');
          return new Response('c', { headers });
        }
        return way === 'fast'
          ? answer(kind, (body, init) => fastResponse(body, init))
          : answer(kind, (body, init) => new Response(body, init));
      },
      { port: 0, host: '127.0.0.1' },
    );
  });
  afterAll(() => serving.close());

  /** Headers that describe the connection or the moment, not the answer. */
  const ANSWER_HEADERS = (headers: Headers) =>
    [...headers].filter(
      ([name]) =>
        !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name),
    );

  for (const kind of ['json', 'error', 'binary', 'empty']) {
    it(`answers ${kind} with the same status, headers and bytes either way, GET and HEAD`, async () => {
      for (const method of ['GET', 'HEAD']) {
        const fast = await fetch(`${serving.url}/fast/${kind}`, { method });
        const real = await fetch(`${serving.url}/real/${kind}`, { method });
        expect(fast.status).toBe(real.status);
        expect(ANSWER_HEADERS(fast.headers)).toEqual(ANSWER_HEADERS(real.headers));
        const fastBytes = new Uint8Array(await fast.arrayBuffer());
        expect(fastBytes).toEqual(new Uint8Array(await real.arrayBuffer()));
        if (method === 'HEAD') expect(fastBytes.length).toBe(0);
        if (method === 'GET' && kind === 'binary') expect(fastBytes).toEqual(BINARY);
      }
    });
  }

  it('sends a whole body with its length', async () => {
    const res = await fetch(`${serving.url}/fast/json`);
    const text = await res.text();
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(text).toContain('blåbær');
  });

  it('streams any other body as it comes, cookies kept apart', async () => {
    const res = await fetch(`${serving.url}/stream`);
    expect(res.headers.get('set-cookie')).toBe('a=1');
    expect(await res.text()).toBe('one,two,three');
    const cookies = await fetch(`${serving.url}/cookies`);
    expect(cookies.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('gives the handler the method, URL, repeated headers and binary body it was sent', async () => {
    seen = [];
    const res = await fetch(`${serving.url}/echo/x?q=1&r=%20`, {
      method: 'PUT',
      headers: [
        ['content-type', 'application/octet-stream'],
        ['x-tag', 'a'],
        ['x-tag', 'b'],
      ],
      body: BINARY,
    });
    expect(await res.text()).toBe('ok');
    expect(seen).toEqual([
      {
        method: 'PUT',
        url: 'http://localhost/echo/x?q=1&r=%20',
        contentType: 'application/octet-stream',
        tags: 'a, b',
        body: [...BINARY],
      },
    ]);
  });

  it('stops reading a body past its cap, hands the handler one byte more, and closes the connection', async () => {
    seen = [];
    const size = ADAPTER_MAX_BODY_BYTES * 4;
    const { status, connection } = await new Promise<{ status?: number; connection?: string }>(
      (resolve, reject) => {
        const req = httpRequest(
          `${serving.url}/echo/big`,
          { method: 'POST', headers: { 'content-length': String(size) } },
          (res) => {
            res.resume();
            resolve({ status: res.statusCode, connection: res.headers.connection });
          },
        );
        req.on('error', reject);
        req.end(Buffer.alloc(size, 1));
      },
    );
    expect(status).toBe(200);
    expect(connection).toBe('close');
    expect(seen[0]?.body.length).toBe(ADAPTER_MAX_BODY_BYTES + 1);
  });
});
