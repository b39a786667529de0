import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { SHIPMENT_STATUSES } from '../../contract/tracking-view.js';
import { DEFAULT_STALLED_AFTER_DAYS, isStalled } from '../../core/stalled.js';
import type { DatabaseHandle } from '../../db/index.js';
import { createShopSettingsRepository } from '../../db/shop-settings.js';
import { databases, testDatabase } from '../../db/testing.js';
import { type SeedOrder, type SeedShipment, seedOrders, seedShop } from '../../overview/seed.js';
import type { ShipmentListRow } from '../../overview/shipments.js';
import { createSealer } from '../../platform/crypto.js';
import { createLogger } from '../../platform/logger.js';
import type { AppEnv } from '../context.js';
import { HttpError } from '../http-error.js';
import { mountOverviewRoutes } from './api-overview.js';
import { mountSettingsRoutes } from './api-settings.js';
import { overviewRouteDeps } from './api-shared.js';

const A = 'alpha.myshopify.com';
const B = 'beta.myshopify.com';
const NOW = Date.parse('2026-11-30T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();

/** The overview routes behind a stand-in for the session-token middleware: `x-test-shop` is the shop. */
function testApp(handle: DatabaseHandle, now = NOW) {
  const app = new Hono<AppEnv>();
  const logger = createLogger({ level: 'silent' });
  app.use(async (c, next) => {
    c.set('requestId', 'test');
    c.set('log', logger);
    c.set('fields', {});
    const shop = c.req.header('x-test-shop');
    // The real middleware sets `shop` after verifying the session token.
    if (shop) (c as unknown as { set(k: string, v: string): void }).set('shop', shop);
    await next();
  });
  app.onError((error) =>
    error instanceof HttpError ? error.toResponse() : new Response('boom', { status: 500 }),
  );
  const deps = overviewRouteDeps(handle.db, () => now);
  mountOverviewRoutes(app, deps);
  mountSettingsRoutes(app, {
    overview: deps.settings,
    shopSettings: createShopSettingsRepository(handle.db, createSealer(randomBytes(32))),
    envKeys: {},
  });
  return {
    get: (path: string, shop = A, headers: Record<string, string> = {}) =>
      app.request(path, { headers: { 'x-test-shop': shop, ...headers } }),
    put: (path: string, body: string, shop = A, type = 'application/json') =>
      app.request(path, {
        method: 'PUT',
        body,
        headers: { 'x-test-shop': shop, 'content-type': type },
      }),
    json: async <T>(path: string, shop = A): Promise<T> => {
      const response = await app.request(path, { headers: { 'x-test-shop': shop } });
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as T;
    },
  };
}

type Page = { shipments: ShipmentListRow[]; nextCursor: string | null };

/** A small shop with one shipment in every state and the waiting orders, plus its truth. */
function sampleOrders(): SeedOrder[] {
  const ship = (n: number, s: Partial<SeedShipment> & { status: string }): SeedShipment => ({
    id: `gid://shopify/Fulfillment/${n}`,
    carrierCode: 'bring',
    carrierName: 'Bring',
    trackingNumber: `TRK${n}`,
    createdAt: ago(10),
    events: [{ id: `e${n}`, status: 'IN_TRANSIT', at: ago(1), message: 'On the way' }],
    ...s,
  });
  const orders: SeedOrder[] = SHIPMENT_STATUSES.map((status, i) => ({
    id: `gid://shopify/Order/${100 + i}`,
    name: `#${1000 + i}`,
    processedAt: ago(12 - i * 0.5),
    destinationCountryCode: i % 2 === 0 ? 'NO' : 'SE',
    fulfillmentOrders: [{ status: 'CLOSED' }],
    shipments: [ship(100 + i, { status })],
  }));
  // Stalled: UPS (express) quiet for 4 days; a postal letter quiet for 8 days.
  orders.push({
    id: 'gid://shopify/Order/200',
    name: '#2000',
    processedAt: ago(9),
    destinationCountryCode: 'US',
    confirmationNumber: 'XK3PQ7',
    fulfillmentOrders: [{ status: 'CLOSED' }],
    shipments: [
      ship(200, {
        status: 'in_transit',
        carrierCode: 'ups',
        carrierName: 'UPS',
        trackingNumber: '1Z999AA10123456784',
        events: [{ id: 'e200', status: 'IN_TRANSIT', at: ago(4) }],
      }),
      ship(201, {
        status: 'delayed',
        carrierCode: null,
        carrierName: 'Posten',
        trackingNumber: 'RR123456789NO',
        events: [{ id: 'e201', status: 'DELAYED', at: ago(8) }],
      }),
    ],
  });
  orders.push(
    {
      id: 'gid://shopify/Order/300',
      name: '#3000',
      processedAt: ago(3),
      destinationCountryCode: 'NO',
      fulfillmentOrders: [{ status: 'OPEN' }],
    },
    {
      id: 'gid://shopify/Order/301',
      name: '#3001',
      processedAt: ago(2),
      destinationCountryCode: 'DK',
      fulfillmentOrders: [{ status: 'ON_HOLD' }, { status: 'IN_PROGRESS' }],
    },
    {
      id: 'gid://shopify/Order/302',
      name: '#3002',
      processedAt: ago(1),
      fulfillmentOrders: [{ status: 'SCHEDULED', fulfillAt: ago(-3) }],
    },
    {
      id: 'gid://shopify/Order/303',
      name: '#3003',
      processedAt: ago(1),
      cancelledAt: ago(0.5),
      fulfillmentOrders: [{ status: 'OPEN' }],
    },
  );
  return orders;
}

describe.each(databases())('overview API on %s', (kind) => {
  async function seeded() {
    const handle = await testDatabase(kind);
    await seedShop(handle.db, A, 'Europe/Oslo');
    await seedShop(handle.db, B, 'UTC');
    await seedOrders(handle.db, A, sampleOrders());
    return { handle, api: testApp(handle) };
  }

  it('counts every status, the waiting orders and the stalled shipments', async () => {
    const { api } = await seeded();
    const body = await api.json<{ counts: Record<string, number>; oldestUnfulfilledAt: string }>(
      '/api/overview',
    );
    const expected: Record<string, number> = Object.fromEntries(
      SHIPMENT_STATUSES.map((s) => [s, 1]),
    );
    expected.in_transit = 2;
    expected.delayed = 2;
    expect(body.counts).toEqual({
      ...expected,
      unfulfilled: 2,
      on_hold: 1,
      scheduled: 1,
      stalled: 2,
    });
    expect(body.oldestUnfulfilledAt).toBe(ago(3));
  });

  it('counts a status it does not know as unknown', async () => {
    const { handle, api } = await seeded();
    await seedOrders(handle.db, A, [
      {
        id: 'gid://shopify/Order/900',
        name: '#9000',
        processedAt: ago(1),
        shipments: [{ id: 'f900', status: 'teleported', createdAt: ago(1) }],
      },
    ]);
    const { counts } = await api.json<{ counts: Record<string, number> }>('/api/overview');
    expect(counts.unknown).toBe(2);
    const page = await api.json<Page>('/api/shipments?status=unknown');
    expect(page.shipments.map((s) => s.id).sort()).toEqual([
      'f900',
      'gid://shopify/Fulfillment/110',
    ]);
  });

  it('limits counts to orders processed within from/to, inclusive dates in the shop zone', async () => {
    const { handle, api } = await seeded();
    // 23:30 UTC on 1 Dec is 00:30 on 2 Dec in Oslo.
    await seedOrders(handle.db, A, [
      {
        id: 'gid://shopify/Order/950',
        name: '#9500',
        processedAt: '2026-12-01T23:30:00Z',
        fulfillmentOrders: [{ status: 'OPEN' }],
      },
      {
        id: 'gid://shopify/Order/951',
        name: '#9501',
        processedAt: '2026-12-01T22:30:00Z',
        fulfillmentOrders: [{ status: 'OPEN' }],
      },
    ]);
    const dec2 = await api.json<{ counts: Record<string, number> }>(
      '/api/overview?from=2026-12-02&to=2026-12-02',
    );
    expect(dec2.counts.unfulfilled).toBe(1);
    expect(dec2.counts.in_transit).toBe(0);
    const dec1 = await api.json<{ counts: Record<string, number> }>(
      '/api/overview?from=2026-12-01&to=2026-12-01',
    );
    expect(dec1.counts.unfulfilled).toBe(1);
    const page = await api.json<Page>('/api/shipments?status=unfulfilled&from=2026-12-02');
    expect(page.shipments.map((s) => s.orderName)).toEqual(['#9500']);
  });

  it('filters by every parameter', async () => {
    const { api } = await seeded();
    const names = async (query: string) =>
      (await api.json<Page>(`/api/shipments?${query}`)).shipments.map((s) => s.orderName).sort();
    expect(await names('status=delivered')).toEqual(['#1006']);
    expect(await names('status=delayed')).toEqual(['#1005', '#2000']);
    expect(await names('carrier=ups')).toEqual(['#2000']);
    expect(await names('country=se')).toEqual(['#1001', '#1003', '#1005', '#1007', '#1009']);
    expect(await names('stalled=true')).toEqual(['#2000', '#2000']);
    expect((await names('stalled=false')).length).toBe(SHIPMENT_STATUSES.length);
    expect(await names('q=%231004')).toEqual(['#1004']);
    expect(await names('q=1004')).toEqual(['#1004']);
    expect(await names('q=RR123456789NO')).toEqual(['#2000']);
    expect(await names('q=rr%20123%20456%20789%20no')).toEqual(['#2000']);
    expect(await names('q=xk3pq7')).toEqual(['#2000', '#2000']);
    expect(await names('q=nothing')).toEqual([]);
    expect(await names(`from=${ago(9).slice(0, 10)}`)).toContain('#2000');
    expect(await names(`to=${ago(12).slice(0, 10)}`)).toEqual(['#1000']);
    expect(await names('status=in_transit&carrier=ups&stalled=true&country=US')).toEqual(['#2000']);
    expect(await names('status=on_hold')).toEqual(['#3001']);
    expect(await names('status=scheduled')).toEqual(['#3002']);
    expect(await names('status=unfulfilled')).toEqual(['#3000', '#3001']);
    expect(await names('status=unfulfilled&country=DK')).toEqual(['#3001']);
    expect(await names('status=unfulfilled&carrier=ups')).toEqual([]);
  });

  it('shows each shipment with its last event, age and the stalled flag', async () => {
    const { api } = await seeded();
    const page = await api.json<Page>('/api/shipments?q=2000&sort=lastActivityAt&dir=asc');
    expect(page.shipments[0]).toMatchObject({
      kind: 'shipment',
      id: 'gid://shopify/Fulfillment/201',
      orderName: '#2000',
      status: 'delayed',
      stalled: true,
      carrierName: 'Posten',
      trackingNumber: 'RR123456789NO',
      lastEvent: { status: 'DELAYED', at: ago(8), message: null },
      lastActivityAt: ago(8),
      destinationCountryCode: 'US',
      shippedAt: ago(10),
      daysInTransit: 10,
    });
    const scheduled = await api.json<Page>('/api/shipments?status=scheduled');
    expect(scheduled.shipments[0]).toMatchObject({ kind: 'order', fulfillAt: ago(-3) });
  });

  it('answers bad parameters with 400 invalid_input naming each field', async () => {
    const { api } = await seeded();
    for (const [query, field] of [
      ['status=lost', 'status'],
      ['limit=0', 'limit'],
      ['limit=251', 'limit'],
      ['from=2026-13-01', 'from'],
      ['from=yesterday', 'from'],
      ['sort=name', 'sort'],
      ['dir=up', 'dir'],
      ['country=NOR', 'country'],
      ['stalled=maybe', 'stalled'],
      ['cursor=not-a-cursor', 'cursor'],
      // Postgres refuses NUL in text: it must be the caller's 400, never our 500.
      ['q=%00', 'q'],
      ['q=1001%00', 'q'],
      ['carrier=a%00b', 'carrier'],
      ['carrier=%01', 'carrier'],
    ] as const) {
      const response = await api.get(`/api/shipments?${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as {
        error: { code: string; fields: { field: string }[] };
      };
      expect(body.error.code).toBe('invalid_input');
      expect(body.error.fields.map((f) => f.field)).toContain(field);
    }
    const range = await api.get('/api/overview?from=2026-12-02&to=2026-12-01');
    expect(range.status).toBe(400);
    const csv = await api.get('/api/shipments.csv?status=lost');
    expect(csv.status).toBe(400);
    const nul = await api.get('/api/shipments.csv?carrier=%00');
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
  });

  it('refuses a cursor made for another sort', async () => {
    const { api } = await seeded();
    const first = await api.json<Page>('/api/shipments?limit=2&sort=shippedAt');
    expect(first.nextCursor).not.toBeNull();
    const other = await api.get(
      `/api/shipments?limit=2&sort=processedAt&cursor=${first.nextCursor ?? ''}`,
    );
    expect(other.status).toBe(400);
  });

  it("never shows shop A's rows to shop B", async () => {
    const { api } = await seeded();
    const counts = await api.json<{ counts: Record<string, number> }>('/api/overview', B);
    expect(Object.values(counts.counts).every((n) => n === 0)).toBe(true);
    expect((await api.json<Page>('/api/shipments', B)).shipments).toEqual([]);
    expect((await api.json<Page>('/api/shipments?q=RR123456789NO', B)).shipments).toEqual([]);
    expect((await api.json<Page>('/api/shipments?status=unfulfilled', B)).shipments).toEqual([]);
    expect((await api.json<{ carriers: unknown[] }>('/api/carriers', B)).carriers).toEqual([]);
    const csv = await (await api.get('/api/shipments.csv', B)).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1);
    // A's cursor does not open A's rows for B.
    const page = await api.json<Page>('/api/shipments?limit=1');
    const b = await api.json<Page>(`/api/shipments?limit=1&cursor=${page.nextCursor ?? ''}`, B);
    expect(b.shipments).toEqual([]);
    await api.put(
      '/api/settings',
      JSON.stringify({ stalledAfterDaysByClass: { express: 1, postal: 2, other: 3 } }),
    );
    expect(await api.json('/api/settings', B)).toMatchObject({
      stalledAfterDaysByClass: DEFAULT_STALLED_AFTER_DAYS,
    });
  });

  it('refuses a request that did not pass the session middleware', async () => {
    const { api } = await seeded();
    const response = await api.get('/api/overview', '');
    expect(response.status).toBe(401);
  });

  it('reports carriers per destination: counts, median and p90 days, on-time and exception shares', async () => {
    const handle = await testDatabase(kind);
    await seedShop(handle.db, A, 'UTC');
    const orders: SeedOrder[] = [];
    for (let i = 0; i < 10; i++) {
      // Transit of 1..10 days; estimate: 5 days after shipping.
      const shipped = NOW - 30 * DAY + i * DAY;
      orders.push({
        id: `o${i}`,
        name: `#${i}`,
        processedAt: new Date(shipped - DAY).toISOString(),
        destinationCountryCode: 'NO',
        shipments: [
          {
            id: `f${i}`,
            status: 'delivered',
            carrierCode: 'bring',
            carrierName: 'Bring',
            createdAt: new Date(shipped).toISOString(),
            deliveredAt: new Date(shipped + (i + 1) * DAY).toISOString(),
            firstEstimatedDeliveryAt: new Date(shipped + 5 * DAY).toISOString(),
            events:
              i === 0
                ? [{ id: 'x', status: 'ATTEMPTED_DELIVERY', at: new Date(shipped).toISOString() }]
                : [],
          },
        ],
      });
    }
    orders.push({
      id: 'o-se',
      name: '#se',
      processedAt: ago(3),
      destinationCountryCode: 'SE',
      shipments: [{ id: 'f-se', status: 'failure', carrierCode: 'bring', createdAt: ago(2) }],
    });
    await seedOrders(handle.db, A, orders);
    const { carriers } = await testApp(handle).json<{ carriers: Record<string, unknown>[] }>(
      '/api/carriers',
    );
    expect(carriers).toEqual([
      {
        carrierCode: 'bring',
        carrierName: 'Bring',
        destinationCountryCode: 'NO',
        shipments: 10,
        delivered: 10,
        medianDays: 5.5,
        p90Days: 9.1,
        onTimeShare: 0.5,
        exceptionShare: 0.1,
      },
      {
        carrierCode: 'bring',
        carrierName: null,
        destinationCountryCode: 'SE',
        shipments: 1,
        delivered: 0,
        medianDays: null,
        p90Days: null,
        onTimeShare: null,
        exceptionShare: 1,
      },
    ]);
  });

  it('stores and validates the stalled thresholds, and the counts follow them', async () => {
    const { api } = await seeded();
    expect(await api.json('/api/settings')).toMatchObject({
      stalledAfterDays: 5,
      stalledAfterDaysByClass: { express: 3, postal: 7, other: 5 },
    });
    const put = await api.put(
      '/api/settings',
      JSON.stringify({ stalledAfterDaysByClass: { express: 5 } }),
    );
    expect(put.status).toBe(200);
    expect(
      ((await put.json()) as { stalledAfterDaysByClass: unknown }).stalledAfterDaysByClass,
    ).toEqual({ express: 5, postal: 7, other: 5 });
    const { counts } = await api.json<{ counts: Record<string, number> }>('/api/overview');
    expect(counts.stalled).toBe(1);
    for (const body of [
      '{"stalledAfterDaysByClass":{"express":0}}',
      '{"stalledAfterDaysByClass":{"express":2.5}}',
      '{"stalledAfterDaysByClass":{"express":3,"postal":7,"other":500}}',
      '{"stalledAfterDays":{"express":3,"postal":7,"other":5}}',
      '{"stalledAfterDays":0}',
      'not json',
    ]) {
      const response = await api.put('/api/settings', body);
      expect(response.status, body).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'invalid_input',
      );
    }
    expect((await api.put('/api/settings', '{}', A, 'text/plain')).status).toBe(415);
  });

  it('counts tracking-page lookups per day without anything else', async () => {
    const { handle, api } = await seeded();
    const deps = overviewRouteDeps(handle.db, () => NOW);
    await deps.lookupStats.record(A, true, '2026-11-29');
    await deps.lookupStats.record(A, false, '2026-11-29');
    await deps.lookupStats.record(A, true, '2026-11-29');
    await deps.lookupStats.record(A, true, '2026-11-30');
    await deps.lookupStats.record(B, false, '2026-11-30');
    expect(await api.json('/api/analytics')).toEqual({
      days: [
        { date: '2026-11-29', found: 2, notFound: 1 },
        { date: '2026-11-30', found: 1, notFound: 0 },
      ],
    });
    expect(await api.json('/api/analytics?from=2026-11-30')).toEqual({
      days: [{ date: '2026-11-30', found: 1, notFound: 0 }],
    });
  });

  it('exports CSV with a BOM, headers, every row, and neutralised formulas', async () => {
    const handle = await testDatabase(kind);
    await seedShop(handle.db, A, 'UTC');
    const tricky = [
      '=HYPERLINK("http://x")',
      '+1',
      '-2',
      '@SUM(A1)',
      '\tTab',
      'a,b',
      'say "hi"',
      'two\nlines',
    ];
    await seedOrders(
      handle.db,
      A,
      tricky.map((text, i) => ({
        id: `o${i}`,
        name: text,
        processedAt: ago(5 + i),
        destinationCountryCode: 'NO',
        shipments: [
          {
            id: `f${i}`,
            status: 'in_transit',
            carrierName: text,
            trackingNumber: `T${i}`,
            createdAt: ago(4 + i),
            events: [{ id: `e${i}`, status: 'IN_TRANSIT', at: ago(1), message: text }],
          },
        ],
      })),
    );
    const response = await testApp(handle).get('/api/shipments.csv?sort=shippedAt&dir=desc');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="shipments-2026-11-30\.csv"/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const rows = parseCsv(text);
    expect(rows[0]?.[0]).toBe('Order');
    expect(rows).toHaveLength(tricky.length + 1);
    const expected = tricky.map((t) => (/^[=+\-@\t]/.test(t) ? `'${t}` : t));
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected);
    expect(rows.slice(1).map((r) => r[4])).toEqual(expected);
    expect(rows.slice(1).map((r) => r[7])).toEqual(expected);
    const nb = await testApp(handle).get('/api/shipments.csv?locale=nb');
    expect(parseCsv(await nb.text())[0]?.[0]).toBe('Bestilling');
  });

  it('exports every row across many pages, in the list order', async () => {
    const handle = await testDatabase(kind);
    await seedShop(handle.db, A, 'UTC');
    const orders: SeedOrder[] = Array.from({ length: 2600 }, (_, i) => ({
      id: `o${i}`,
      name: `#${10000 + i}`,
      processedAt: ago(20),
      shipments: [
        {
          id: `f${String(i).padStart(5, '0')}`,
          status: 'in_transit',
          createdAt: ago(10 + (i % 7)),
        },
      ],
    }));
    await seedOrders(handle.db, A, orders);
    const text = await (await testApp(handle).get('/api/shipments.csv')).text();
    const names = parseCsv(text.slice(1))
      .slice(1)
      .map((r) => r[0]);
    expect(names).toHaveLength(2600);
    expect(new Set(names).size).toBe(2600);
  }, 90_000);

  it('pages without gaps or repeats, whatever the sort, direction, page size and ties', async () => {
    const handle = await testDatabase(kind);
    await seedShop(handle.db, A, 'UTC');
    await seedShop(handle.db, B, 'UTC');
    // Few distinct times so many rows tie on the sort value.
    const arbitraryShipments = fc.array(
      fc.record({
        created: fc.integer({ min: 0, max: 4 }),
        event: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
        processed: fc.integer({ min: 0, max: 3 }),
        status: fc.constantFrom('in_transit', 'delivered', 'delayed'),
      }),
      { minLength: 0, maxLength: 40 },
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        arbitraryShipments,
        fc.constantFrom('shippedAt', 'lastActivityAt', 'processedAt'),
        fc.constantFrom('asc', 'desc'),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('', '&status=delayed', '&stalled=true'),
        async (specs, sort, dir, limit, extra) => {
          run += 1;
          await handle.db.deleteFrom('orders').execute();
          const orders: SeedOrder[] = specs.map((s, i) => ({
            id: `r${run}o${i}`,
            name: `#${i}`,
            processedAt: ago(20 + s.processed),
            shipments: [
              {
                id: `r${run}f${i}`,
                status: s.status,
                createdAt: ago(10 + s.created),
                events:
                  s.event === null ? [] : [{ id: `r${run}e${i}`, status: 'X', at: ago(s.event) }],
              },
            ],
          }));
          await seedOrders(handle.db, A, orders);
          // Shop B's rows interleave with A's in every index; they must never show up.
          await seedOrders(
            handle.db,
            B,
            orders.map((o) => ({
              ...o,
              id: `b${o.id}`,
              shipments: o.shipments?.map((s) => ({ ...s, id: `b${s.id}`, events: [] })),
            })),
          );
          const api = testApp(handle);
          const seen: string[] = [];
          let cursor: string | null = null;
          let pages = 0;
          do {
            const page: Page = await api.json<Page>(
              `/api/shipments?sort=${sort}&dir=${dir}&limit=${limit}${extra}${cursor ? `&cursor=${cursor}` : ''}`,
            );
            expect(page.shipments.length).toBeLessThanOrEqual(limit);
            seen.push(...page.shipments.map((s) => s.id));
            cursor = page.nextCursor;
            pages += 1;
            expect(pages).toBeLessThan(100);
          } while (cursor);
          const all = await api.json<Page>(
            `/api/shipments?sort=${sort}&dir=${dir}&limit=250${extra}`,
          );
          expect(new Set(seen).size).toBe(seen.length);
          expect(seen).toEqual(all.shipments.map((s) => s.id));
          const expectedCount = specs.filter((s) =>
            extra === '&status=delayed'
              ? s.status === 'delayed'
              : extra === '&stalled=true'
                ? isStalled(
                    {
                      status: s.status as 'in_transit',
                      carrierCode: null,
                      trackingNumber: null,
                      shippedAt: ago(10 + s.created),
                      lastEventAt: s.event === null ? null : ago(s.event),
                    },
                    DEFAULT_STALLED_AFTER_DAYS,
                    NOW,
                  )
                : true,
          ).length;
          expect(seen).toHaveLength(expectedCount);
        },
      ),
      { numRuns: 20 },
    );
  }, 120_000);

  it('exports exactly the rows the list shows, in its order, for every filter', async () => {
    const { api } = await seeded();
    const queries = [
      ...SHIPMENT_STATUSES.map((s) => `status=${s}`),
      'status=unfulfilled',
      'status=on_hold',
      'status=scheduled',
      'carrier=ups',
      'carrier=bring&country=NO',
      'country=SE',
      'stalled=true',
      'stalled=false',
      'q=%232000',
      'q=RR123456789NO',
      'q=XK3PQ7',
      `from=${ago(9).slice(0, 10)}`,
      `to=${ago(11).slice(0, 10)}`,
      `from=${ago(11).slice(0, 10)}&to=${ago(9).slice(0, 10)}`,
      'sort=lastActivityAt&dir=asc',
      'sort=processedAt&dir=desc&status=delayed',
    ];
    let nonEmpty = 0;
    for (const query of queries) {
      const list = await api.json<Page>(`/api/shipments?${query}&limit=250`);
      const csv = await api.get(`/api/shipments.csv?${query}`);
      expect(csv.status, query).toBe(200);
      const rows = parseCsv((await csv.text()).slice(1));
      expect(
        rows.slice(1).map((r) => [r[0], r[5]]),
        query,
      ).toEqual(list.shipments.map((s) => [s.orderName, s.trackingNumber ?? '']));
      if (list.shipments.length > 0) nonEmpty += 1;
    }
    // Every status of the sample has a row, so most filters above must find something.
    expect(nonEmpty).toBeGreaterThanOrEqual(queries.length - 3);
  });

  it('pages the waiting orders without gaps or repeats, ties on the order date included', async () => {
    const handle = await testDatabase(kind);
    await seedShop(handle.db, A, 'UTC');
    await seedShop(handle.db, B, 'UTC');
    const waiting = (prefix: string): SeedOrder[] =>
      Array.from({ length: 23 }, (_, i) => ({
        id: `${prefix}${i}`,
        name: `#${prefix}${i}`,
        // Three distinct times: most orders tie with others.
        processedAt: ago(1 + (i % 3)),
        fulfillmentOrders: [{ status: i % 4 === 0 ? 'IN_PROGRESS' : 'OPEN' }],
      }));
    await seedOrders(handle.db, A, waiting('a'));
    await seedOrders(handle.db, B, waiting('b'));
    const api = testApp(handle);
    for (const dir of ['asc', 'desc'])
      for (const limit of [1, 4, 7, 23]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Page = await api.json<Page>(
            `/api/shipments?status=unfulfilled&dir=${dir}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
          );
          seen.push(...page.shipments.map((s) => s.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(seen).size, `${dir} ${limit}`).toBe(23);
        expect(seen.every((id) => id.startsWith('a'))).toBe(true);
        const times = seen.map((id) => Number(id.slice(1)) % 3);
        // Oldest first means the largest `ago` first.
        const sorted = [...times].sort((x, y) => (dir === 'asc' ? y - x : x - y));
        expect(times).toEqual(sorted);
      }
  });

  it("never shows shop A's lookup counts to shop B", async () => {
    const { handle, api } = await seeded();
    const day = ago(1).slice(0, 10);
    await overviewRouteDeps(handle.db, () => NOW).lookupStats.record(A, true, day);
    const a = await api.json<{ days: unknown[] }>(`/api/analytics?from=${day}&to=${day}`);
    expect(a.days).toEqual([{ date: day, found: 1, notFound: 0 }]);
    const b = await api.json<{ days: unknown[] }>(`/api/analytics?from=${day}&to=${day}`, B);
    expect(b.days).toEqual([]);
  });

  it('neutralises formulas in every text column, keeps commas, quotes, line breaks and UTF-8', async () => {
    const handle = await testDatabase(kind);
    await seedShop(handle.db, A, 'UTC');
    await seedOrders(handle.db, A, [
      {
        id: 'o1',
        name: '#Ærø-1',
        processedAt: ago(3),
        destinationCountryCode: 'NO',
        shipments: [
          {
            id: 'f1',
            status: 'in_transit',
            carrierName: 'Posten, "Norge"\r\nbrev',
            trackingNumber: '=1+2',
            trackingUrl: '@https://evil.example/',
            createdAt: ago(2),
            events: [
              { id: 'e1', status: 'IN_TRANSIT', at: ago(1), message: '-Sortert på Østlandet 📦' },
            ],
          },
        ],
      },
    ]);
    const text = await (await testApp(handle).get('/api/shipments.csv')).text();
    const [, row] = parseCsv(text.slice(1));
    expect(row?.[0]).toBe('#Ærø-1');
    expect(row?.[4]).toBe('Posten, "Norge"\r\nbrev');
    expect(row?.[5]).toBe("'=1+2");
    expect(row?.[6]).toBe("'@https://evil.example/");
    expect(row?.[7]).toBe("'-Sortert på Østlandet 📦");
  });
});

/** A small RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
