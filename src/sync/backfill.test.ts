import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Fetch } from '../core/ports.js';
import { databases } from '../db/testing.js';
import { SHOP, syncHarness } from '../testing/sync-harness.js';
import { type BackfillDeps, backfillStep } from './backfill.js';

async function untilDone(deps: BackfillDeps, h: { now: { ms: number }; runTimers: () => void }) {
  const steps: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const step = await backfillStep(SHOP, deps);
    steps.push(step);
    if (step !== 'waiting') return steps;
    h.now.ms += 2000;
    h.runTimers();
  }
  return steps;
}

/** A fetch whose bulk file breaks off after `share` of its bytes, the first time only. */
function breakingOnce(fetch: Fetch, share: number): Fetch {
  let broken = false;
  return async (input, init) => {
    const response = await fetch(input, init);
    if (broken || !String(input).includes('/bulk/')) return response;
    broken = true;
    const body = new Uint8Array(await response.arrayBuffer());
    let sent = false;
    return new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) {
            controller.error(new Error('connection reset'));
            return;
          }
          sent = true;
          controller.enqueue(body.slice(0, Math.floor(body.length * share)));
        },
      }),
      { status: 200 },
    );
  };
}

describe.each(databases())('backfill (%s)', (kind) => {
  it('runs the bulk query, waits for it, streams the file into the store and completes', async () => {
    const h = await syncHarness(kind);
    const steps = await untilDone(h.backfillDeps, h);
    expect(steps.at(0)).toBe('waiting');
    expect(steps.at(-1)).toBe('completed');
    const state = await h.repos.syncState.get(SHOP);
    expect(state.state).toBe('completed');
    expect(await h.repos.orders.count(SHOP)).toBe(h.orders.length);
    expect(state.ordersCount).toBe(h.orders.length);
    expect(state.finishedAt).not.toBeNull();
    // A completed shop is not backfilled again.
    expect(await backfillStep(SHOP, h.backfillDeps)).toBe('skipped');
    expect(h.emulator.bulk.count).toBe(1);
  });

  it('resumes after a crash mid-file from the committed position, without duplicates', async () => {
    const h = await syncHarness(kind);
    const deps: BackfillDeps = {
      ...h.backfillDeps,
      batchLines: 8,
      fetch: breakingOnce(h.backfillDeps.fetch, 0.6),
    };
    await expect(untilDone(deps, h)).rejects.toThrow('connection reset');
    const crashed = await h.repos.syncState.get(SHOP);
    expect(crashed.state).toBe('running');
    expect(crashed.resume.byteOffset).toBeGreaterThan(0);
    const storedAfterCrash = await h.repos.orders.count(SHOP);
    expect(storedAfterCrash).toBeGreaterThan(0);
    expect(storedAfterCrash).toBeLessThan(h.orders.length);
    expect(crashed.ordersCount).toBe(storedAfterCrash);

    const steps = await untilDone(deps, h);
    expect(steps.at(-1)).toBe('completed');
    const state = await h.repos.syncState.get(SHOP);
    expect(await h.repos.orders.count(SHOP)).toBe(h.orders.length);
    // Each order counted once: the batches committed before the crash were not read again.
    expect(state.ordersCount).toBe(h.orders.length);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from shipment_events where shop = ${SHOP}`.execute(h.handle.db);
    const events = h.orders.reduce(
      (n, o) => n + o.fulfillments.reduce((m, f) => m + f.events.length, 0),
      0,
    );
    expect(rows[0]?.n).toBe(events);
    expect(h.emulator.bulk.count).toBe(1);
  });

  it('reads the last 60 days without read_all_orders, every order with it', async () => {
    const h = await syncHarness(kind, { scopes: 'read_orders' });
    await untilDone(h.backfillDeps, h);
    const [op] = await h.emulator.bulk.list();
    expect(op?.query).toContain("processed_at:>='2026-09-27T12:00:00Z'");
    const all = await syncHarness(kind);
    await untilDone(all.backfillDeps, all);
    const [allOp] = await all.emulator.bulk.list();
    expect(allOp?.query).not.toContain('processed_at');
  });

  it('stops for an uninstalled shop', async () => {
    const h = await syncHarness(kind);
    await h.repos.shops.markUninstalled(SHOP);
    expect(await backfillStep(SHOP, h.backfillDeps)).toBe('skipped');
    expect(h.adminCalls()).toBe(0);
  });
});
