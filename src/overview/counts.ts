// The status board's numbers: shipments by normalised status, orders waiting, and the stalled ones.
import { type Kysely, sql } from 'kysely';
import { SHIPMENT_STATUSES } from '../contract/tracking-view.js';
import type { Database } from '../db/schema.js';
import { COUNT_KEYS, type CountKey, type DateRange, isShipmentStatus } from './filters.js';
import { type OverviewScope, processedWithin } from './scope.js';
import { stalledSql } from './stalled-sql.js';

/** Fulfilment order statuses (Shopify's FulfillmentOrderStatus) that mean "waiting to be fulfilled". */
export const WAITING_FULFILLMENT_ORDER_STATUSES = ['OPEN', 'IN_PROGRESS'] as const;

export interface OverviewCounts {
  /** Every CountKey, 0 when none. A stalled shipment also counts under its own status. */
  counts: Record<CountKey, number>;
  /** processedAt of the oldest order still waiting to be fulfilled (ISO-8601), or null. */
  oldestUnfulfilledAt: string | null;
}

/**
 * The board's counts for the scope's shop, optionally limited to orders processed within `range`
 * (inclusive dates in the shop's zone). Shipments count by their stored normalised status; a
 * status this code does not know counts as `unknown`. Cancelled orders' waiting fulfilment orders
 * are not counted. Two queries, no transaction.
 */
export async function overviewCounts(
  db: Kysely<Database>,
  scope: OverviewScope,
  range: DateRange,
): Promise<OverviewCounts> {
  const counts = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Record<CountKey, number>;
  // Only a date range needs the orders' processedAt; without one the shipments alone answer.
  const ranged = Boolean(range.from || range.to);
  let shipments = db
    .selectFrom('shipments as s')
    .where('s.shop', '=', scope.shop)
    .select([
      's.status',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`(count(*) filter (where ${stalledSql('s', scope.thresholds, scope.now)}))::int`.as(
        'stalled',
      ),
    ])
    .groupBy('s.status');
  if (ranged) {
    const within = processedWithin('o.processed_at', range, scope.timeZone);
    shipments = shipments.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('orders as o')
          .select(sql`1`.as('one'))
          .whereRef('o.shop', '=', 's.shop')
          .whereRef('o.order_gid', '=', 's.order_gid')
          .where(({ and }) => and(within)),
      ),
    );
  }
  for (const row of await shipments.execute()) {
    const key = isShipmentStatus(row.status) ? row.status : 'unknown';
    counts[key] += row.n;
    counts.stalled += row.stalled;
  }

  const waiting = sql.join([...WAITING_FULFILLMENT_ORDER_STATUSES]);
  let orders = db
    .selectFrom('orders as o')
    .innerJoin('fulfillment_orders as f', (j) =>
      j.onRef('f.shop', '=', 'o.shop').onRef('f.order_gid', '=', 'o.order_gid'),
    )
    .where('o.shop', '=', scope.shop)
    .where('o.cancelled_at', 'is', null)
    .select([
      sql<number>`(count(distinct o.order_gid) filter (where f.status in (${waiting})))::int`.as(
        'unfulfilled',
      ),
      sql<Date | null>`min(o.processed_at) filter (where f.status in (${waiting}))`.as('oldest'),
      sql<number>`(count(distinct o.order_gid) filter (where f.status = 'ON_HOLD'))::int`.as(
        'on_hold',
      ),
      sql<number>`(count(distinct o.order_gid) filter (where f.status = 'SCHEDULED'))::int`.as(
        'scheduled',
      ),
    ]);
  for (const condition of processedWithin('o.processed_at', range, scope.timeZone))
    orders = orders.where(condition);
  const row = await orders.executeTakeFirst();
  counts.unfulfilled = row?.unfulfilled ?? 0;
  counts.on_hold = row?.on_hold ?? 0;
  counts.scheduled = row?.scheduled ?? 0;
  const oldest = row?.oldest ? new Date(row.oldest).toISOString() : null;
  return { counts, oldestUnfulfilledAt: oldest };
}

/** Statuses in the order the board shows them. */
export const BOARD_ORDER: readonly CountKey[] = [
  'unfulfilled',
  'on_hold',
  'scheduled',
  ...SHIPMENT_STATUSES.filter((s) => s !== 'cancelled' && s !== 'unknown'),
  'stalled',
];
