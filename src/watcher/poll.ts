// One poll of one claimed shipment: ask its carrier, store what it said, recompute its exception, fire Flow, write back.
import { RateLimiterRes } from 'rate-limiter-flexible';
import { CarrierFault } from '../carriers/carrier-fault.js';
import { compactTrackingNumber, identifyCarrier } from '../carriers/identify.js';
import type { Clock, Fetch, Logger } from '../core/ports.js';
import { isStalled, type StalledThresholds } from '../core/stalled.js';
import type { OrdersRepository } from '../db/orders.js';
import type { ShopSettingsRepository } from '../db/shop-settings.js';
import type { WatchedShipmentsRepository, WatchState } from '../db/watched-shipments.js';
import type { LimiterFactory } from '../platform/rate-limits.js';
import type { AdminQuery } from '../shopify/admin-client.js';
import type { AdminForShop } from '../sync/shop-admin.js';
import type { StoredShipmentWithEvents } from '../sync/stored-order.js';
import {
  adapterFor,
  type CarrierEndpoints,
  carrierDisplayName,
  type EnvCarrierKeys,
} from './carrier-adapters.js';
import { effectiveCarrierKeys } from './carrier-settings.js';
import { type FlowTriggerStore, fireShipmentTriggers } from './flow.js';
import { backoffMs, intervalMs, nextPollAt } from './schedule.js';
import {
  adoptShopifyEventIds,
  applyCarrierTracking,
  isCarrierEvent,
  shipmentChanged,
  shipmentException,
} from './tracking-update.js';
import { createFulfillmentEvent, milestonesToWriteBack } from './write-back.js';

/** What a poll job carries: the shipment and the round's claim it runs under. */
export interface PollJob {
  shop: string;
  fulfillmentGid: string;
  claimId: string;
}

export interface PollDeps {
  watched: WatchedShipmentsRepository;
  /** Built with the process's InvalidationBus, so a stored change drops cached views everywhere. */
  orders: Pick<OrdersRepository, 'get' | 'update'>;
  shopSettings: Pick<ShopSettingsRepository, 'getShopSettings'>;
  flowTriggers: FlowTriggerStore;
  /** The shop's stalled thresholds in days (the overview's settings). */
  thresholds: (shop: string) => Promise<StalledThresholds>;
  adminFor: AdminForShop;
  /** The env's carrier keys: the custom-app shop's keys (never another shop's). */
  envKeys: EnvCarrierKeys;
  /** Custom-app mode's one shop, whose keys default to the env's. */
  customShop?: string | undefined;
  endpoints: CarrierEndpoints;
  /** Per carrier and shop: `carrierRequestsPerMinute` shared by every process (Redis when set). */
  limiterFactory: LimiterFactory;
  fetch: Fetch;
  clock: Clock;
  logger: Logger;
  carrierTimeoutMs: number;
  carrierRequestsPerMinute: number;
}

export type PollOutcomeKind =
  | 'polled'
  | 'not_found'
  | 'failed'
  | 'rate_limited'
  | 'no_adapter'
  | 'gone'
  | 'stale';

export interface PollReport {
  outcome: PollOutcomeKind;
  /** Shipment status after the poll (absent for `stale` and `gone`). */
  status?: string;
  exception?: string | null;
  fired: string[];
  wroteBack: string[];
  /** Epoch ms of the next poll; null: no longer watched. */
  nextPollAt?: number | null;
}

/** The limiter per (carrier, shop); built once per process and factory. */
const limiters = new WeakMap<LimiterFactory, Map<number, ReturnType<LimiterFactory>>>();
function carrierLimiter(factory: LimiterFactory, points: number) {
  let byPoints = limiters.get(factory);
  if (!byPoints) {
    byPoints = new Map();
    limiters.set(factory, byPoints);
  }
  let limiter = byPoints.get(points);
  if (!limiter) {
    limiter = factory({ keyPrefix: 'watcher-carrier', points, duration: 60 });
    byPoints.set(points, limiter);
  }
  return limiter;
}

/**
 * Polls one shipment under `job.claimId`. Never throws for a carrier's or Shopify's fault: a carrier
 * fault counts a failure and backs off (`backoffMs`), a Flow or write-back failure asks for a new
 * poll in `backoffMs(1)` (their claims were released). A fault of the database throws, so the job
 * is retried while the claim holds. Returns what happened (for logs and tests).
 */
export async function pollShipment(deps: PollDeps, job: PollJob): Promise<PollReport> {
  const { shop, fulfillmentGid, claimId } = job;
  const none: PollReport = { outcome: 'stale', fired: [], wroteBack: [] };
  const state = await deps.watched.state(shop, fulfillmentGid);
  if (!state || state.claimId !== claimId) return none;
  const now = deps.clock();
  const orderGid = await deps.watched.orderOf(shop, fulfillmentGid);
  const order = orderGid ? await deps.orders.get(shop, orderGid) : undefined;
  const shipment = order?.shipments.find((s) => s.fulfillmentGid === fulfillmentGid);
  if (!orderGid || !order || !shipment?.trackingNumber) {
    await finish(deps, job, state, now, { nextPollAt: null, failures: 0, exception: null });
    return { ...none, outcome: 'gone', nextPollAt: null };
  }

  const settings = await deps.shopSettings.getShopSettings(shop);
  const keys = effectiveCarrierKeys(
    settings,
    deps.envKeys,
    shop === deps.customShop ? 'custom-app' : 'app',
  );
  const code =
    state.carrierOverride ??
    identifyCarrier({ company: shipment.carrierName, trackingNumber: shipment.trackingNumber })
      ?.code ??
    shipment.carrierCode;
  const adapter = adapterFor(code, keys, deps.endpoints, shop);
  const schedule = (status: string, failures: number) =>
    nextPollAt(
      {
        key: fulfillmentGid,
        status,
        shippedAt: Date.parse(shipment.createdAt),
        lastPolledAt: now,
        consecutiveFailures: failures,
        retryAfterUntil: state.retryAfterUntil?.getTime(),
      },
      now,
      { requestsPerDay: undefined, watchedShipments: 1 },
    );

  if (!adapter) {
    // No keys for this carrier (yet): look again after a regular interval, no failure counted.
    const next =
      schedule(shipment.status, 0) === null ? null : now + intervalMs('in_transit', fulfillmentGid);
    await finish(deps, job, state, now, {
      nextPollAt: next,
      failures: 0,
      exception: state.exception,
    });
    return { ...none, outcome: 'no_adapter', status: shipment.status, nextPollAt: next };
  }

  try {
    await carrierLimiter(deps.limiterFactory, deps.carrierRequestsPerMinute).consume(
      `${adapter.name}:${shop}`,
    );
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const until = now + Math.max(1000, error.msBeforeNext);
    await finish(deps, job, state, now, {
      nextPollAt: until,
      failures: state.consecutiveFailures,
      retryAfterUntil: until,
      exception: state.exception,
    });
    return { ...none, outcome: 'rate_limited', status: shipment.status, nextPollAt: until };
  }

  let live: Awaited<ReturnType<typeof adapter.track>>;
  try {
    live = await adapter.track(compactTrackingNumber(shipment.trackingNumber), {
      fetch: deps.fetch,
      signal: AbortSignal.timeout(deps.carrierTimeoutMs),
    });
  } catch (error) {
    const failures = state.consecutiveFailures + 1;
    const reason = error instanceof CarrierFault ? error.reason : 'unexpected';
    deps.logger.warn({
      event: 'watcher_carrier_failed',
      shop,
      carrier: adapter.name,
      reason,
      failures,
    });
    // A 429 and any other fault back off alike (the adapters do not pass Retry-After on).
    const next = schedule(shipment.status, failures);
    await finish(deps, job, state, now, { nextPollAt: next, failures, exception: state.exception });
    return { ...none, outcome: 'failed', status: shipment.status, nextPollAt: next };
  }

  let current: StoredShipmentWithEvents = shipment;
  if (live.found) {
    const override = state.carrierOverride ?? undefined;
    const written = await deps.orders.update(shop, orderGid, (existing) => {
      if (!existing) return null;
      const stored = existing.shipments.find((s) => s.fulfillmentGid === fulfillmentGid);
      if (!stored) return null;
      const next = applyCarrierTracking(stored, live, override);
      if (!shipmentChanged(stored, next)) return null;
      return {
        ...existing,
        shipments: existing.shipments.map((s) => (s.fulfillmentGid === fulfillmentGid ? next : s)),
      };
    });
    current =
      written?.shipments.find((s) => s.fulfillmentGid === fulfillmentGid) ??
      applyCarrierTracking(shipment, live, override);
  }

  const thresholds = await deps.thresholds(shop);
  const stalled = isStalled(
    {
      status: current.status,
      carrierCode: current.carrierCode,
      trackingNumber: current.trackingNumber,
      shippedAt: current.createdAt,
      lastEventAt: current.events[0]?.happenedAt ?? null,
    },
    thresholds,
    now,
  );
  const exception = shipmentException(current, stalled, now);

  const admin = await adminOrNull(deps, shop);
  let sideEffectsFailed = false;
  const fired: string[] = [];
  const wroteBack: string[] = [];
  if (admin) {
    try {
      fired.push(
        ...(await fireShipmentTriggers(
          { admin, store: deps.flowTriggers, clock: deps.clock },
          shop,
          {
            fulfillmentId: fulfillmentGid,
            orderId: orderGid.split('/').pop() ?? orderGid,
            trackingNumber: current.trackingNumber ?? '',
            carrier:
              (code ? carrierDisplayName(code) : undefined) ?? current.carrierName ?? adapter.name,
            status: current.status,
            stalled,
            late: exception === 'late',
            shippedAt: Date.parse(current.inTransitAt ?? current.createdAt),
          },
        )),
      );
    } catch (error) {
      sideEffectsFailed = true;
      deps.logger.warn({ event: 'flow_trigger_failed', shop, name: errorName(error) });
    }
    if (settings.writeBack && live.found) {
      const written: Written[] = [];
      try {
        await writeBack(deps, admin, shop, current, live.events, written);
      } catch (error) {
        sideEffectsFailed = true;
        deps.logger.warn({ event: 'write_back_failed', shop, name: errorName(error) });
      }
      wroteBack.push(...written.map((w) => w.status));
      if (written.length > 0) {
        await deps.orders.update(shop, orderGid, (existing) =>
          existing
            ? {
                ...existing,
                shipments: existing.shipments.map((s) =>
                  s.fulfillmentGid === fulfillmentGid ? adoptShopifyEventIds(s, written) : s,
                ),
              }
            : null,
        );
      }
    }
  }

  let next = schedule(current.status, 0);
  if (sideEffectsFailed) next = Math.min(next ?? Number.POSITIVE_INFINITY, now + backoffMs(1));
  await finish(deps, job, state, now, { nextPollAt: next, failures: 0, exception });
  return {
    outcome: live.found ? 'polled' : 'not_found',
    status: current.status,
    exception,
    fired,
    wroteBack,
    nextPollAt: next,
  };
}

/** A milestone written back: its status, the time sent and the event id Shopify gave it. */
interface Written {
  status: string;
  happenedAt: string;
  eventId: string;
}

/**
 * Adds the milestones the fulfilment lacks, each claimed first (`fulfillment_write_backs`) so two
 * workers never add one twice; a refused or failed call releases its claim and throws, so the poll
 * asks again soon. Shopify's own events, its display status and earlier write-backs count as had.
 * Each one written is pushed to `written` as it succeeds (kept when a later one fails).
 */
async function writeBack(
  deps: PollDeps,
  admin: AdminQuery,
  shop: string,
  shipment: StoredShipmentWithEvents,
  carrierEvents: readonly { status: string; at: string }[],
  written: Written[],
): Promise<void> {
  const done = await deps.watched.writtenBack(shop, shipment.fulfillmentGid);
  const had = [
    ...shipment.events.filter((e) => !isCarrierEvent(e)).map((e) => ({ status: e.status })),
    ...[...done].map((status) => ({ status })),
    ...(shipment.displayStatus ? [{ status: shipment.displayStatus }] : []),
  ];
  const wanted = milestonesToWriteBack(
    had,
    carrierEvents.map((e) => ({ status: e.status, happenedAt: e.at })),
  );
  for (const milestone of wanted) {
    if (!(await deps.watched.claimWriteBack(shop, shipment.fulfillmentGid, milestone.status)))
      continue;
    let ok = false;
    try {
      const result = await createFulfillmentEvent(admin, shipment.fulfillmentGid, milestone);
      ok = result.ok;
      if (result.ok) written.push({ ...milestone, eventId: result.eventId });
      else {
        deps.logger.warn({
          event: 'write_back_refused',
          shop,
          status: milestone.status,
          messages: result.userErrors.map((e) => e.message),
        });
      }
    } finally {
      if (!ok) await deps.watched.releaseWriteBack(shop, shipment.fulfillmentGid, milestone.status);
    }
    if (!ok) throw new Error('write-back refused');
  }
}

async function adminOrNull(deps: PollDeps, shop: string): Promise<AdminQuery | null> {
  try {
    return await deps.adminFor(shop);
  } catch (error) {
    deps.logger.warn({ event: 'watcher_admin_unavailable', shop, name: errorName(error) });
    return null;
  }
}

async function finish(
  deps: PollDeps,
  job: PollJob,
  state: WatchState,
  now: number,
  outcome: {
    nextPollAt: number | null;
    failures: number;
    retryAfterUntil?: number | null;
    exception: string | null;
  },
): Promise<void> {
  const kept = await deps.watched.finish(job.shop, job.fulfillmentGid, job.claimId, {
    lastPolledAt: new Date(now),
    nextPollAt: outcome.nextPollAt === null ? null : new Date(outcome.nextPollAt),
    consecutiveFailures: outcome.failures,
    retryAfterUntil:
      outcome.retryAfterUntil === undefined || outcome.retryAfterUntil === null
        ? state.retryAfterUntil && state.retryAfterUntil.getTime() > now
          ? state.retryAfterUntil
          : null
        : new Date(outcome.retryAfterUntil),
    exception: outcome.exception,
  });
  if (!kept) deps.logger.warn({ event: 'watcher_claim_lost', shop: job.shop });
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
