import { describe, expect, it } from 'vitest';
import { recordFulfillmentEvent, shipOrder } from '../../demo/shopify/order-actions.js';
import { databases } from '../db/testing.js';
import { SHOP, type SyncHarness, syncHarness } from '../testing/sync-harness.js';
import { backfillStep } from './backfill.js';
import { reconcileShop } from './reconcile.js';

async function backfilled(h: SyncHarness) {
  for (let i = 0; i < 10; i += 1) {
    if ((await backfillStep(SHOP, h.backfillDeps)) !== 'waiting') return;
    h.now.ms += 2000;
    h.runTimers();
  }
}

describe.each(databases())('reconciliation (%s)', (kind) => {
  it('heals missed webhooks: orders changed since the last run are read and stored, others are not', async () => {
    const h = await syncHarness(kind);
    await backfilled(h);
    const deps = { ...h.backfillDeps, intervalS: 900 };
    // First run: nothing changed since the backfill started.
    h.now.ms += 60_000;
    const quiet = await reconcileShop(SHOP, deps);
    expect(quiet.written).toBe(0);

    // Changes whose webhooks never arrive.
    const order = h.orders.find((o) => o.fulfillments.length === 0 && !o.cancelledAt);
    const shippedOrder = h.orders.find((o) => o.fulfillments.length > 0 && !o.cancelledAt);
    if (!order || !shippedOrder) throw new Error('seed orders missing');
    h.now.ms += 60_000;
    shipOrder(order, { company: 'Bring', number: 'CS333333333NO', url: null }, new Date(h.now.ms));
    const f = shippedOrder.fulfillments[0];
    if (!f) throw new Error('no fulfillment');
    const { event } = recordFulfillmentEvent(
      shippedOrder,
      f,
      { status: 'IN_TRANSIT', city: 'Bergen', country: 'Norway' },
      new Date(h.now.ms),
    );
    h.now.ms += 60_000;
    const before = h.adminCalls();
    const healed = await reconcileShop(SHOP, deps);
    expect(healed.written).toBe(2);
    // One page of changed ids, then one detail per changed order.
    expect(h.adminCalls() - before).toBe(3);
    const stored = await h.repos.orders.get(SHOP, order.id);
    expect(stored?.shipments[0]?.trackingNumber).toBe('CS333333333NO');
    const other = await h.repos.orders.get(SHOP, shippedOrder.id);
    expect(other?.shipments[0]?.events.map((e) => e.eventGid)).toContain(event.id);

    // The next run starts after the last change: nothing to write again.
    h.now.ms += 60_000;
    const again = await reconcileShop(SHOP, deps);
    expect(again.written).toBe(0);
    expect((await h.repos.syncState.get(SHOP)).lastReconciledAt).not.toBeNull();
  });

  it('does nothing for an uninstalled shop or before the backfill completed', async () => {
    const h = await syncHarness(kind);
    expect(await reconcileShop(SHOP, h.backfillDeps)).toEqual({ seen: 0, written: 0 });
    await backfilled(h);
    await h.repos.shops.markUninstalled(SHOP);
    const before = h.adminCalls();
    expect(await reconcileShop(SHOP, h.backfillDeps)).toEqual({ seen: 0, written: 0 });
    expect(h.adminCalls()).toBe(before);
  });
});
