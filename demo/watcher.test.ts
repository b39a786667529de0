// The demo shows the shipment watcher: a carrier's delivery reaches Shopify's order with no shopper looking, and a stalled parcel is on the board.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOP } from './env.js';
import { type Demo, startDemo } from './server.js';
import { seedOrders } from './shopify/seed-orders.js';

async function eventually<T>(check: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface EmulatorState {
  calls: number;
  fulfillmentEvents: { fulfillmentId: string; status: string }[];
  flowTriggers: { handle: string | null }[];
}

describe('the demo runs the shipment watcher', () => {
  let demo: Demo;
  let apiKey: string;
  const seeded = seedOrders(new Date());
  const fulfillmentOf = (name: string) => seeded.find((o) => o.name === name)?.fulfillments[0]?.id;

  beforeAll(async () => {
    demo = await startDemo({ port: 0, watcher: true, env: { WATCHER_INTERVAL_S: '1' } });
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
  const emulator = async () =>
    (await (
      await fetch(`${demo.url}/admin/__emulator/state?shop=${DEMO_SHOP}`)
    ).json()) as EmulatorState;

  it('moves a parcel Shopify thinks in transit to Delivered and writes it back, once, with no lookup', async () => {
    const fulfillment = fulfillmentOf('#1022');
    expect(fulfillment).toBeDefined();
    const written = await eventually(async () => {
      const events = (await emulator()).fulfillmentEvents.filter(
        (e) => e.fulfillmentId === fulfillment,
      );
      return events.some((e) => e.status === 'DELIVERED') ? events : undefined;
    });
    expect(written.map((e) => e.status)).toEqual(['OUT_FOR_DELIVERY', 'DELIVERED']);
    const list = (await (await api('/api/shipments?q=1022')).json()) as {
      shipments: { status: string; orderName: string }[];
    };
    expect(list.shipments.map((s) => [s.orderName, s.status])).toEqual([['#1022', 'delivered']]);
    const fired = (await emulator()).flowTriggers.map((t) => t.handle);
    expect(fired).toContain('shipment-delivered');
    // Rounds go on; nothing is written twice.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const again = (await emulator()).fulfillmentEvents.filter(
      (e) => e.fulfillmentId === fulfillment,
    );
    expect(again).toHaveLength(2);
  }, 90_000);

  it('shows the stalled parcel on the board and fires Shipment stalled for it', async () => {
    const board = (await (await api('/api/overview')).json()) as { counts: { stalled: number } };
    expect(board.counts.stalled).toBeGreaterThanOrEqual(1);
    const stalled = (await (await api('/api/shipments?stalled=true')).json()) as {
      shipments: { orderName: string }[];
    };
    expect(stalled.shipments.map((s) => s.orderName)).toContain('#1023');
    await eventually(async () =>
      (await emulator()).flowTriggers.some((t) => t.handle === 'shipment-stalled')
        ? true
        : undefined,
    );
  }, 90_000);
});
