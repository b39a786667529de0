import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHIPMENT_STATUSES } from '../contract/tracking-view.js';
import {
  carrierClass,
  EXPRESS_CARRIER_CODES,
  isStalled,
  POSTAL_CARRIER_CODES,
  type StalledThresholds,
} from '../core/stalled.js';
import { databases, testDatabase } from '../db/testing.js';
import { overviewCounts } from './counts.js';
import { type SeedOrder, seedOrders, seedShop } from './seed.js';
import { listShipments } from './shipments.js';

const SHOP = 'alpha.myshopify.com';
const NOW = Date.parse('2026-11-30T12:00:00Z');
const HOUR = 3_600_000;

describe.each(databases())('the stalled SQL agrees with the pure rule on %s', (kind) => {
  it('for any carriers, tracking numbers, events, statuses and thresholds', async () => {
    const handle = await testDatabase(kind);
    await seedShop(handle.db, SHOP, 'UTC');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            status: fc.constantFrom(...SHIPMENT_STATUSES),
            carrierCode: fc.constantFrom(
              null,
              'ups',
              'dhl_express',
              'usps',
              'posten_norge',
              'bring',
              'dpd',
            ),
            trackingNumber: fc.constantFrom(
              null,
              'RR123456789NO',
              'lx 123 456 789 de',
              '1Z999AA10123456784',
              'RR12345678NO',
            ),
            // Hours, so many land right at a threshold's edge.
            shippedHoursAgo: fc.integer({ min: 0, max: 24 * 12 }),
            eventHoursAgo: fc.option(fc.integer({ min: 0, max: 24 * 12 }), { nil: null }),
          }),
          { maxLength: 30 },
        ),
        fc.record({
          express: fc.integer({ min: 1, max: 8 }),
          postal: fc.integer({ min: 1, max: 8 }),
          other: fc.integer({ min: 1, max: 8 }),
        }),
        async (specs, thresholds: StalledThresholds) => {
          run += 1;
          await handle.db.deleteFrom('orders').execute();
          const orders: SeedOrder[] = specs.map((s, i) => ({
            id: `r${run}o${i}`,
            name: `#${i}`,
            processedAt: new Date(NOW - 20 * 24 * HOUR).toISOString(),
            shipments: [
              {
                id: `r${run}f${i}`,
                status: s.status,
                carrierCode: s.carrierCode,
                trackingNumber: s.trackingNumber,
                createdAt: new Date(NOW - s.shippedHoursAgo * HOUR).toISOString(),
                events:
                  s.eventHoursAgo === null
                    ? []
                    : [
                        {
                          id: `r${run}e${i}`,
                          status: 'IN_TRANSIT',
                          at: new Date(NOW - s.eventHoursAgo * HOUR).toISOString(),
                        },
                      ],
              },
            ],
          }));
          await seedOrders(handle.db, SHOP, orders);
          const scope = { shop: SHOP, timeZone: 'UTC', thresholds, now: NOW };
          const page = await listShipments(
            handle.db,
            scope,
            { sort: 'shippedAt', dir: 'asc' },
            { limit: 250 },
          );
          const expected = new Map(
            specs.map((s, i) => [
              `r${run}f${i}`,
              isStalled(
                {
                  status: s.status,
                  carrierCode: s.carrierCode,
                  trackingNumber: s.trackingNumber,
                  shippedAt: new Date(NOW - s.shippedHoursAgo * HOUR).toISOString(),
                  lastEventAt:
                    s.eventHoursAgo === null
                      ? null
                      : new Date(NOW - s.eventHoursAgo * HOUR).toISOString(),
                },
                thresholds,
                NOW,
              ),
            ]),
          );
          expect(new Map(page.shipments.map((r) => [r.id, r.stalled]))).toEqual(expected);
          const stalledCount = [...expected.values()].filter(Boolean).length;
          const { counts } = await overviewCounts(handle.db, scope, {});
          expect(counts.stalled).toBe(stalledCount);
          // A range holding every order counts the same (one pass over the range's shipments);
          // a range holding none counts nothing.
          const all = await overviewCounts(handle.db, scope, {
            from: '2026-11-10',
            to: '2026-11-10',
          });
          expect(all.counts).toEqual(counts);
          const none = await overviewCounts(handle.db, scope, { from: '2026-11-11' });
          expect(none.counts.stalled + none.counts.in_transit).toBe(0);
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);

  it('stores the carrier class carrierClass gives, for every listed code and any tracking number', async () => {
    const handle = await testDatabase(kind);
    await seedShop(handle.db, SHOP, 'UTC');
    const codes = [...EXPRESS_CARRIER_CODES, ...POSTAL_CARRIER_CODES, null, 'bring', 'gls', 'UPS'];
    const numbers = fc.oneof(
      fc.constantFrom(null, 'RR123456789NO', ' rr 123 456 789 no ', 'RR123456789N0', '1Z999AA1012'),
      fc.stringMatching(/^[A-Za-z]{2}[ 0-9]{9,12}[A-Za-z]{2}$/),
      fc.string({ maxLength: 20 }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...codes), numbers), { minLength: 1, maxLength: 40 }),
        async (pairs) => {
          run += 1;
          await handle.db.deleteFrom('orders').execute();
          await seedOrders(handle.db, SHOP, [
            {
              id: `c${run}`,
              name: `#c${run}`,
              processedAt: new Date(NOW).toISOString(),
              shipments: pairs.map(([carrierCode, trackingNumber], i) => ({
                id: `c${run}f${i}`,
                status: 'in_transit',
                carrierCode,
                // Postgres text holds no NUL; Shopify's never does either.
                trackingNumber: trackingNumber?.replaceAll('\0', '') ?? null,
                createdAt: new Date(NOW).toISOString(),
              })),
            },
          ]);
          const rows = await handle.db
            .selectFrom('shipments')
            .select(['fulfillment_gid', 'carrier_code', 'tracking_number', 'carrier_class'])
            .where('shop', '=', SHOP)
            .execute();
          expect(rows).toHaveLength(pairs.length);
          for (const r of rows)
            expect([r.fulfillment_gid, r.carrier_class]).toEqual([
              r.fulfillment_gid,
              carrierClass(r.carrier_code, r.tracking_number),
            ]);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
