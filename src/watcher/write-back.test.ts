import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { AdminQuery } from '../shopify/admin-client.js';
import { loadAdminSchema } from '../shopify/admin-schema.js';
import {
  createFulfillmentEvent,
  FULFILLMENT_EVENT_CREATE_MUTATION,
  milestonesToWriteBack,
} from './write-back.js';

const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();
const carrier = (status: string, day: number, hour?: number) => ({
  status,
  happenedAt: at(day, hour),
});

describe('milestonesToWriteBack', () => {
  it('adds every milestone the carrier reached that Shopify lacks, oldest first', () => {
    const out = milestonesToWriteBack(
      [{ status: 'CONFIRMED' }, { status: 'LABEL_PRINTED' }],
      [
        carrier('delivered', 24, 14),
        carrier('label_created', 20),
        carrier('in_transit', 21),
        carrier('in_transit', 22),
        carrier('out_for_delivery', 24, 8),
      ],
    );
    expect(out).toEqual([
      { status: 'IN_TRANSIT', happenedAt: at(21) },
      { status: 'OUT_FOR_DELIVERY', happenedAt: at(24, 8) },
      { status: 'DELIVERED', happenedAt: at(24, 14) },
    ]);
  });

  it('writes each milestone once: what Shopify already has (ours included) is not added again', () => {
    const events = [carrier('in_transit', 21), carrier('delivered', 23)];
    const first = milestonesToWriteBack([], events);
    expect(first.map((m) => m.status)).toEqual(['IN_TRANSIT', 'DELIVERED']);
    expect(milestonesToWriteBack(first, events)).toEqual([]);
  });

  it('adds nothing once Shopify shows Delivered', () => {
    expect(
      milestonesToWriteBack(
        [{ status: 'DELIVERED' }],
        [carrier('in_transit', 21), carrier('failure', 22)],
      ),
    ).toEqual([]);
  });

  it('never adds an earlier milestone after a later one', () => {
    const out = milestonesToWriteBack(
      [{ status: 'OUT_FOR_DELIVERY' }],
      [carrier('in_transit', 21), carrier('out_for_delivery', 22), carrier('failure', 22, 18)],
    );
    expect(out).toEqual([{ status: 'FAILURE', happenedAt: at(22, 18) }]);
  });

  it('adds Delivered after a failed attempt Shopify already shows', () => {
    const out = milestonesToWriteBack(
      [{ status: 'FAILURE' }],
      [carrier('failure', 22), carrier('delivered', 25)],
    );
    expect(out).toEqual([{ status: 'DELIVERED', happenedAt: at(25) }]);
  });

  it('ignores carrier states that are not milestones, and unknown Shopify statuses', () => {
    const out = milestonesToWriteBack(
      [{ status: 'SOMETHING_NEW' }],
      [carrier('label_created', 20), carrier('delayed', 21), carrier('unknown', 21)],
    );
    expect(out).toEqual([]);
  });
});

describe('the fulfillmentEventCreate document', () => {
  it("validates against Shopify's 2026-10 Admin schema", () => {
    const errors = validate(loadAdminSchema(), parse(FULFILLMENT_EVENT_CREATE_MUTATION));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});

describe('createFulfillmentEvent', () => {
  function admin(answer: unknown) {
    const calls: { document: string; variables: Record<string, unknown> }[] = [];
    const query: AdminQuery = async (document, variables, schema) => {
      calls.push({ document, variables });
      return schema.parse(answer);
    };
    return { query, calls };
  }

  it('sends only the fulfilment, the status and the time', async () => {
    const { query, calls } = admin({
      fulfillmentEventCreate: {
        fulfillmentEvent: { id: 'gid://shopify/FulfillmentEvent/9', status: 'DELIVERED' },
        userErrors: [],
      },
    });
    const result = await createFulfillmentEvent(query, 'gid://shopify/Fulfillment/5', {
      status: 'DELIVERED',
      happenedAt: at(24),
    });
    expect(result).toEqual({ ok: true, eventId: 'gid://shopify/FulfillmentEvent/9' });
    expect(calls[0]?.variables).toEqual({
      fulfillmentEvent: {
        fulfillmentId: 'gid://shopify/Fulfillment/5',
        status: 'DELIVERED',
        happenedAt: at(24),
      },
    });
  });

  it("returns Shopify's refusal as data", async () => {
    const { query } = admin({
      fulfillmentEventCreate: {
        fulfillmentEvent: null,
        userErrors: [{ field: ['fulfillmentEvent', 'fulfillmentId'], message: 'Not found' }],
      },
    });
    const result = await createFulfillmentEvent(query, 'gid://shopify/Fulfillment/5', {
      status: 'IN_TRANSIT',
      happenedAt: at(21),
    });
    expect(result).toEqual({
      ok: false,
      userErrors: [{ field: ['fulfillmentEvent', 'fulfillmentId'], message: 'Not found' }],
    });
  });
});
