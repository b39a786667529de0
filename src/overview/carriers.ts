// Carrier performance: per carrier and destination country, how many shipments, how fast, how often
// on the first promised date, how often something went wrong.
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DateRange } from './filters.js';
import { type OverviewScope, processedWithin } from './scope.js';

/** Shopify FulfillmentEventStatus values that are exceptions on the way (open set: others are not). */
export const EXCEPTION_EVENT_STATUSES = ['ATTEMPTED_DELIVERY', 'DELAYED', 'FAILURE'] as const;
/** Normalised shipment statuses that are exceptions when a shipment is in them now. */
export const EXCEPTION_STATUSES = [
  'attempted_delivery',
  'delayed',
  'failure',
  'returned_to_sender',
] as const;

export interface CarrierPerformance {
  /** Our carrier code, or null when the carrier was not recognised (then `carrierName` groups). */
  carrierCode: string | null;
  /** The name as stored (the most common one for the code). */
  carrierName: string | null;
  destinationCountryCode: string | null;
  shipments: number;
  delivered: number;
  /** Days from shipped (in transit, else created) to delivered, over delivered shipments; null if none. */
  medianDays: number | null;
  p90Days: number | null;
  /**
   * Share (0–1) of delivered shipments with a first estimate that arrived on or before the
   * estimate's calendar date in the shop's zone; null when none had an estimate.
   */
  onTimeShare: number | null;
  /** Share (0–1) of shipments that met an exception (now or in any event). */
  exceptionShare: number;
}

/**
 * One row per (carrier, destination country) of the scope's shop, most shipments first; limited
 * to orders processed within `range`. Cancelled shipments are left out.
 */
export async function carrierPerformance(
  db: Kysely<Database>,
  scope: OverviewScope,
  range: DateRange,
): Promise<CarrierPerformance[]> {
  const days = sql`extract(epoch from (s.delivered_at - coalesce(s.in_transit_at, s.created_at))) / 86400.0`;
  const tz = scope.timeZone;
  const exception = sql<SqlBool>`(s.status in (${sql.join([...EXCEPTION_STATUSES])}) or exists (
      select 1 from shipment_events e where e.shop = s.shop and e.fulfillment_gid = s.fulfillment_gid
        and e.status in (${sql.join([...EXCEPTION_EVENT_STATUSES])})))`;
  let query = db
    .selectFrom('shipments as s')
    .innerJoin('orders as o', (j) =>
      j.onRef('o.shop', '=', 's.shop').onRef('o.order_gid', '=', 's.order_gid'),
    )
    .where('s.shop', '=', scope.shop)
    .where('s.status', '!=', 'cancelled')
    .select([
      sql<string | null>`s.carrier_code`.as('carrier_code'),
      sql<string | null>`mode() within group (order by s.carrier_name)`.as('carrier_name'),
      's.destination_country_code',
      sql<number>`count(*)::int`.as('shipments'),
      sql<number>`(count(*) filter (where s.delivered_at is not null))::int`.as('delivered'),
      sql<number | null>`(percentile_cont(0.5) within group (order by ${days}))::float8`.as(
        'median',
      ),
      sql<number | null>`(percentile_cont(0.9) within group (order by ${days}))::float8`.as('p90'),
      sql<number>`(count(*) filter (where s.delivered_at is not null
          and s.first_estimated_delivery_at is not null))::int`.as('with_estimate'),
      sql<number>`(count(*) filter (where s.delivered_at is not null
          and s.first_estimated_delivery_at is not null
          and (s.delivered_at at time zone ${tz})::date
            <= (s.first_estimated_delivery_at at time zone ${tz})::date))::int`.as('on_time'),
      sql<number>`(count(*) filter (where ${exception}))::int`.as('exceptions'),
    ])
    // Unrecognised carriers group by the name the merchant typed.
    .groupBy([
      sql`s.carrier_code`,
      sql`case when s.carrier_code is null then s.carrier_name end`,
      's.destination_country_code',
    ])
    .orderBy('shipments', 'desc')
    .orderBy(sql`s.carrier_code`)
    .orderBy('s.destination_country_code');
  for (const condition of processedWithin('o.processed_at', range, tz))
    query = query.where(condition);
  const rows = await query.execute();
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  return rows.map((r) => ({
    carrierCode: r.carrier_code,
    carrierName: r.carrier_name,
    destinationCountryCode: r.destination_country_code,
    shipments: r.shipments,
    delivered: r.delivered,
    medianDays: round(r.median),
    p90Days: round(r.p90),
    onTimeShare: r.with_estimate === 0 ? null : r.on_time / r.with_estimate,
    exceptionShare: r.shipments === 0 ? 0 : r.exceptions / r.shipments,
  }));
}
