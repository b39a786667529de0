import { describe, expect, it } from 'vitest';
import { adminOrder, ORDER_EMAIL, PRIVATE_STRINGS } from '../testing/admin-orders.js';
import { ordersAdmin } from '../testing/fake-admin.js';
import { formRequest, lookupRequest } from '../testing/signed.js';
import { testApp } from '../testing/test-app.js';
import { ENRICHED_VIEW_REUSE_MS } from './lookup.js';

describe('a lookup answers only whitelisted order data', () => {
  const upstream = () => testApp(ordersAdmin([adminOrder()]));

  it('plants the private strings upstream (so the test can fail)', () => {
    const raw = JSON.stringify(adminOrder());
    for (const text of PRIVATE_STRINGS) expect(raw).toContain(text);
  });

  it('returns none of the customer or staff data in JSON', async () => {
    const res = await upstream().handler(
      lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }),
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('Wool socks');
    for (const secret of PRIVATE_STRINGS) expect(text).not.toContain(secret);
  });

  it('returns none of it in the Liquid page either', async () => {
    const res = await upstream().handler(formRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    const text = await res.text();
    expect(text).toContain('Wool socks');
    for (const secret of PRIVATE_STRINGS) expect(text).not.toContain(secret);
  });

  it('returns none of it for a logged-in customer looking up without an email', async () => {
    const res = await upstream().handler(
      lookupRequest({ orderNumber: '1001' }, { customerId: '7001' }),
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const secret of PRIVATE_STRINGS) expect(text).not.toContain(secret);
  });

  it('sends no key the TrackingView contract does not name', async () => {
    const res = await upstream().handler(
      lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }),
    );
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['milestones', 'order', 'shipments']);
    expect(Object.keys(body.order as object).sort()).toEqual([
      'cancelled',
      'financialStatus',
      'fulfillmentStatus',
      'lineItems',
      'name',
      'processedAt',
      'returnStatus',
    ]);
  });
});

describe('carrier enrichment', () => {
  it('runs with a time-boxed signal, its view is reused by cache hits for a while, and what it adds is whitelisted again', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const t = testApp(
      ordersAdmin([adminOrder()]),
      {},
      {
        enrich: async (view, signal) => {
          signals.push(signal);
          const shipments = view.shipments.map((s) => ({
            ...s,
            carrier: { name: 'Bring', code: 'bring', account: 'Kari Nordmann' },
            liveTracking: 'live' as const,
          }));
          return { ...view, shipments, recipient: 'Kari Nordmann' } as typeof view;
        },
      },
    );
    const ask = async () => {
      const res = await t.handler(
        lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }, { nowMs: t.now() }),
      );
      const text = await res.text();
      expect(text).toContain('"code":"bring"');
      expect(text).not.toContain('Kari');
    };
    await ask();
    await ask();
    expect(signals).toHaveLength(1);
    t.advance(ENRICHED_VIEW_REUSE_MS);
    await ask();
    expect(signals).toHaveLength(2);
    expect(signals.every((s) => s instanceof AbortSignal)).toBe(true);
  });

  it('enriches again on the next hit when a carrier could not answer', async () => {
    let calls = 0;
    const t = testApp(
      ordersAdmin([adminOrder()]),
      {},
      {
        enrich: async (view) => {
          calls++;
          const liveTracking = calls === 1 ? ('unavailable' as const) : ('live' as const);
          return { ...view, shipments: view.shipments.map((s) => ({ ...s, liveTracking })) };
        },
      },
    );
    const ask = async () =>
      (await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }))).json();
    expect(JSON.stringify(await ask())).toContain('"liveTracking":"unavailable"');
    expect(JSON.stringify(await ask())).toContain('"liveTracking":"live"');
    expect(JSON.stringify(await ask())).toContain('"liveTracking":"live"');
    expect(calls).toBe(2);
  });

  it('keeps the Shopify view when the enriched one breaks the contract', async () => {
    const t = testApp(
      ordersAdmin([adminOrder()]),
      {},
      {
        enrich: async (view) =>
          ({ ...view, shipments: [{ status: 'teleported' }] }) as unknown as typeof view,
      },
    );
    const res = await t.handler(lookupRequest({ orderNumber: '1001', email: ORDER_EMAIL }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { shipments: unknown[] }).shipments).toHaveLength(1);
  });
});
