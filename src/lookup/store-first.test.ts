import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type OrderNumber, parseOrderNumber } from '../core/order-number.js';
import { silentLogger } from '../core/ports.js';
import { databases } from '../db/testing.js';
import { backfillStep } from '../sync/backfill.js';
import { SHOP, type SyncHarness, syncHarness } from '../testing/sync-harness.js';
import type { OrderQuery } from './find-order.js';
import { storeFirstOrderSource } from './store-first.js';

function number(text: string): OrderNumber {
  const parsed = parseOrderNumber(text);
  if (!parsed.ok) throw new Error(`bad order number ${text}`);
  return parsed.value;
}
const query = (
  text: string,
  email: string | null,
  customerId: string | null = null,
): OrderQuery => ({
  orderNumber: number(text),
  email,
  customerId,
});
const ctx = { logger: silentLogger, shop: SHOP };

async function backfilled(h: SyncHarness) {
  for (let i = 0; i < 10; i += 1) {
    if ((await backfillStep(SHOP, h.backfillDeps)) !== 'waiting') return;
    h.now.ms += 2000;
    h.runTimers();
  }
}

function source(h: SyncHarness) {
  return storeFirstOrderSource({
    orders: h.repos.orders,
    fingerprinter: h.backfillDeps.fingerprinter,
    adminFor: h.backfillDeps.adminFor,
  });
}

describe.each(databases())('store-first order source (%s)', (kind) => {
  it('answers a synced order from the store with 0 Admin calls, by name and by confirmation number', async () => {
    const h = await syncHarness(kind);
    await backfilled(h);
    const orders = source(h);
    const before = h.adminCalls();
    const byName = await orders.findOrder(query('#1001', 'ada@example.com'), ctx);
    const byCode = await orders.findOrder(query('GB2CKFB2R', 'ADA@example.com '.trim()), ctx);
    expect(byName?.name).toBe('#1001');
    expect(byCode?.name).toBe('#1001');
    expect(byName?.fulfillments.length).toBeGreaterThan(0);
    expect(h.adminCalls() - before).toBe(0);
  });

  it('wrong email and unknown order both answer null, on the store path and the live path', async () => {
    const h = await syncHarness(kind);
    await backfilled(h);
    const orders = source(h);
    const before = h.adminCalls();
    expect(await orders.findOrder(query('#1001', 'mallory@example.com'), ctx)).toBeNull();
    // The store decides a wrong email for a stored order on its own.
    expect(h.adminCalls() - before).toBe(0);
    expect(await orders.findOrder(query('#9999', 'ada@example.com'), ctx)).toBeNull();
    expect(await orders.findOrder(query('#9999', 'mallory@example.com'), ctx)).toBeNull();

    // Live path: an empty store asks Admin; wrong email and unknown order are still both null.
    const live = await syncHarness(kind);
    const liveOrders = source(live);
    expect(await liveOrders.findOrder(query('#1001', 'mallory@example.com'), ctx)).toBeNull();
    expect(await liveOrders.findOrder(query('#9999', 'ada@example.com'), ctx)).toBeNull();
    expect(await live.repos.orders.count(SHOP)).toBe(0);
  });

  it('falls back to the slim live lookup for an order not stored yet, stores it, then answers from the store', async () => {
    const h = await syncHarness(kind);
    const orders = source(h);
    const first = await orders.findOrder(query('1001', 'ada@example.com'), ctx);
    expect(first?.name).toBe('#1001');
    // One find, one detail.
    expect(h.adminCalls()).toBe(2);
    expect(await h.repos.orders.count(SHOP)).toBe(1);
    const again = await orders.findOrder(query('1001', 'ada@example.com'), ctx);
    expect(again?.name).toBe('#1001');
    expect(h.adminCalls()).toBe(2);
  });

  it('a fingerprint of an older normalisation goes live once and is re-fingerprinted', async () => {
    const h = await syncHarness(kind);
    await backfilled(h);
    await sql`update orders set email_fingerprint_version = 1 where shop = ${SHOP} and name = '#1001'`.execute(
      h.handle.db,
    );
    const orders = source(h);
    const before = h.adminCalls();
    expect((await orders.findOrder(query('1001', 'ada@example.com'), ctx))?.name).toBe('#1001');
    expect(h.adminCalls() - before).toBe(2);
    expect((await orders.findOrder(query('1001', 'ada@example.com'), ctx))?.name).toBe('#1001');
    expect(h.adminCalls() - before).toBe(2);
  });

  it("a logged-in customer's order and list come from the store", async () => {
    const h = await syncHarness(kind);
    await backfilled(h);
    const orders = source(h);
    const before = h.adminCalls();
    const order = await orders.findOrder(query('1001', null, '7001'), ctx);
    expect(order?.name).toBe('#1001');
    expect(await orders.findOrder(query('1001', null, '7999'), ctx)).toBeNull();
    const list = await orders.customerOrders('7001', ctx);
    expect(list.orders.map((o) => o.name)).toContain('#1001');
    expect(h.adminCalls() - before).toBe(0);
  });

  it("reads a customer's list live while the shop's backfill is not complete: the store may hold only some orders", async () => {
    const h = await syncHarness(kind);
    await backfilled(h);
    let complete = false;
    const orders = storeFirstOrderSource({
      orders: h.repos.orders,
      fingerprinter: h.backfillDeps.fingerprinter,
      adminFor: h.backfillDeps.adminFor,
      backfilled: async () => complete,
    });
    const before = h.adminCalls();
    const live = await orders.customerOrders('7001', ctx);
    expect(h.adminCalls() - before).toBe(1);
    complete = true;
    const stored = await orders.customerOrders('7001', ctx);
    expect(h.adminCalls() - before).toBe(1);
    expect(stored.orders.map((o) => o.name)).toEqual(live.orders.map((o) => o.name));
  });
});
