import { describe, expect, it } from 'vitest';
import { ADMIN_GRAPHQL_PATH, createAdminEmulator } from './admin-emulator.js';
import type { CostExtension } from './admin-faults.js';
import { seedOrders } from './seed-orders.js';

const TOKEN = 'shpat_local_test_token';
const orders = seedOrders(new Date('2026-11-26T12:00:00Z'));

type Answer = {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  extensions?: { cost: CostExtension };
};

function setup(bucket = { maximumAvailable: 50, restoreRate: 10 }) {
  let now = 1_000_000;
  const emu = createAdminEmulator({ orders, accessToken: TOKEN, clock: () => now, bucket });
  const ask = async (query: string): Promise<Answer> => {
    const res = await emu.handle(
      new Request(`http://shop.test${ADMIN_GRAPHQL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': TOKEN },
        body: JSON.stringify({ query }),
      }),
    );
    expect(res.status).toBe(200);
    return (await res.json()) as Answer;
  };
  return { emu, ask, advance: (ms: number) => (now += ms) };
}

// Requests 22 points and, with more than 20 seeded orders, spends all of them.
const TWENTY = '{ orders(first: 20) { nodes { name } } }';

describe('cost and throttling', () => {
  it('reports the cost and the bucket on every answer', async () => {
    const { ask } = setup({ maximumAvailable: 2000, restoreRate: 100 });
    const answer = await ask(TWENTY);
    expect(answer.extensions?.cost).toEqual({
      requestedQueryCost: 22,
      actualQueryCost: 22,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1978, restoreRate: 100 },
    });
  });

  it('refunds points a query asked for but did not use', async () => {
    const { ask } = setup();
    const answer = await ask('{ orders(first: 20, query: "name:1001") { nodes { name } } }');
    expect(answer.extensions?.cost.requestedQueryCost).toBe(22);
    expect(answer.extensions?.cost.actualQueryCost).toBe(4);
    expect(answer.extensions?.cost.throttleStatus.currentlyAvailable).toBe(46);
  });

  it('throttles once the bucket is drained, with HTTP 200 and THROTTLED', async () => {
    const { ask } = setup();
    await ask(TWENTY);
    await ask(TWENTY);
    const answer = await ask(TWENTY);
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.[0]?.message).toBe('Throttled');
    expect(answer.errors?.[0]?.extensions?.code).toBe('THROTTLED');
    expect(answer.errors?.[0]?.extensions?.documentation).toMatch(/^https:\/\/shopify\.dev\//);
    expect(answer.extensions?.cost.actualQueryCost).toBeNull();
    expect(answer.extensions?.cost.throttleStatus.currentlyAvailable).toBe(6);
  });

  it('recovers at the restore rate as the clock moves on', async () => {
    const { ask, advance } = setup();
    await ask(TWENTY);
    await ask(TWENTY);
    advance(1_000); // 6 + 10 points: still short of 22
    expect((await ask(TWENTY)).errors?.[0]?.extensions?.code).toBe('THROTTLED');
    advance(1_000); // 26 points
    const answer = await ask(TWENTY);
    expect(answer.errors).toBeUndefined();
    expect(answer.extensions?.cost.throttleStatus.currentlyAvailable).toBe(4);
  });

  it('never fills the bucket above its maximum', async () => {
    const { ask, advance } = setup();
    await ask(TWENTY);
    advance(3_600_000);
    const answer = await ask('{ shop { name } }');
    expect(answer.extensions?.cost.throttleStatus.currentlyAvailable).toBe(49);
  });

  it('refuses a query over 1000 points with MAX_COST_EXCEEDED and takes no points', async () => {
    const { ask } = setup({ maximumAvailable: 2000, restoreRate: 100 });
    const answer = await ask(
      '{ orders(first: 250) { nodes { lineItems(first: 10) { nodes { name } } } } }',
    );
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.[0]?.extensions?.code).toBe('MAX_COST_EXCEEDED');
    expect(answer.errors?.[0]?.extensions?.cost).toBe(2 + 250 * 13);
    expect(answer.extensions?.cost.throttleStatus.currentlyAvailable).toBe(2000);
  });

  it('keeps the last cost for callers that want to check it', async () => {
    const { emu, ask } = setup();
    expect(emu.lastCost).toBeNull();
    await ask(TWENTY);
    expect(emu.lastCost?.requestedQueryCost).toBe(22);
  });

  it('refills the bucket on reset', async () => {
    const { emu, ask } = setup();
    await ask(TWENTY);
    emu.reset();
    expect((await ask(TWENTY)).extensions?.cost.throttleStatus.currentlyAvailable).toBe(28);
  });
});
