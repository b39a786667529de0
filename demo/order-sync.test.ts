import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOP } from './env.js';
import { type Demo, startDemo } from './server.js';
import { demoOrderTable } from './shopify/seed-orders.js';

/** Waits for `check` to give a value, asking every 200 ms for at most `ms`. */
async function eventually<T>(check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the demo runs the whole order sync: backfill, store-first lookups, webhooks', () => {
  let demo: Demo;
  let apiKey: string;

  beforeAll(async () => {
    demo = await startDemo({ port: 0 });
    const home = await (await fetch(`${demo.appUrl}/?shop=${DEMO_SHOP}&embedded=1`)).text();
    apiKey = /name="shopify-api-key" content="([^"]+)"/.exec(home)?.[1] ?? '';
  }, 60_000);
  afterAll(() => demo?.close());

  const api = async (path: string) => {
    const { token } = (await (
      await fetch(`${demo.url}/admin/session-token?shop=${DEMO_SHOP}&client_id=${apiKey}`)
    ).json()) as { token: string };
    return fetch(`${demo.appUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  };
  const adminCalls = async () => {
    const state = (await (
      await fetch(`${demo.url}/admin/__emulator/state?shop=${DEMO_SHOP}`)
    ).json()) as { calls: number };
    return state.calls;
  };
  const lookUp = async (orderNumber: string, email: string) => {
    const response = await fetch(`${demo.url}/apps/track/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderNumber, email }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { shipments?: { trackingNumber?: string | null }[] },
    };
  };

  it('backfills the installed shop by a bulk operation, then answers lookups with no Admin call', async () => {
    expect(apiKey).not.toBe('');
    const sync = await eventually(async () => {
      const body = (await (await api('/api/sync')).json()) as { state: string; orders: number };
      return body.state === 'completed' ? body : undefined;
    });
    const seeded = demoOrderTable();
    expect(sync.orders).toBe(seeded.length);

    const before = await adminCalls();
    for (const order of seeded.slice(0, 5)) {
      const { status } = await lookUp(order.orderNumber, order.email);
      expect(status).toBe(200);
    }
    const wrongEmail = await lookUp(seeded[0]?.orderNumber ?? '', 'someone.else@example.com');
    expect(wrongEmail.status).toBe(404);
    expect(await adminCalls()).toBe(before);
  }, 60_000);

  it('a shipment made in the local admin reaches the lookup through the webhooks, still with no Admin call', async () => {
    const order = demoOrderTable().find((o) => o.shows === 'Payment authorized, not shipped');
    if (!order) throw new Error('the seed lost its unshipped order');
    const first = await lookUp(order.orderNumber, order.email);
    expect(first.status).toBe(200);
    expect(first.body.shipments ?? []).toHaveLength(0);
    const before = await adminCalls();

    const shipped = await fetch(`${demo.url}/admin/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ shop: DEMO_SHOP, order: order.orderNumber, action: 'ship' }),
      redirect: 'manual',
    });
    expect(shipped.status).toBeLessThan(400);

    const after = await eventually(async () => {
      const answer = await lookUp(order.orderNumber, order.email);
      return (answer.body.shipments ?? []).length > 0 ? answer : undefined;
    });
    expect(after.body.shipments?.[0]?.trackingNumber).toBe('TESTPACKAGEEDI');
    expect(await adminCalls()).toBe(before);
  }, 60_000);
});
