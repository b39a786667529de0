import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../contract/errors.js';
import { createFlowTriggersRepository } from '../../db/flow-triggers.js';
import { databases, testDatabase } from '../../db/testing.js';
import { ordersAdmin } from '../../testing/fake-admin.js';
import { SECRET } from '../../testing/signed.js';
import { testApp } from '../../testing/test-app.js';

const SHOP = 'johns-apparel.myshopify.com';

function lifecycleRequest(body: unknown, secret = SECRET, raw?: string): Request {
  const text = raw ?? JSON.stringify(body);
  const hmac = createHmac('sha256', secret).update(text).digest('base64');
  return new Request('http://app.test/flow/lifecycle', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': hmac },
    body: text,
  });
}

const callback = (enabled: boolean, timestamp: string) => ({
  flow_trigger_definition_id: 'shipment-delivered',
  has_enabled_flow: enabled,
  shop_id: 690933842,
  shopify_domain: SHOP,
  timestamp,
});

describe.each(databases())('POST /flow/lifecycle on %s', (kind) => {
  async function setup() {
    const handle = await testDatabase(kind);
    const flow = createFlowTriggersRepository(handle.db);
    const t = testApp(ordersAdmin([]), {}, { flowLifecycle: flow });
    return { flow, t };
  }

  it('records that a workflow uses the trigger, then that none does', async () => {
    const { flow, t } = await setup();
    const on = await t.handler(lifecycleRequest(callback(true, '2026-11-30T10:00:00.000Z')));
    expect(on.status).toBe(200);
    expect(await flow.enabledHandles(SHOP)).toEqual(new Set(['shipment-delivered']));
    const off = await t.handler(lifecycleRequest(callback(false, '2026-11-30T11:00:00.000Z')));
    expect(off.status).toBe(200);
    expect(await flow.enabledHandles(SHOP)).toEqual(new Set());
  });

  it('answers 401 invalid_signature to a wrong or missing HMAC and records nothing', async () => {
    const { flow, t } = await setup();
    const wrong = await t.handler(
      lifecycleRequest(callback(true, '2026-11-30T10:00:00Z'), 'another-secret'),
    );
    expect(wrong.status).toBe(401);
    expect(ErrorBodySchema.parse(await wrong.json()).error.code).toBe('invalid_signature');
    const unsigned = new Request('http://app.test/flow/lifecycle', {
      method: 'POST',
      body: JSON.stringify(callback(true, '2026-11-30T10:00:00Z')),
    });
    expect((await t.handler(unsigned)).status).toBe(401);
    expect(await flow.enabledHandles(SHOP)).toEqual(new Set());
  });

  it('answers 400 invalid_input to a signed body that is not a lifecycle callback', async () => {
    const { t } = await setup();
    const res = await t.handler(lifecycleRequest({ has_enabled_flow: 'yes', shopify_domain: 1 }));
    expect(res.status).toBe(400);
    const body = ErrorBodySchema.parse(await res.json());
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.fields?.map((f) => f.field).sort()).toEqual([
      'flow_trigger_definition_id',
      'has_enabled_flow',
      'shopify_domain',
    ]);
    const notJson = await t.handler(lifecycleRequest(undefined, SECRET, '{not json'));
    expect(notJson.status).toBe(400);
  });
});

it('is not mounted without a store', async () => {
  const t = testApp(ordersAdmin([]));
  const res = await t.handler(lifecycleRequest(callback(true, '2026-11-30T10:00:00Z')));
  expect(res.status).toBe(404);
});
