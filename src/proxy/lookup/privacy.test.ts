import { describe, expect, it } from 'vitest';
import { adminOrder, ORDER_EMAIL, PRIVATE_STRINGS } from '../testing/admin-orders.js';
import { ordersAdmin } from '../testing/fake-admin.js';
import { formRequest, lookupRequest } from '../testing/signed.js';
import { testApp } from '../testing/test-app.js';

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
