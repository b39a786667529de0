import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createFlowTriggersRepository } from '../db/flow-triggers.js';
import { databases, testDatabase } from '../db/testing.js';
import type { AdminQuery } from '../shopify/admin-client.js';
import { loadAdminSchema } from '../shopify/admin-schema.js';
import {
  FLOW_TRIGGER_HANDLES,
  FLOW_TRIGGER_RECEIVE_MUTATION,
  fireShipmentTriggers,
  flowPayload,
  triggersToFire,
  type WatchedShipment,
} from './flow.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 12);
const ALL = new Set<string>(FLOW_TRIGGER_HANDLES);
const NONE = new Set<string>();
const SHOP = 'alpha.myshopify.com';

const shipment = (overrides: Partial<WatchedShipment> = {}): WatchedShipment => ({
  fulfillmentId: 'gid://shopify/Fulfillment/5',
  orderId: '450789469',
  trackingNumber: '70730259304981',
  carrier: 'Bring',
  status: 'in_transit',
  stalled: false,
  shippedAt: NOW - 3.5 * DAY,
  ...overrides,
});

describe('triggersToFire', () => {
  it.each([
    ['delivered', false, ['shipment-delivered']],
    ['delayed', false, ['shipment-delayed']],
    ['failure', false, ['delivery-failed']],
    ['attempted_delivery', false, ['delivery-failed']],
    ['in_transit', false, []],
    ['in_transit', true, ['shipment-stalled']],
    ['delayed', true, ['shipment-delayed', 'shipment-stalled']],
    ['delivered', true, ['shipment-delivered']],
    ['SOME_NEW_STATE', false, []],
  ])('%s (stalled %s) fires %j', (status, stalled, expected) => {
    expect(triggersToFire({ status, stalled }, NONE, ALL)).toEqual(expected);
  });

  it('an estimated delivery passed fires shipment-delayed, unless the status calls for a trigger', () => {
    expect(triggersToFire({ status: 'in_transit', stalled: false, late: true }, NONE, ALL)).toEqual(
      ['shipment-delayed'],
    );
    expect(triggersToFire({ status: 'failure', stalled: false, late: true }, NONE, ALL)).toEqual([
      'delivery-failed',
    ]);
  });

  it('fires once per shipment and state: a fired trigger is not fired again', () => {
    const fired = new Set(['shipment-delayed']);
    expect(triggersToFire({ status: 'delayed', stalled: true }, fired, ALL)).toEqual([
      'shipment-stalled',
    ]);
  });

  it("fires only triggers the shop's workflows use", () => {
    expect(triggersToFire({ status: 'delivered', stalled: false }, NONE, NONE)).toEqual([]);
    expect(
      triggersToFire({ status: 'delayed', stalled: true }, NONE, new Set(['shipment-stalled'])),
    ).toEqual(['shipment-stalled']);
  });
});

describe('flowPayload', () => {
  it("carries the fields the extensions declare, by their keys, and no customer's data", () => {
    expect(flowPayload(shipment(), NOW)).toEqual({
      order_id: 450789469,
      'tracking number': '70730259304981',
      carrier: 'Bring',
      status: 'in_transit',
      'days in transit': 3,
    });
  });

  it('matches every extension: the same keys, the order reference, the handle and name', () => {
    const keys = Object.keys(flowPayload(shipment(), NOW)).filter((key) => key !== 'order_id');
    for (const handle of FLOW_TRIGGER_HANDLES) {
      const toml = readFileSync(
        new URL(`../../extensions/${handle}/shopify.extension.toml`, import.meta.url),
        'utf8',
      );
      expect(toml).toContain('type = "flow_trigger"');
      expect(toml).toContain(`handle = "${handle}"`);
      expect(toml).toContain('type = "order_reference"');
      const declared = [...toml.matchAll(/^key = "([^"]+)"$/gm)].map((m) => m[1]);
      expect(declared.sort()).toEqual([...keys].sort());
    }
  });
});

it("the flowTriggerReceive document validates against Shopify's 2026-10 Admin schema", () => {
  const errors = validate(loadAdminSchema(), parse(FLOW_TRIGGER_RECEIVE_MUTATION));
  expect(errors.map((e) => e.message)).toEqual([]);
});

describe.each(databases())('fireShipmentTriggers on %s', (kind) => {
  function admin(answers: (() => unknown)[]) {
    const calls: Record<string, unknown>[] = [];
    const query: AdminQuery = async (_document, variables, schema) => {
      calls.push(variables);
      const next = answers[Math.min(calls.length - 1, answers.length - 1)];
      return schema.parse(next?.());
    };
    return { query, calls };
  }
  const accepted = () => ({ flowTriggerReceive: { userErrors: [] } });

  async function setup() {
    const handle = await testDatabase(kind);
    const store = createFlowTriggersRepository(handle.db, () => NOW);
    return { store };
  }

  it('fires nothing for a shop whose Flow lifecycle enabled no workflow', async () => {
    const { store } = await setup();
    const { query, calls } = admin([accepted]);
    await store.setLifecycle(SHOP, 'shipment-delivered', false, new Date(NOW));
    const fired = await fireShipmentTriggers(
      { admin: query, store, clock: () => NOW },
      SHOP,
      shipment({ status: 'delivered' }),
    );
    expect(fired).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it('fires once per shipment and state across polls, and again for another shipment', async () => {
    const { store } = await setup();
    const { query, calls } = admin([accepted]);
    await store.setLifecycle(SHOP, 'shipment-delivered', true, new Date(NOW));
    const deps = { admin: query, store, clock: () => NOW };
    const delivered = shipment({ status: 'delivered' });
    expect(await fireShipmentTriggers(deps, SHOP, delivered)).toEqual(['shipment-delivered']);
    expect(await fireShipmentTriggers(deps, SHOP, delivered)).toEqual([]);
    const other = { ...delivered, fulfillmentId: 'gid://shopify/Fulfillment/6' };
    expect(await fireShipmentTriggers(deps, SHOP, other)).toEqual(['shipment-delivered']);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual({
      handle: 'shipment-delivered',
      payload: flowPayload(delivered, NOW),
    });
  });

  it('two workers at once fire a trigger once', async () => {
    const { store } = await setup();
    const { query, calls } = admin([accepted]);
    await store.setLifecycle(SHOP, 'delivery-failed', true, new Date(NOW));
    const deps = { admin: query, store, clock: () => NOW };
    const failed = shipment({ status: 'failure' });
    const results = await Promise.all([
      fireShipmentTriggers(deps, SHOP, failed),
      fireShipmentTriggers(deps, SHOP, failed),
    ]);
    expect(results.flat()).toEqual(['delivery-failed']);
    expect(calls).toHaveLength(1);
  });

  it('fires again on a later poll when Shopify refused or the call failed', async () => {
    const { store } = await setup();
    const { query, calls } = admin([
      () => ({ flowTriggerReceive: { userErrors: [{ field: null, message: 'Invalid handle' }] } }),
      () => {
        throw new Error('network down');
      },
      accepted,
    ]);
    await store.setLifecycle(SHOP, 'shipment-stalled', true, new Date(NOW));
    const deps = { admin: query, store, clock: () => NOW };
    const stalled = shipment({ stalled: true });
    expect(await fireShipmentTriggers(deps, SHOP, stalled)).toEqual([]);
    await expect(fireShipmentTriggers(deps, SHOP, stalled)).rejects.toThrow('network down');
    expect(await fireShipmentTriggers(deps, SHOP, stalled)).toEqual(['shipment-stalled']);
    expect(calls).toHaveLength(3);
  });

  it('keeps the newest lifecycle call: an older one arriving late is ignored', async () => {
    const { store } = await setup();
    await store.setLifecycle(SHOP, 'shipment-delayed', true, new Date(NOW));
    await store.setLifecycle(SHOP, 'shipment-delayed', false, new Date(NOW - 60_000));
    expect(await store.enabledHandles(SHOP)).toEqual(new Set(['shipment-delayed']));
    await store.setLifecycle(SHOP, 'shipment-delayed', false, new Date(NOW + 60_000));
    expect(await store.enabledHandles(SHOP)).toEqual(new Set());
    expect(await store.enabledHandles('beta.myshopify.com')).toEqual(new Set());
  });
});
