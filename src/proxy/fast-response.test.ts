import { describe, expect, it } from 'vitest';
import { fastResponse, responseParts, setResponseHeader } from './fast-response.js';

describe('fastResponse', () => {
  it('is a Response that reads like the one `new Response` builds from the same body and init', async () => {
    const init = {
      status: 404,
      headers: { 'Content-Type': 'application/json', 'Retry-After': ' 5 ' },
    };
    const fast = fastResponse('{"a":1}', init);
    const real = new Response('{"a":1}', init);
    expect(fast).toBeInstanceOf(Response);
    expect(Object.prototype.toString.call(fast)).toBe('[object Response]');
    expect(fast.status).toBe(real.status);
    expect(fast.ok).toBe(real.ok);
    expect([...fast.headers]).toEqual([...real.headers]);
    expect(fast.statusText).toBe(real.statusText);
    expect(await fast.json()).toEqual(await real.json());
    expect(fast.bodyUsed).toBe(true);
  });

  it('gives a string body the text type a Response would, and a byte body none', () => {
    expect(responseParts(fastResponse('x'))?.headers).toEqual({
      'content-type': new Response('x').headers.get('content-type'),
    });
    expect(responseParts(fastResponse(new Uint8Array([1, 2])))?.headers).toEqual({});
  });

  it('keeps bytes as bytes', async () => {
    const bytes = new Uint8Array([0, 255, 128, 10]);
    expect(new Uint8Array(await fastResponse(bytes).arrayBuffer())).toEqual(bytes);
  });

  it('refuses the statuses a Response refuses', () => {
    expect(() => fastResponse('x', { status: 99 })).toThrow(RangeError);
    expect(() => fastResponse('x', { status: 600 })).toThrow(RangeError);
    expect(() => fastResponse('x', { status: 204 })).toThrow(TypeError);
  });

  it('offers its parts until something reads the real Response, then never again', () => {
    const response = fastResponse('hi', { status: 201, headers: { 'x-a': '1' } });
    expect(response.status).toBe(201);
    expect(responseParts(response)).toEqual({
      status: 201,
      headers: { 'x-a': '1', 'content-type': 'text/plain;charset=UTF-8' },
      body: 'hi',
    });
    response.headers.set('x-b', '2');
    expect(responseParts(response)).toBeUndefined();
    expect(response.headers.get('x-b')).toBe('2');
    expect(responseParts(new Response('hi'))).toBeUndefined();
  });
});

describe('setResponseHeader', () => {
  it('sets a header on a fast response without building the real one', () => {
    const response = fastResponse('x');
    setResponseHeader(response, 'X-Request-Id', 'abc');
    expect(responseParts(response)?.headers['x-request-id']).toBe('abc');
    expect(response.headers.get('x-request-id')).toBe('abc');
  });

  it('sets it on any other Response through its headers', () => {
    const response = new Response('x');
    setResponseHeader(response, 'x-request-id', 'abc');
    expect(response.headers.get('x-request-id')).toBe('abc');
  });
});
