import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastResponse } from '../proxy/fast-response.js';
import { type Serving, serve } from './node-adapter.js';

/** One request on its own connection, so many of them reach the server in the same turn. */
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: new Agent({ keepAlive: false }) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('whole responses written together at the end of a turn', () => {
  let serving: Serving;

  beforeAll(async () => {
    serving = await serve(
      async (request) => {
        const path = new URL(request.url).pathname;
        // A header value node refuses to write: that answer alone becomes a 500.
        if (path === '/refused') return fastResponse('x', { headers: { 'x-bad': 'a\u0000b' } });
        return fastResponse(path);
      },
      { port: 0, host: '127.0.0.1' },
    );
  });
  afterAll(() => serving.close());

  it('gives each of many simultaneous requests its own answer', async () => {
    const paths = Array.from({ length: 40 }, (_, i) => `/r${i}`);
    const answers = await Promise.all(paths.map((path) => get(`${serving.url}${path}`)));
    expect(answers).toEqual(paths.map((path) => ({ status: 200, body: path })));
  });

  it('answers 500 for a response node refuses to write, and still writes the others beside it', async () => {
    const answers = await Promise.all(
      ['/a', '/refused', '/b'].map((path) => get(`${serving.url}${path}`)),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 500, 200]);
    expect(answers[0]?.body).toBe('/a');
    expect(answers[2]?.body).toBe('/b');
  });
});
