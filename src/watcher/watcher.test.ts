import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jsonResponse, recordingFetch } from '../carriers/testing-fetch.js';
import { silentLogger } from '../core/ports.js';
import { DEFAULT_STALLED_AFTER_DAYS } from '../core/stalled.js';
import { createRepositories } from '../db/repositories.js';
import { databases, testDatabase } from '../db/testing.js';
import { createWatchedShipmentsRepository } from '../db/watched-shipments.js';
import { createSealer } from '../platform/crypto.js';
import type { JobQueue } from '../platform/jobs.js';
import { memoryLimiterFactory } from '../platform/rate-limits.js';
import type { AdminQuery } from '../shopify/admin-client.js';
import { createInProcessInvalidationBus, type OrderChange } from '../sync/invalidation.js';
import { storedOrder } from '../testing/stored-orders.js';
import { FLOW_TRIGGER_RECEIVE_MUTATION } from './flow.js';
import { type PollDeps, type PollJob, pollShipment } from './poll.js';
import { BACKOFF_BASE_MS } from './schedule.js';
import { runRound, type WatcherConfig } from './watcher.js';
import { FULFILLMENT_EVENT_CREATE_MUTATION } from './write-back.js';

const SHOP = 'alpha.myshopify.com';
const OTHER = 'beta.myshopify.com';
const DAY = 86_400_000;
const HOUR = 3_600_000;
// Two days after the stored orders' shipments left (2026-11-01T12:00Z).
const START = Date.UTC(2026, 10, 3, 12);
const BRING = 'https://bring.test/tracking.json';

const CONFIG: WatcherConfig = {
  intervalS: 1,
  batchSize: 100,
  leaseS: 20,
  carrierRequestsPerMinute: 1000,
  carrierTimeoutMs: 1000,
  concurrency: 1,
};

/** A Bring answer with these events (newest first), statuses as Bring spells them. */
function bringAnswer(events: { status: string; at: string }[]) {
  return {
    consignmentSet: [
      {
        consignmentId: 'C1',
        packageSet: [
          {
            packageNumber: 'P1',
            eventSet: events.map((e) => ({
              description: `Event ${e.status}`,
              status: e.status,
              dateIso: e.at,
              city: 'OSLO',
              countryCode: 'NO',
            })),
          },
        ],
      },
    ],
  };
}

/** Records Admin calls and answers Flow's and write-back's mutations with success. */
function fakeShopify(refuse = false) {
  const calls: { document: string; variables: Record<string, unknown> }[] = [];
  const admin: AdminQuery = async (document, variables, schema) => {
    calls.push({ document, variables });
    const userErrors = refuse ? [{ field: null, message: 'no' }] : [];
    const data = document.includes('flowTriggerReceive')
      ? { flowTriggerReceive: { userErrors } }
      : {
          fulfillmentEventCreate: {
            fulfillmentEvent: refuse
              ? null
              : { id: `gid://shopify/FulfillmentEvent/90${calls.length}` },
            userErrors,
          },
        };
    return schema.parse(data);
  };
  return { admin, calls };
}

/** A job queue that only records what was queued. */
function recordingJobs() {
  const sent: PollJob[] = [];
  const jobs = {
    send: async (_queue: string, data: object) => {
      sent.push(data as PollJob);
      return 'id';
    },
  } as unknown as JobQueue;
  return { jobs, sent };
}

describe.each(databases())('the watcher on %s', { timeout: 60_000 }, (kind) => {
  async function setup(options: { bringAnswer?: () => Response; refuse?: boolean } = {}) {
    const handle = await testDatabase(kind);
    let now = START;
    const clock = () => now;
    const bus = createInProcessInvalidationBus();
    const changes: OrderChange[] = [];
    bus.subscribe((c) => changes.push(...c));
    const repos = createRepositories(handle.db, createSealer(randomBytes(32)), clock, {
      invalidations: bus,
    });
    for (const shop of [SHOP, OTHER]) {
      await repos.shops.markInstalled(shop, 'read_orders,write_fulfillments');
      await repos.shopSettings.updateShopSettings(shop, {
        carriers: { bring: { uid: 'u', key: `key-${shop}` } },
      });
    }
    let answer =
      options.bringAnswer ??
      (() =>
        jsonResponse(bringAnswer([{ status: 'IN_TRANSIT', at: '2026-11-02T08:00:00+01:00' }])));
    const carrier = recordingFetch(() => answer());
    const shopify = fakeShopify(options.refuse);
    const watched = createWatchedShipmentsRepository(handle.db);
    const deps: PollDeps = {
      watched,
      orders: repos.orders,
      shopSettings: repos.shopSettings,
      flowTriggers: repos.flowTriggers,
      thresholds: async () => ({ ...DEFAULT_STALLED_AFTER_DAYS }),
      adminFor: async () => shopify.admin,
      envKeys: {},
      endpoints: { bring: BRING },
      limiterFactory: memoryLimiterFactory,
      fetch: carrier.fetch,
      clock,
      logger: silentLogger,
      carrierTimeoutMs: 1000,
      carrierRequestsPerMinute: 1000,
    };
    const { jobs, sent } = recordingJobs();
    /** One round, then every job it queued, as workers would. */
    const round = async () => {
      sent.length = 0;
      await runRound({ ...deps, jobs }, CONFIG);
      const jobsOfRound = [...sent];
      const reports = [];
      for (const job of jobsOfRound) reports.push(await pollShipment(deps, job));
      return { jobs: jobsOfRound, reports };
    };
    return {
      handle,
      repos,
      deps,
      watched,
      carrier,
      shopify,
      changes,
      round,
      jobs,
      sent,
      setNow: (t: number) => {
        now = t;
      },
      answer: (f: () => Response) => {
        answer = f;
      },
    };
  }

  it('claims each open shipment once per round, across rounds running at once', async () => {
    const t = await setup();
    for (let n = 1; n <= 6; n++) await t.repos.orders.upsert(n % 2 ? SHOP : OTHER, storedOrder(n));
    // A delivered one and a cancelled fulfilment are not watched.
    await t.repos.orders.upsert(SHOP, storedOrder(7, { deliveredAt: '2026-11-02T10:00:00Z' }));
    const a = recordingJobs();
    const b = recordingJobs();
    const claimed = await Promise.all([
      runRound({ ...t.deps, jobs: a.jobs }, CONFIG),
      runRound({ ...t.deps, jobs: b.jobs }, CONFIG),
    ]);
    const all = [...a.sent, ...b.sent].map((j) => `${j.shop} ${j.fulfillmentGid}`);
    expect(claimed[0] + claimed[1]).toBe(6);
    expect(new Set(all).size).toBe(6);
    expect(all).not.toContain(`${SHOP} gid://shopify/Fulfillment/7`);
    // Leased: a third round at the same time finds nothing.
    expect(await runRound({ ...t.deps, jobs: a.jobs }, CONFIG)).toBe(0);
  });

  it('polls, stores the carrier events and status, evicts the order, schedules by state', async () => {
    const t = await setup();
    await t.repos.orders.upsert(SHOP, storedOrder(1));
    t.changes.length = 0;
    t.answer(() =>
      jsonResponse(
        bringAnswer([
          { status: 'TRANSPORT_TO_RECIPIENT', at: '2026-11-03T08:00:00+01:00' },
          { status: 'IN_TRANSIT', at: '2026-11-02T08:00:00+01:00' },
        ]),
      ),
    );
    const { reports } = await t.round();
    expect(reports.map((r) => r.outcome)).toEqual(['polled']);
    expect(t.carrier.calls).toHaveLength(1);
    expect(t.carrier.calls[0]?.headers.get('x-mybring-api-key')).toBe(`key-${SHOP}`);
    const order = await t.repos.orders.get(SHOP, 'gid://shopify/Order/1');
    const shipment = order?.shipments[0];
    expect(shipment?.status).toBe('out_for_delivery');
    expect(shipment?.events.map((e) => e.status)).toEqual([
      'OUT_FOR_DELIVERY',
      'IN_TRANSIT',
      'IN_TRANSIT',
    ]);
    expect(t.changes.map((c) => c.orderName)).toEqual(['#1']);
    // Out for delivery: polled again in an hour, not before.
    expect(reports[0]?.nextPollAt).toBe(START + HOUR);
    t.setNow(START + HOUR - 1000);
    expect((await t.round()).jobs).toHaveLength(0);
    t.setNow(START + HOUR);
    t.changes.length = 0;
    expect((await t.round()).jobs).toHaveLength(1);
    // The same answer again changes nothing: no write, no eviction.
    expect(t.changes).toEqual([]);
  });

  it('backs off on 429 and failures, doubling from five minutes, and resets after a success', async () => {
    let status = 429;
    const t = await setup({ bringAnswer: () => new Response('', { status }) });
    await t.repos.orders.upsert(SHOP, storedOrder(1));
    const first = await t.round();
    expect(first.reports[0]?.outcome).toBe('failed');
    expect(first.reports[0]?.nextPollAt).toBe(START + BACKOFF_BASE_MS);
    t.setNow(START + BACKOFF_BASE_MS);
    status = 503;
    const second = await t.round();
    expect(second.reports[0]?.nextPollAt).toBe(START + 3 * BACKOFF_BASE_MS);
    expect((await t.watched.state(SHOP, 'gid://shopify/Fulfillment/1'))?.consecutiveFailures).toBe(
      2,
    );
    t.setNow(START + 3 * BACKOFF_BASE_MS);
    t.answer(() =>
      jsonResponse(bringAnswer([{ status: 'IN_TRANSIT', at: '2026-11-03T08:00:00+01:00' }])),
    );
    const third = await t.round();
    expect(third.reports[0]?.outcome).toBe('polled');
    expect((await t.watched.state(SHOP, 'gid://shopify/Fulfillment/1'))?.consecutiveFailures).toBe(
      0,
    );
  });

  it('writes each milestone back once, only for shops that opted in', async () => {
    const t = await setup({
      bringAnswer: () =>
        jsonResponse(
          bringAnswer([
            { status: 'DELIVERED', at: '2026-11-03T09:00:00+01:00' },
            { status: 'TRANSPORT_TO_RECIPIENT', at: '2026-11-03T07:00:00+01:00' },
          ]),
        ),
    });
    await t.repos.orders.upsert(SHOP, storedOrder(1));
    await t.repos.orders.upsert(OTHER, storedOrder(2));
    await t.repos.shopSettings.updateShopSettings(SHOP, { writeBack: true });
    const { reports } = await t.round();
    const writes = t.shopify.calls.filter((c) => c.document === FULFILLMENT_EVENT_CREATE_MUTATION);
    // Shopify had In transit already (the stored event); the shop that did not opt in gets nothing.
    expect(writes.map((c) => c.variables.fulfillmentEvent)).toEqual([
      {
        fulfillmentId: 'gid://shopify/Fulfillment/1',
        status: 'OUT_FOR_DELIVERY',
        happenedAt: '2026-11-03T07:00:00+01:00',
      },
      {
        fulfillmentId: 'gid://shopify/Fulfillment/1',
        status: 'DELIVERED',
        happenedAt: '2026-11-03T09:00:00+01:00',
      },
    ]);
    expect(reports.map((r) => r.status)).toEqual(['delivered', 'delivered']);
    // The stored copies take Shopify's ids, so its fulfillment_events/create webhook replaces them.
    const events = async () =>
      (await t.repos.orders.get(SHOP, 'gid://shopify/Order/1'))?.shipments[0]?.events.map((e) => [
        e.status,
        e.eventGid,
      ]);
    expect(await events()).toEqual([
      ['DELIVERED', 'gid://shopify/FulfillmentEvent/902'],
      ['OUT_FOR_DELIVERY', 'gid://shopify/FulfillmentEvent/901'],
      ['IN_TRANSIT', 'gid://shopify/FulfillmentEvent/1'],
    ]);
    // Delivered: never polled again, so never written again; a forced poll adds nothing either.
    t.setNow(START + 10 * DAY);
    expect((await t.round()).jobs).toHaveLength(0);
    await t.handle.db
      .updateTable('watched_shipments')
      .set({ next_poll_at: new Date(START) })
      .execute();
    await t.round();
    expect(
      t.shopify.calls.filter((c) => c.document === FULFILLMENT_EVENT_CREATE_MUTATION),
    ).toHaveLength(2);
    // Nor does the carrier's answer add second copies of what Shopify now has.
    expect(await events()).toHaveLength(3);
  });

  it('a refused write-back is released and retried five minutes later, even when delivered', async () => {
    const t = await setup({
      refuse: true,
      bringAnswer: () =>
        jsonResponse(bringAnswer([{ status: 'DELIVERED', at: '2026-11-03T09:00:00+01:00' }])),
    });
    await t.repos.orders.upsert(SHOP, storedOrder(1));
    await t.repos.shopSettings.updateShopSettings(SHOP, { writeBack: true });
    const { reports } = await t.round();
    expect(reports[0]?.nextPollAt).toBe(START + BACKOFF_BASE_MS);
    expect(await t.watched.writtenBack(SHOP, 'gid://shopify/Fulfillment/1')).toEqual(new Set());
    t.setNow(START + BACKOFF_BASE_MS);
    expect((await t.round()).jobs).toHaveLength(1);
  });

  it('fires each Flow trigger once per shipment and state, only when a workflow uses it', async () => {
    const t = await setup({
      bringAnswer: () =>
        jsonResponse(bringAnswer([{ status: 'DEVIATION', at: '2026-11-03T09:00:00+01:00' }])),
    });
    await t.repos.orders.upsert(SHOP, storedOrder(1));
    await t.repos.orders.upsert(OTHER, storedOrder(2));
    await t.repos.flowTriggers.setLifecycle(SHOP, 'shipment-delayed', true, new Date(START));
    await t.repos.flowTriggers.setLifecycle(SHOP, 'shipment-stalled', true, new Date(START));
    const first = await t.round();
    const flows = () => t.shopify.calls.filter((c) => c.document === FLOW_TRIGGER_RECEIVE_MUTATION);
    expect(flows().map((c) => c.variables.handle)).toEqual(['shipment-delayed']);
    expect(flows()[0]?.variables.payload).toEqual({
      order_id: 1,
      'tracking number': 'TRACK1',
      carrier: 'Bring',
      status: 'delayed',
      'days in transit': 1,
    });
    expect(first.reports[0]?.exception).toBeNull();
    // Still delayed later: not fired again. Silent for five days (Bring: "other"): stalled, once.
    t.setNow(START + 6 * DAY);
    await t.handle.db
      .updateTable('watched_shipments')
      .set({ next_poll_at: new Date(START) })
      .execute();
    const later = await t.round();
    expect(later.reports.map((r) => r.exception)).toContain('stalled');
    await t.handle.db
      .updateTable('watched_shipments')
      .set({ next_poll_at: new Date(START) })
      .execute();
    await t.round();
    expect(flows().map((c) => c.variables.handle)).toEqual([
      'shipment-delayed',
      'shipment-stalled',
    ]);
  });

  it('the carrier override picks the adapter; without keys for a carrier nothing is asked', async () => {
    const t = await setup();
    const order = storedOrder(1);
    const shipment = order.shipments[0];
    if (!shipment) throw new Error('fixture has a shipment');
    order.shipments[0] = { ...shipment, carrierName: 'Other', carrierCode: null };
    await t.repos.orders.upsert(SHOP, order);
    // "Other" and TRACK1 say nothing: no adapter, nothing asked, looked at again later.
    const first = await t.round();
    expect(first.reports[0]?.outcome).toBe('no_adapter');
    expect(t.carrier.calls).toHaveLength(0);
    await t.watched.setCarrierOverride(SHOP, 'gid://shopify/Fulfillment/1', 'bring');
    const second = await t.round();
    expect(second.reports[0]?.outcome).toBe('polled');
    expect(t.carrier.calls[0]?.url.startsWith(BRING)).toBe(true);
    const stored = await t.repos.orders.get(SHOP, order.orderGid);
    expect(stored?.shipments[0]?.carrierCode).toBe('bring');
  });

  it('marks a shipment late once its estimated delivery passed, and exceptions by status', async () => {
    const t = await setup({
      bringAnswer: () =>
        jsonResponse(bringAnswer([{ status: 'IN_TRANSIT', at: '2026-11-05T09:00:00+01:00' }])),
    });
    await t.repos.orders.upsert(SHOP, storedOrder(1));
    // The fixture's estimate is 2026-11-04T00:00Z; 2026-11-05 is after it, and not silent long.
    t.setNow(Date.UTC(2026, 10, 5, 12));
    expect((await t.round()).reports[0]?.exception).toBe('late');
    expect((await t.watched.state(SHOP, 'gid://shopify/Fulfillment/1'))?.exception).toBe('late');
    t.answer(() =>
      jsonResponse(bringAnswer([{ status: 'RETURN', at: '2026-11-05T10:00:00+01:00' }])),
    );
    await t.handle.db
      .updateTable('watched_shipments')
      .set({ next_poll_at: new Date(START) })
      .execute();
    const returned = await t.round();
    expect(returned.reports[0]?.exception).toBe('returned_to_sender');
    expect(returned.reports[0]?.nextPollAt).toBeNull();
  });

  it('a poll whose claim was taken over does nothing', async () => {
    const t = await setup();
    await t.repos.orders.upsert(SHOP, storedOrder(1));
    await runRound({ ...t.deps, jobs: t.jobs }, CONFIG);
    const stale = t.sent[0];
    if (!stale) throw new Error('a job was queued');
    // The lease ran out (its worker died); another round claims the shipment anew.
    t.setNow(START + CONFIG.leaseS * 1000);
    const again = await t.round();
    expect(again.jobs).toHaveLength(1);
    expect((await pollShipment(t.deps, stale)).outcome).toBe('stale');
    expect(t.carrier.calls).toHaveLength(1);
  });
});
