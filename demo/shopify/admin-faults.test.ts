import { describe, expect, it } from 'vitest';
import {
  ADMIN_GRAPHQL_PATH,
  createAdminEmulator,
  EMULATOR_FAULT_PATH,
  EMULATOR_RESET_PATH,
  EMULATOR_STATE_PATH,
} from './admin-emulator.js';
import { seedOrders } from './seed-orders.js';

const TOKEN = 'shpat_local_test_token';
const orders = seedOrders(new Date('2026-11-26T12:00:00Z'));

function setup() {
  const slept: number[] = [];
  const emu = createAdminEmulator({
    orders,
    accessToken: TOKEN,
    clock: () => 0,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
  const ask = () =>
    emu.handle(
      new Request(`http://shop.test${ADMIN_GRAPHQL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': TOKEN },
        body: JSON.stringify({ query: '{ shop { name } }' }),
      }),
    );
  const control = (path: string, body?: unknown) =>
    emu.handle(
      new Request(`http://shop.test${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  return { emu, ask, control, slept };
}

const isJson = async (res: Response) => {
  try {
    JSON.parse(await res.text());
    return true;
  } catch {
    return false;
  }
};

describe('faults', () => {
  it('throttle answers HTTP 200 with THROTTLED and an empty bucket in the cost', async () => {
    const { emu, ask } = setup();
    emu.fault({ kind: 'throttle' });
    const res = await ask();
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      errors: Array<{ extensions: { code: string } }>;
      extensions: { cost: { throttleStatus: { currentlyAvailable: number } } };
    };
    expect(body.errors[0]?.extensions.code).toBe('THROTTLED');
    expect(body.extensions.cost.throttleStatus.currentlyAvailable).toBe(0);
  });

  it.each([500, 502, 503] as const)('status %i answers that status', async (status) => {
    const { emu, ask } = setup();
    emu.fault({ kind: 'status', status });
    expect((await ask()).status).toBe(status);
  });

  it("status 429 sends Retry-After, the given one or Shopify's 2.0", async () => {
    const { emu, ask } = setup();
    emu.fault({ kind: 'status', status: 429, retryAfter: 3 });
    const given = await ask();
    expect(given.status).toBe(429);
    expect(given.headers.get('retry-after')).toBe('3.0');
    emu.fault({ kind: 'status', status: 429 });
    expect((await ask()).headers.get('retry-after')).toBe('2.0');
  });

  it('slow waits the given time, then answers normally', async () => {
    const { emu, ask, slept } = setup();
    emu.fault({ kind: 'slow', ms: 1500 });
    const res = await ask();
    expect(slept).toEqual([1500]);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual({
      shop: { name: 'Nordlys Outfitters (demo)' },
    });
  });

  it('malformed answers 200 with a body that is not JSON', async () => {
    const { emu, ask } = setup();
    emu.fault({ kind: 'malformed' });
    const res = await ask();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await isJson(res)).toBe(false);
  });

  it('lasts count requests when given a count, and until cleared otherwise', async () => {
    const { emu, ask } = setup();
    emu.fault({ kind: 'status', status: 503, count: 2 });
    expect([(await ask()).status, (await ask()).status, (await ask()).status]).toEqual([
      503, 503, 200,
    ]);
    emu.fault({ kind: 'status', status: 500 });
    expect([(await ask()).status, (await ask()).status]).toEqual([500, 500]);
    emu.fault(null);
    expect((await ask()).status).toBe(200);
  });

  it('counts faulted requests as calls', async () => {
    const { emu, ask } = setup();
    emu.fault({ kind: 'status', status: 503, count: 1 });
    await ask();
    await ask();
    expect(emu.calls).toBe(2);
  });

  it('refuses a fault it does not know', () => {
    const { emu } = setup();
    expect(() => emu.fault({ kind: 'status', status: 418 } as never)).toThrow(
      /Invalid emulator fault/,
    );
  });
});

describe('fault control over HTTP', () => {
  it('sets and clears a fault with POST /admin/__emulator/fault', async () => {
    const { ask, control } = setup();
    expect((await control(EMULATOR_FAULT_PATH, { kind: 'status', status: 502 })).status).toBe(204);
    expect((await ask()).status).toBe(502);
    expect((await control(EMULATOR_FAULT_PATH, null)).status).toBe(204);
    expect((await ask()).status).toBe(200);
  });

  it('answers 400 to a body that is not a fault', async () => {
    const { control } = setup();
    expect((await control(EMULATOR_FAULT_PATH, { kind: 'explode' })).status).toBe(400);
  });

  it('reports calls, the fault and the bucket, and resets them', async () => {
    const { ask, control } = setup();
    await ask();
    await control(EMULATOR_FAULT_PATH, { kind: 'throttle', count: 1 });
    const state = (await (await control(EMULATOR_STATE_PATH)).json()) as {
      calls: number;
      fault: { kind: string };
      throttleStatus: { currentlyAvailable: number };
    };
    expect(state.calls).toBe(1);
    expect(state.fault.kind).toBe('throttle');
    expect(state.throttleStatus.currentlyAvailable).toBe(1999);
    expect((await control(EMULATOR_RESET_PATH, {})).status).toBe(204);
    const after = (await (await control(EMULATOR_STATE_PATH)).json()) as typeof state;
    expect(after).toEqual({
      calls: 0,
      fault: null,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 },
      fulfillmentEvents: [],
      flowTriggers: [],
    });
  });
});
