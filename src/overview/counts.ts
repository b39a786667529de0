// The status board's numbers: shipments by normalised status, orders waiting, and the stalled ones.
import { type Kysely, type SqlBool, sql } from 'kysely';
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
 * are not counted. Three queries (concurrent where the pool allows), no transaction.
 */
export async function overviewCounts(
  db: Kysely<Database>,
  scope: OverviewScope,
  range: DateRange,
): Promise<OverviewCounts> {
  const counts = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Record<CountKey, number>;
  // Only a date range needs the orders' processedAt; without one the shipments alone answer.
  const ranged = Boolean(range.from || range.to);
  const within = processedWithin('o.processed_at', range, scope.timeZone);
  // Shipments of orders processed within the range: a semi-join on the order's key.
  const ofOrdersInRange = sql<SqlBool>`exists (select 1 from orders o
    where o.shop = s.shop and o.order_gid = s.order_gid and ${sql.join(within, sql` and `)})`;
  // Short queries, each on its own index: by status (shipments_shop_status), the stalled ones
  // (shipments_shop_stalled's three ranges), the orders waiting (fulfillment_orders_shop_waiting).
  const isStalled = stalledSql('s', scope.thresholds, scope.now);
  // With a range, one pass over the range's shipments (one join with its orders) gives both the
  // statuses and the stalled count; without one each count reads its own index.
  const byStatus = db
    .selectFrom('shipments as s')
    .where('s.shop', '=', scope.shop)
    .$if(ranged, (q) => q.where(ofOrdersInRange))
    .select([
      's.status',
      sql<number>`count(*)::int`.as('n'),
      (ranged ? sql<number>`(count(*) filter (where ${isStalled}))::int` : sql<number>`0`).as(
        'stalled',
      ),
    ])
    .groupBy('s.status')
    .execute();
  const stalled = ranged
    ? byStatus.then((rows) => ({ n: rows.reduce((sum, r) => sum + r.stalled, 0) }))
    : db
        .selectFrom('shipments as s')
        .where('s.shop', '=', scope.shop)
        .where(isStalled)
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirst();

  const waitingStatuses: readonly string[] = [
    ...WAITING_FULFILLMENT_ORDER_STATUSES,
    'ON_HOLD',
    'SCHEDULED',
  ];
  const waiting = sql.join([...WAITING_FULFILLMENT_ORDER_STATUSES]);
  let orders = db
    .selectFrom('fulfillment_orders as f')
    .innerJoin('orders as o', (j) =>
      j.onRef('o.shop', '=', 'f.shop').onRef('o.order_gid', '=', 'f.order_gid'),
    )
    .where('f.shop', '=', scope.shop)
    .where('f.status', 'in', waitingStatuses)
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
  for (const condition of within) orders = orders.where(condition);

  const [statusRows, stalledRow, row] = await Promise.all([
    byStatus,
    stalled,
    orders.executeTakeFirst(),
  ]);
  for (const r of statusRows) {
    const key = isShipmentStatus(r.status) ? r.status : 'unknown';
    counts[key] += r.n;
  }
  counts.stalled = stalledRow?.n ?? 0;
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
