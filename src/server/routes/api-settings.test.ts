// Issue 13's interfaces from outside, in app mode behind session tokens: the settings resource and the carrier override.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createRepositories } from '../../db/repositories.js';
import { databases, testDatabase } from '../../db/testing.js';
import { createWatchedShipmentsRepository } from '../../db/watched-shipments.js';
import { createSealer } from '../../platform/crypto.js';
import { createInProcessInvalidationBus, type OrderChange } from '../../sync/invalidation.js';
import { adminOrder, lookupBody } from '../../testing/admin-orders.js';
import { API_KEY, fakeTokenEndpoint, sessionToken } from '../../testing/session-tokens.js';
import { NOW, SECRET } from '../../testing/signed.js';
import { storedOrder } from '../../testing/stored-orders.js';
import { createApp } from '../app.js';

const A = 'shop-a.myshopify.com';
const B = 'shop-b.myshopify.com';

describe.each(databases())('GET/PUT /api/settings and PATCH /api/shipments/:id on %s', (kind) => {
  async function harness(env: Record<string, string> = {}) {
    const database = await testDatabase(kind);
    const sealer = createSealer(randomBytes(32));
    const bus = createInProcessInvalidationBus();
    const changes: OrderChange[] = [];
    bus.subscribe((c) => changes.push(...c));
    const repos = createRepositories(database.db, sealer, () => NOW, { invalidations: bus });
    const endpoint = fakeTokenEndpoint(() => Response.json(lookupBody([adminOrder()])));
    const app = createApp(
      {
        SHOPIFY_API_SECRET: SECRET,
        SHOPIFY_API_KEY: API_KEY,
        SHOPIFY_APP_URL: 'https://track.example.com',
        ...env,
      },
      {
        fetch: endpoint.fetch,
        clock: () => NOW,
        sleep: async () => {},
        timeoutSignal: () => new AbortController().signal,
        stores: { db: database.db, repos, sealer, ping: database.ping, invalidations: bus },
      },
    );
    const call = async (method: string, path: string, shop: string, body?: unknown) =>
      app.fetch(
        new Request(`http://app.test${path}`, {
          method,
          headers: {
            authorization: `Bearer ${await sessionToken(SECRET, { shop })}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined
            ? {}
            : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        }),
      );
    // Install both shops (token exchange on the first call), then store one order each.
    for (const shop of [A, B]) expect((await call('GET', '/api/session', shop)).status).toBe(200);
    await repos.orders.upsert(A, storedOrder(1));
    await repos.orders.upsert(B, storedOrder(2));
    return { app, call, repos, database, changes };
  }

  it('GET answers the defaults: no carrier configured, no write-back, thresholds per class', async () => {
    const h = await harness();
    const response = await h.call('GET', '/api/settings', A);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      carriers: {
        bring: { configured: false },
        postnord: { configured: false },
        dhl: { configured: false },
        seventeenTrack: { configured: false },
      },
      writeBack: false,
      stalledAfterDays: 5,
      stalledAfterDaysByClass: { express: 3, postal: 7, other: 5 },
    });
  });

  it('PUT saves keys sealed (never shown), write-back and a threshold for every class; per shop', async () => {
    const h = await harness();
    const put = await h.call('PUT', '/api/settings', A, {
      carriers: {
        bring: { uid: 'me@example.com', key: 'bring-secret' },
        dhl: { key: 'dhl-secret' },
      },
      writeBack: true,
      stalledAfterDays: 4,
    });
    expect(put.status).toBe(200);
    const expected = {
      carriers: {
        bring: { configured: true },
        postnord: { configured: false },
        dhl: { configured: true },
        seventeenTrack: { configured: false },
      },
      writeBack: true,
      stalledAfterDays: 4,
      stalledAfterDaysByClass: { express: 4, postal: 4, other: 4 },
    };
    const text = await put.text();
    expect(JSON.parse(text)).toEqual(expected);
    expect(text).not.toContain('secret');
    expect(await (await h.call('GET', '/api/settings', A)).json()).toEqual(expected);
    // Sealed at rest: the row holds no key in clear.
    const row = await h.database.db
      .selectFrom('shop_settings')
      .selectAll()
      .where('shop', '=', A)
      .executeTakeFirstOrThrow();
    expect(row.carrier_keys_sealed).not.toContain('bring-secret');
    // Another shop sees its own settings only.
    expect(await (await h.call('GET', '/api/settings', B)).json()).toMatchObject({
      writeBack: false,
      carriers: { bring: { configured: false } },
    });
    // Each field optional; a per-class threshold; null forgets a carrier's keys.
    const later = await h.call('PUT', '/api/settings', A, {
      carriers: { dhl: null },
      stalledAfterDaysByClass: { postal: 9 },
    });
    expect(await later.json()).toMatchObject({
      carriers: { bring: { configured: true }, dhl: { configured: false } },
      writeBack: true,
      stalledAfterDays: 4,
      stalledAfterDaysByClass: { express: 4, postal: 9, other: 4 },
    });
  });

  it("new carrier keys make the shop's watched shipments due at once, not another shop's", async () => {
    const h = await harness();
    const watched = createWatchedShipmentsRepository(h.database.db);
    const later = new Date(NOW + 86_400_000);
    for (const [shop, gid] of [
      [A, 'gid://shopify/Fulfillment/1'],
      [B, 'gid://shopify/Fulfillment/2'],
    ] as const) {
      await watched.setCarrierOverride(shop, gid, null);
      await h.database.db
        .updateTable('watched_shipments')
        .set({ next_poll_at: later, consecutive_failures: 3 })
        .where('shop', '=', shop)
        .execute();
    }
    await h.call('PUT', '/api/settings', A, { writeBack: true });
    expect((await watched.state(A, 'gid://shopify/Fulfillment/1'))?.nextPollAt).toEqual(later);
    await h.call('PUT', '/api/settings', A, { carriers: { dhl: { key: 'k' } } });
    expect(await watched.state(A, 'gid://shopify/Fulfillment/1')).toMatchObject({
      nextPollAt: null,
      consecutiveFailures: 0,
    });
    expect((await watched.state(B, 'gid://shopify/Fulfillment/2'))?.nextPollAt).toEqual(later);
  });

  it('PUT answers 400 invalid_input with the fields at fault, saving nothing', async () => {
    const h = await harness();
    const response = await h.call('PUT', '/api/settings', A, {
      carriers: { bring: { key: 'k' }, ups: { key: 'x' } },
      writeBack: 'yes',
      stalledAfterDays: 0,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; fields: { field: string }[] };
    };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.fields.map((f) => f.field)).toEqual([
      'carriers.bring.uid',
      'carriers.ups',
      'stalledAfterDays',
      'writeBack',
    ]);
    expect(await (await h.call('GET', '/api/settings', A)).json()).toMatchObject({
      writeBack: false,
      stalledAfterDays: 5,
    });
    expect((await h.call('PUT', '/api/settings', A, 'not json')).status).toBe(400);
  });

  it("in custom-app mode the env carrier keys are the shop's keys", async () => {
    const h = await harness({
      SHOPIFY_SHOP: A,
      SHOPIFY_ADMIN_TOKEN: 'shpat_x',
      POSTNORD_API_KEY: 'pn-key',
    });
    expect(await (await h.call('GET', '/api/settings', A)).json()).toMatchObject({
      carriers: { postnord: { configured: true }, bring: { configured: false } },
    });
    expect(await (await h.call('GET', '/api/settings', B)).json()).toMatchObject({
      carriers: { postnord: { configured: false } },
    });
  });

  it("PATCH /api/shipments/:id overrides the carrier of that shop's shipment only", async () => {
    const h = await harness();
    const watched = createWatchedShipmentsRepository(h.database.db);
    h.changes.length = 0;
    const ok = await h.call('PATCH', '/api/shipments/1', A, { carrier: 'postnord' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      fulfillmentId: 'gid://shopify/Fulfillment/1',
      carrier: 'postnord',
    });
    expect((await watched.state(A, 'gid://shopify/Fulfillment/1'))?.carrierOverride).toBe(
      'postnord',
    );
    const order = await h.repos.orders.get(A, 'gid://shopify/Order/1');
    expect(order?.shipments[0]).toMatchObject({ carrierCode: 'postnord', carrierName: 'PostNord' });
    // The order's cached views are evicted.
    expect(h.changes.map((c) => [c.shop, c.orderName])).toEqual([[A, '#1']]);
    // By its GID too; null hands the choice back to identification.
    const gid = encodeURIComponent('gid://shopify/Fulfillment/1');
    expect((await h.call('PATCH', `/api/shipments/${gid}`, A, { carrier: null })).status).toBe(200);
    expect((await watched.state(A, 'gid://shopify/Fulfillment/1'))?.carrierOverride).toBeNull();
    // Shop B's fulfilment is not A's to change: 404, nothing stored.
    expect((await h.call('PATCH', '/api/shipments/2', A, { carrier: 'bring' })).status).toBe(404);
    expect(await watched.state(B, 'gid://shopify/Fulfillment/2')).toBeUndefined();
    expect((await h.call('PATCH', '/api/shipments/999', A, { carrier: 'bring' })).status).toBe(404);
    for (const body of [
      { carrier: 'not-a-carrier' },
      { carrier: 3 },
      { carrier: 'bring', x: 1 },
      {},
    ]) {
      const response = await h.call('PATCH', '/api/shipments/1', A, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect((await h.call('GET', '/api/shipments/1', A)).status).toBe(405);
  });

  it("the override outlives Shopify's rewrites of the shipment, in lookups and in the overview's class", async () => {
    const h = await harness();
    expect((await h.call('PATCH', '/api/shipments/1', A, { carrier: 'postnord' })).status).toBe(
      200,
    );
    // A later fulfillments/update (or reconciliation) writes Shopify's carrier again: Bring.
    await h.repos.orders.upsert(A, storedOrder(1, { updatedAt: '2026-11-03T10:00:00Z' }));
    const kept = await h.repos.orders.get(A, 'gid://shopify/Order/1');
    expect(kept?.shipments[0]).toMatchObject({ carrierCode: 'postnord', carrierName: 'PostNord' });
    const { rows } = await sql<{ carrier_class: string }>`
      select carrier_class from shipments where shop = ${A}`.execute(h.database.db);
    // PostNord is a postal service (Bring parcels are `other`): the stalled rule uses its days.
    expect(rows.map((r) => r.carrier_class)).toEqual(['postal']);
    // Handing the choice back to identification: the next write is Shopify's again.
    expect((await h.call('PATCH', '/api/shipments/1', A, { carrier: null })).status).toBe(200);
    await h.repos.orders.upsert(A, storedOrder(1, { updatedAt: '2026-11-04T10:00:00Z' }));
    const back = await h.repos.orders.get(A, 'gid://shopify/Order/1');
    expect(back?.shipments[0]).toMatchObject({ carrierCode: 'bring', carrierName: 'Bring' });
    // Shop B's shipment of the same number is untouched throughout.
    const other = await h.repos.orders.get(B, 'gid://shopify/Order/2');
    expect(other?.shipments[0]).toMatchObject({ carrierCode: 'bring' });
  });
});
