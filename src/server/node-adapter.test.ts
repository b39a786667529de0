import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminOrder, ORDER_EMAIL } from '../testing/admin-orders.js';
import { fakeAdmin, ordersAdmin } from '../testing/fake-admin.js';
import { NOW, signedUrl } from '../testing/signed.js';
import { TEST_ENV } from '../testing/test-app.js';
import { createApp } from './app.js';
import { type Serving, serve } from './node-adapter.js';

describe('the proxy behind the real Node server on 127.0.0.1', () => {
  let serving: Serving;
  const admin = fakeAdmin(ordersAdmin([adminOrder()]));

  beforeAll(async () => {
    const { handler } = createApp(TEST_ENV, { fetch: admin.fetch, clock: () => NOW });
    serving = await serve(handler, { port: 0, host: '127.0.0.1' });
  });
  afterAll(() => serving.close());

  const at = (signed: string) => signed.replace('http://proxy.test', serving.url);

  it('answers /healthz', async () => {
    const res = await fetch(`${serving.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers HEAD without a body', async () => {
    const res = await fetch(`${serving.url}/healthz`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('passes the query, headers and body through to a lookup', async () => {
    const res = await fetch(at(signedUrl('/proxy/lookup')), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1, 10.0.0.1' },
      body: JSON.stringify({ orderNumber: '#1001', email: ORDER_EMAIL }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { order: { name: string } }).order.name).toBe('#1001');
  });

  it('answers a form post with an application/liquid page', async () => {
    const res = await fetch(at(signedUrl('/proxy/lookup')), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ orderNumber: '1001', email: ORDER_EMAIL }).toString(),
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/liquid/);
    expect(await res.text()).toContain('#1001');
  });

  it('answers errors as JSON with their codes: 404, 405, 401, 413, 415', async () => {
    const cases: [Promise<Response>, number, string][] = [
      [fetch(`${serving.url}/nope`), 404, 'not_found'],
      [fetch(`${serving.url}/proxy/lookup`), 405, 'method_not_allowed'],
      [fetch(`${serving.url}/proxy/orders`), 401, 'invalid_signature'],
      [
        fetch(at(signedUrl('/proxy/lookup')), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: 'x'.repeat(100_000),
        }),
        413,
        'payload_too_large',
      ],
      [
        fetch(at(signedUrl('/proxy/lookup')), {
          method: 'POST',
          headers: { 'content-type': 'text/xml' },
          body: '<a/>',
        }),
        415,
        'unsupported_media_type',
      ],
    ];
    for (const [pending, status, code] of cases) {
      const res = await pending;
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });

  it('answers 413 to a large body sent in chunks with no length, and 413 alike when it is declared', async () => {
    const chunked = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        at(signedUrl('/proxy/lookup')),
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode, body }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('x'.repeat(1000));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe('payload_too_large');
  });
});
