import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IN_MEMORY_BODY_BYTES } from '../proxy/request/read-body.js';
import { nodeRequest } from './node-request.js';

const RAW = ['Host', 'shop.test', 'Content-Type', 'application/json', 'X-Tag', 'a', 'x-tag', 'b'];
const bytes = (text: string) => new TextEncoder().encode(text);

function both(method: string, url: string, body: string | null) {
  const fast = nodeRequest(method, url, RAW, body === null ? null : bytes(body));
  const real = new Request(url, {
    method,
    headers: [
      ['Host', 'shop.test'],
      ['Content-Type', 'application/json'],
      ['X-Tag', 'a'],
      ['x-tag', 'b'],
    ],
    body,
  });
  return { fast, real };
}

describe('nodeRequest', () => {
  it('is a Request with the method, URL and headers a Request built from the same parts has', () => {
    const { fast, real } = both('post', 'http://localhost/proxy/lookup?a=1&b=%2F', '{}');
    expect(fast).toBeInstanceOf(Request);
    expect(Object.prototype.toString.call(fast)).toBe('[object Request]');
    expect(fast.method).toBe(real.method);
    expect(fast.url).toBe(real.url);
    expect([...fast.headers]).toEqual([...real.headers]);
    expect(fast.headers.get('x-tag')).toBe('a, b');
  });

  it('answers get and has from the raw headers exactly as Headers built from them would', () => {
    const name = fc.constantFrom('X-Tag', 'x-tag', 'Content-Type', 'x-forwarded-for', 'X-Other');
    const value = fc.stringMatching(/^[ \t]?[a-z0-9,. \u00a0]{0,8}[ \t]?$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 6 }), name, (pairs, asked) => {
        const expected = new Headers(pairs);
        const headers = nodeRequest('GET', 'http://localhost/', pairs.flat(), null).headers;
        expect(headers.get(asked)).toBe(expected.get(asked));
        expect(headers.has(asked.toUpperCase())).toBe(expected.has(asked));
        expect(headers).toBeInstanceOf(Headers);
      }),
    );
  });

  it('refuses a name that is no header name, as Headers does, and reads its own changes', () => {
    const headers = nodeRequest('GET', 'http://localhost/', RAW, null).headers;
    expect(() => headers.get('bad name')).toThrow(TypeError);
    headers.set('X-Tag', 'c');
    expect(headers.get('x-tag')).toBe('c');
    expect([...headers]).toContainEqual(['x-tag', 'c']);
  });

  it('reads its body as text, JSON or bytes once, as a Request does', async () => {
    const { fast, real } = both('POST', 'http://localhost/', '{"n":1}');
    expect(fast.bodyUsed).toBe(false);
    expect(await fast.json()).toEqual(await real.json());
    expect(fast.bodyUsed).toBe(real.bodyUsed);
    await expect(fast.text()).rejects.toThrow(TypeError);
    await expect(real.text()).rejects.toThrow(TypeError);
    const again = nodeRequest('POST', 'http://localhost/', RAW, new Uint8Array([0, 255, 7]));
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(new Uint8Array([0, 255, 7]));
  });

  it('reads no body as empty text, and stays unused like a GET Request', async () => {
    const { fast, real } = both('GET', 'http://localhost/healthz', null);
    expect(await fast.text()).toBe(await real.text());
    expect(fast.bodyUsed).toBe(real.bodyUsed);
    expect(fast.body).toBe(null);
  });

  it('tells readers how many body bytes it holds in memory', () => {
    const request = nodeRequest('POST', 'http://localhost/', RAW, bytes('héllo'));
    expect((request as Request & { [IN_MEMORY_BODY_BYTES]: number })[IN_MEMORY_BODY_BYTES]).toBe(6);
  });

  it('answers everything else from a real Request it builds once, body state included', async () => {
    const request = nodeRequest('POST', 'http://localhost/x', RAW, bytes('abc'));
    expect(request.signal).toBeInstanceOf(AbortSignal);
    expect(request.signal).toBe(request.signal);
    const copy = request.clone();
    expect(await copy.text()).toBe('abc');
    expect(await request.text()).toBe('abc');
    expect(request.bodyUsed).toBe(true);

    const read = nodeRequest('POST', 'http://localhost/x', RAW, bytes('abc'));
    await read.text();
    expect(read.signal.aborted).toBe(false);
    expect(read.bodyUsed).toBe(true);
    await expect(read.text()).rejects.toThrow(TypeError);
  });

  it('keeps header changes made before the real Request is built', () => {
    const request = nodeRequest('GET', 'http://localhost/', RAW, null);
    request.headers.set('x-added', '1');
    expect(request.signal).toBeInstanceOf(AbortSignal);
    expect(request.headers.get('x-added')).toBe('1');
  });

  it('refuses the methods a Request refuses', () => {
    expect(() => nodeRequest('TRACE', 'http://localhost/', RAW, null)).toThrow(TypeError);
    expect(() => nodeRequest('CONNECT', 'http://localhost/', RAW, null)).toThrow(TypeError);
    expect(nodeRequest('PATCH', 'http://localhost/', RAW, bytes('x')).method).toBe('PATCH');
  });

  it('gives any request target the URL a Request would', () => {
    const target = fc.stringMatching(/^\/[\w\-~!$&'()*+,;=:@/?%.#\\ "<>^`{|}é]{0,40}$/);
    fc.assert(
      fc.property(target, (path) => {
        const url = `http://localhost${path}`;
        expect(nodeRequest('GET', url, RAW, null).url).toBe(new Request(url).url);
      }),
      { numRuns: 500 },
    );
  });
});
