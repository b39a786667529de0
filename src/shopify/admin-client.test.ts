import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../contract/errors.js';
import { adminOrder, lookupBody, ORDER_EMAIL } from '../testing/admin-orders.js';
import { type AdminScript, json } from '../testing/fake-admin.js';
import { lookupRequest } from '../testing/signed.js';
import { testApp } from '../testing/test-app.js';

const ok = () => json(lookupBody([adminOrder()]));
const throttled = (available: number) =>
  json({
    errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
    extensions: {
      cost: {
        requestedQueryCost: 500,
        actualQueryCost: null,
        throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: 100 },
      },
    },
  });

/** The scripted answers in order; the last one repeats. */
const sequence =
  (...answers: (() => Response | Promise<Response>)[]): AdminScript =>
  (_call, n) =>
    (answers[Math.min(n, answers.length) - 1] as () => Response)();

async function lookup(script: AdminScript, env: Record<string, string> = {}) {
  const t = testApp(script, env);
  const res = await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
  return { t, res, body: (await res.json()) as { error?: { code: string; message: string } } };
}

describe('Admin API retries', () => {
  it('retries THROTTLED after the time the bucket needs to refill', async () => {
    const { t, res } = await lookup(sequence(() => throttled(300), ok));
    expect(res.status).toBe(200);
    expect(t.calls).toHaveLength(2);
    // 200 points missing at 100 points/s.
    expect(t.sleeps).toEqual([2000]);
  });

  it('retries 429 and 503 honouring Retry-After', async () => {
    const { t, res } = await lookup(
      sequence(
        () => json({}, 429, { 'retry-after': '2' }),
        () => json({}, 503, { 'retry-after': '1' }),
        ok,
      ),
    );
    expect(res.status).toBe(200);
    expect(t.sleeps).toEqual([2000, 1000]);
  });

  it('backs off when no wait is given', async () => {
    const { t } = await lookup(
      sequence(
        () => json({}, 503),
        () => json({}, 503),
        ok,
      ),
    );
    expect(t.sleeps).toEqual([250, 500]);
  });

  it('gives up within the time budget instead of sleeping past it', async () => {
    const { t, res, body } = await lookup(
      sequence(() => json({}, 429, { 'retry-after': '30' })),
      { UPSTREAM_BUDGET_MS: '5000' },
    );
    expect(res.status).toBe(503);
    expect(body.error?.code).toBe('upstream_unavailable');
    expect(t.sleeps).toEqual([]);
    expect(t.calls).toHaveLength(1);
  });

  it('stops after a bounded number of attempts', async () => {
    const { t, res } = await lookup(sequence(() => json({}, 503, { 'retry-after': '0' })));
    expect(res.status).toBe(503);
    expect(t.calls).toHaveLength(4);
  });
});

describe('Admin API faults become 503 upstream_unavailable with Retry-After, logged, never shown raw', () => {
  const faults: [string, AdminScript][] = [
    ['a network error', () => Promise.reject(new TypeError('fetch failed: ECONNREFUSED 10.1.2.3'))],
    ['a 500', () => json({ errors: 'internal boom at db-7' }, 500)],
    ['a 502', () => new Response('<html>bad gateway</html>', { status: 502 })],
    ['a body that is not JSON', () => new Response('<html>oops', { status: 200 })],
    ['data of the wrong shape', () => json({ data: { orders: { nodes: [{ name: 42 }] } } })],
    ['a GraphQL error', () => json({ errors: [{ message: 'Access denied for orders field' }] })],
    ['an envelope that is not an object', () => json(['x'])],
  ];

  it.each(faults)('%s', async (_label, script) => {
    const { t, res, body } = await lookup(script);
    expect(res.status).toBe(ERROR_STATUS.upstream_unavailable);
    expect(body.error?.code).toBe('upstream_unavailable');
    expect(res.headers.get('retry-after')).toBe('5');
    const text = JSON.stringify(body);
    for (const leak of ['ECONNREFUSED', 'boom', 'bad gateway', 'oops', 'Access denied', 'stack']) {
      expect(text).not.toContain(leak);
    }
    expect(t.logs.find((l) => l.event === 'upstream_fault')?.level).toBe('error');
  });

  it('uses partial data when only an optional field was refused, and logs the refusal', async () => {
    const order = adminOrder({ customer: null });
    const { t, res } = await lookup(() =>
      json({
        ...lookupBody([order]),
        errors: [
          {
            message: 'Access denied for customer field.',
            path: ['orders', 'nodes', 0, 'customer'],
            extensions: { code: 'ACCESS_DENIED' },
          },
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(t.logs.find((l) => l.event === 'admin_partial_data')?.codes).toBe('ACCESS_DENIED');
  });

  it('a timeout: the attempt is aborted and answered as unavailable', async () => {
    const controller = new AbortController();
    const t = testApp(
      (_call) =>
        new Promise<Response>((_resolve, reject) => {
          controller.signal.addEventListener('abort', () =>
            reject(new DOMException('timed out', 'TimeoutError')),
          );
          controller.abort();
        }),
      {},
      { timeoutSignal: () => controller.signal },
    );
    const res = await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    expect(res.status).toBe(503);
    expect(t.logs.find((l) => l.event === 'upstream_fault')?.fault).toBe('timeout');
  });
});
