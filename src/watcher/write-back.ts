// Write-back: which carrier milestones Shopify's fulfilment lacks, and the fulfillmentEventCreate call that adds one.
//
// Scope: `fulfillmentEventCreate` needs `write_fulfillments` (the staff member behind an online
// token also needs the fulfill_and_ship_orders permission; the offline token used here does not).
// `write_merchant_managed_fulfillment_orders` is for acting on fulfilment orders (creating
// fulfilments, holds, moves): not needed to add events to a fulfilment that exists.
import { z } from 'zod';
import type { AdminCallOptions, AdminQuery } from '../shopify/admin-client.js';

/** The milestones written back, as Shopify's FulfillmentEventStatus values. */
export type WriteBackStatus = 'IN_TRANSIT' | 'OUT_FOR_DELIVERY' | 'DELIVERED' | 'FAILURE';

/** Normalised carrier status → the milestone it is; other statuses are never written back. */
const MILESTONES: Readonly<Record<string, WriteBackStatus>> = {
  in_transit: 'IN_TRANSIT',
  out_for_delivery: 'OUT_FOR_DELIVERY',
  delivered: 'DELIVERED',
  failure: 'FAILURE',
};

/**
 * How far along each milestone is. A failure comes after out for delivery, and a parcel that failed
 * may still be delivered later (a second attempt); nothing comes after delivered.
 */
const RANK: Readonly<Record<string, number>> = {
  IN_TRANSIT: 1,
  OUT_FOR_DELIVERY: 2,
  FAILURE: 2.5,
  DELIVERED: 3,
};

/** A carrier event: its normalised status (open string) and when it happened (ISO 8601). */
export interface CarrierMilestone {
  status: string;
  happenedAt: string;
}

/** A milestone to add: Shopify's status and the time of the carrier's first event of it. */
export interface WriteBack {
  status: WriteBackStatus;
  happenedAt: string;
}

/**
 * The milestones to add to one fulfilment, oldest first. `shopifyEvents` are the fulfilment's
 * events as Shopify has them (FulfillmentEventStatus, open strings: ours from earlier write-backs
 * included, which is what makes each milestone written once); `carrierEvents` what the carrier
 * reported, any order. A milestone is added when the carrier reached it, Shopify has no event of
 * that status, and Shopify has not got as far already (no In transit after Out for delivery,
 * nothing after Delivered).
 */
export function milestonesToWriteBack(
  shopifyEvents: readonly { status: string }[],
  carrierEvents: readonly CarrierMilestone[],
): WriteBack[] {
  const has = new Set(shopifyEvents.map((event) => event.status.toUpperCase()));
  const furthest = Math.max(0, ...[...has].map((status) => RANK[status] ?? 0));
  const first = new Map<WriteBackStatus, CarrierMilestone>();
  for (const event of carrierEvents) {
    const status = MILESTONES[event.status];
    if (!status) continue;
    const kept = first.get(status);
    if (!kept || Date.parse(event.happenedAt) < Date.parse(kept.happenedAt)) {
      first.set(status, event);
    }
  }
  return [...first.entries()]
    .filter(([status]) => !has.has(status) && (RANK[status] ?? 0) > furthest)
    .map(([status, event]) => ({ status, happenedAt: event.happenedAt }))
    .sort((a, b) => Date.parse(a.happenedAt) - Date.parse(b.happenedAt));
}

export const FULFILLMENT_EVENT_CREATE_MUTATION = /* GraphQL */ `
  mutation FulfillmentEventCreate($fulfillmentEvent: FulfillmentEventInput!) {
    fulfillmentEventCreate(fulfillmentEvent: $fulfillmentEvent) {
      fulfillmentEvent {
        id
        status
        happenedAt
      }
      userErrors {
        field
        message
      }
    }
  }
`;

const UserErrorsSchema = z.array(
  z.object({ field: z.array(z.string()).nullable().optional(), message: z.string() }),
);

const FulfillmentEventCreateSchema = z.object({
  fulfillmentEventCreate: z
    .object({
      fulfillmentEvent: z.object({ id: z.string() }).loose().nullable(),
      userErrors: UserErrorsSchema,
    })
    .nullable(),
});

export type WriteBackResult =
  | { ok: true; eventId: string }
  | { ok: false; userErrors: { field: string[] | null; message: string }[] };

/**
 * Adds one milestone to a fulfilment (`fulfillmentId` a Fulfillment GID). Only the status and the
 * time go to Shopify: no carrier text, no place. Shopify's refusals come back as data
 * (`ok: false`); transport faults throw UpstreamError from the Admin client.
 */
export async function createFulfillmentEvent(
  admin: AdminQuery,
  fulfillmentId: string,
  milestone: WriteBack,
  options?: AdminCallOptions,
): Promise<WriteBackResult> {
  const data = await admin(
    FULFILLMENT_EVENT_CREATE_MUTATION,
    {
      fulfillmentEvent: {
        fulfillmentId,
        status: milestone.status,
        happenedAt: milestone.happenedAt,
      },
    },
    FulfillmentEventCreateSchema,
    options,
  );
  const payload = data.fulfillmentEventCreate;
  const event = payload?.fulfillmentEvent;
  if (payload && event && payload.userErrors.length === 0) return { ok: true, eventId: event.id };
  return {
    ok: false,
    userErrors: (payload?.userErrors ?? [{ message: 'no payload' }]).map((error) => ({
      field: error.field ?? null,
      message: error.message,
    })),
  };
}
