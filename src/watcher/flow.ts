// Shopify Flow triggers: which to fire for a shipment (once per state), their payload, and the flowTriggerReceive call.
import { z } from 'zod';
import type { AdminCallOptions, AdminQuery } from '../shopify/admin-client.js';

/** The trigger extensions' handles (extensions/<handle>/shopify.extension.toml). */
export const FLOW_TRIGGER_HANDLES = [
  'shipment-delayed',
  'shipment-stalled',
  'delivery-failed',
  'shipment-delivered',
] as const;
export type FlowTriggerHandle = (typeof FLOW_TRIGGER_HANDLES)[number];

/** Normalised status → the trigger it fires; other statuses fire nothing. */
const BY_STATUS: Readonly<Record<string, FlowTriggerHandle>> = {
  delayed: 'shipment-delayed',
  failure: 'delivery-failed',
  attempted_delivery: 'delivery-failed',
  delivered: 'shipment-delivered',
};

/** What the watcher knows of a shipment after a poll. */
export interface WatchedShipment {
  /** Fulfillment GID: with the handle, the key of "once". */
  fulfillmentId: string;
  /** The order's numeric id (Order.legacyResourceId): Flow's order reference. */
  orderId: string;
  trackingNumber: string;
  /** The carrier's display name, e.g. `Bring`. */
  carrier: string;
  /** Normalised status (open string). */
  status: string;
  /** From the stalled rule (computed elsewhere): no news for the shop's stalled days. */
  stalled: boolean;
  /** Its estimated delivery passed undelivered: fires `shipment-delayed` like a carrier's delay. */
  late?: boolean;
  /** Epoch ms the shipment left. */
  shippedAt: number;
}

/**
 * The triggers to fire now: the one the status calls for (`shipment-delayed` too when the estimated
 * delivery passed and the status calls for nothing else), plus `shipment-stalled` while stalled,
 * keeping only those a workflow of the shop uses (`enabled`, from Flow's lifecycle callbacks) and
 * that have not fired for this shipment before (`fired`). Delivered never comes with stalled.
 */
export function triggersToFire(
  shipment: Pick<WatchedShipment, 'status' | 'stalled' | 'late'>,
  fired: ReadonlySet<string>,
  enabled: ReadonlySet<string>,
): FlowTriggerHandle[] {
  const wanted: FlowTriggerHandle[] = [];
  const byStatus = BY_STATUS[shipment.status];
  if (byStatus) wanted.push(byStatus);
  if (shipment.late && !byStatus) wanted.push('shipment-delayed');
  if (shipment.stalled && shipment.status !== 'delivered') wanted.push('shipment-stalled');
  return wanted.filter((handle) => enabled.has(handle) && !fired.has(handle));
}

/**
 * The payload the trigger extensions declare: `order_id` for the order reference (Flow's name for
 * an `order_reference` field, a number), then the custom fields by their keys. No customer data.
 */
export function flowPayload(shipment: WatchedShipment, now: number): Record<string, unknown> {
  return {
    order_id: Number(shipment.orderId),
    'tracking number': shipment.trackingNumber,
    carrier: shipment.carrier,
    status: shipment.status,
    'days in transit': Math.max(0, Math.floor((now - shipment.shippedAt) / 86_400_000)),
  };
}

export const FLOW_TRIGGER_RECEIVE_MUTATION = /* GraphQL */ `
  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors {
        field
        message
      }
    }
  }
`;

const FlowTriggerReceiveSchema = z.object({
  flowTriggerReceive: z
    .object({
      userErrors: z.array(
        z.object({ field: z.array(z.string()).nullable().optional(), message: z.string() }),
      ),
    })
    .nullable(),
});

export type FireResult = { ok: true } | { ok: false; messages: string[] };

/**
 * Starts the shop's workflows that begin with `handle`. Shopify's refusals come back as data;
 * transport faults throw UpstreamError from the Admin client.
 */
export async function fireFlowTrigger(
  admin: AdminQuery,
  handle: FlowTriggerHandle,
  payload: Record<string, unknown>,
  options?: AdminCallOptions,
): Promise<FireResult> {
  const data = await admin(
    FLOW_TRIGGER_RECEIVE_MUTATION,
    { handle, payload },
    FlowTriggerReceiveSchema,
    options,
  );
  const errors = data.flowTriggerReceive?.userErrors ?? [{ message: 'no payload' }];
  return errors.length === 0 ? { ok: true } : { ok: false, messages: errors.map((e) => e.message) };
}

/** The record of Flow's lifecycle and of triggers fired (src/db/flow-triggers.ts). */
export interface FlowTriggerStore {
  enabledHandles(shop: string): Promise<Set<string>>;
  firedHandles(shop: string, fulfillmentId: string): Promise<Set<string>>;
  /** True when this call recorded the firing (so it fires); false when it was already recorded. */
  claim(shop: string, fulfillmentId: string, handle: string): Promise<boolean>;
  /** Forgets a claim whose firing failed, so a later poll fires it. */
  release(shop: string, fulfillmentId: string, handle: string): Promise<void>;
}

/**
 * Fires what `triggersToFire` says for one shipment of one shop. Each handle is claimed before the
 * call, so two workers never fire it twice; a claim whose call failed (refused or thrown) is
 * released for the next poll. Returns the handles fired.
 */
export async function fireShipmentTriggers(
  deps: { admin: AdminQuery; store: FlowTriggerStore; clock: () => number },
  shop: string,
  shipment: WatchedShipment,
): Promise<FlowTriggerHandle[]> {
  const enabled = await deps.store.enabledHandles(shop);
  if (enabled.size === 0) return [];
  const fired = await deps.store.firedHandles(shop, shipment.fulfillmentId);
  const done: FlowTriggerHandle[] = [];
  for (const handle of triggersToFire(shipment, fired, enabled)) {
    if (!(await deps.store.claim(shop, shipment.fulfillmentId, handle))) continue;
    let ok = false;
    try {
      ok = (await fireFlowTrigger(deps.admin, handle, flowPayload(shipment, deps.clock()))).ok;
    } finally {
      if (!ok) await deps.store.release(shop, shipment.fulfillmentId, handle);
    }
    if (ok) done.push(handle);
  }
  return done;
}
