// The shipment list: filtered, searched, sorted, and paged by key (sort value, id), never by offset.
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { SHIPMENT_STATUSES } from '../contract/tracking-view.js';
import { compactTrackingNumber } from '../core/stalled.js';
import type { Database } from '../db/schema.js';
import { WAITING_FULFILLMENT_ORDER_STATUSES } from './counts.js';
import {
  isOrderState,
  isShipmentStatus,
  type ListFilter,
  type OrderState,
  type SortKey,
} from './filters.js';
import { type OverviewScope, processedWithin } from './scope.js';
import { lastActivitySql, stalledSql } from './stalled-sql.js';

/** One row of the list: a shipment, or (for unfulfilled / on hold / scheduled) a waiting order. */
export interface ShipmentListRow {
  kind: 'shipment' | 'order';
  /** The fulfilment's gid for a shipment, the order's gid for a waiting order. */
  id: string;
  orderGid: string;
  /** `#1001` */
  orderName: string;
  processedAt: string;
  /** A normalised shipment status, or the order's waiting state. */
  status: string;
  stalled: boolean;
  carrierName: string | null;
  carrierCode: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  /** The newest carrier event: its raw Shopify status, time and the carrier's text. */
  lastEvent: { status: string; at: string; message: string | null } | null;
  /** The later of the newest event and shipping; null for a waiting order. */
  lastActivityAt: string | null;
  destinationCountryCode: string | null;
  shippedAt: string | null;
  estimatedDeliveryAt: string | null;
  deliveredAt: string | null;
  /** Whole days from shipped (in transit, else created) to delivered, or to now while travelling. */
  daysInTransit: number | null;
  /** Scheduled orders: when the fulfilment is due. */
  fulfillAt: string | null;
}

export interface ShipmentPage {
  shipments: ShipmentListRow[];
  /** Opaque; pass back as `cursor` for the next page. Null after the last page. */
  nextCursor: string | null;
}

/** Raised for a cursor that was not made by this list with the same sort and direction. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

const CursorSchema = z.object({
  s: z.string(),
  d: z.enum(['asc', 'desc']),
  k: z.enum(['shipment', 'order']),
  v: z.string().max(64),
  i: z.string().max(256),
});
type Cursor = z.infer<typeof CursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, expected: Omit<Cursor, 'v' | 'i'>): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('cursor is not readable');
  }
  const result = CursorSchema.safeParse(parsed);
  if (!result.success) throw new InvalidCursorError('cursor is not readable');
  const c = result.data;
  if (c.s !== expected.s || c.d !== expected.d || c.k !== expected.k)
    throw new InvalidCursorError('cursor belongs to another sort');
  // The value goes back into SQL as a timestamptz parameter; refuse anything else early.
  if (!TIMESTAMP_TEXT.test(c.v)) throw new InvalidCursorError('cursor is not readable');
  return c;
}

const DAY_MS = 86_400_000;
/** A `timestamptz` as Postgres prints it (ISO DateStyle), microseconds and offset included. */
const TIMESTAMP_TEXT =
  /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}(?::?\d{2}){0,2})?$/;
const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

function sortExpression(sort: SortKey): RawBuilder<Date> {
  if (sort === 'lastActivityAt') return lastActivitySql('s');
  if (sort === 'processedAt') return sql<Date>`${sql.ref('o.processed_at')}`;
  return sql<Date>`${sql.ref('s.created_at')}`;
}

/** The SQL condition for the search text `q`: the order's name (with or without `#`) or a tracking number. */
function searchCondition(q: string, shop: string): RawBuilder<SqlBool> {
  const name = q.toLowerCase();
  const names = name.startsWith('#') ? [name] : [name, `#${name}`];
  const numbers = [...new Set([q, compactTrackingNumber(q)])];
  // One id list from three index lookups, so the search never scans the shop's shipments.
  return sql<SqlBool>`s.fulfillment_gid in (
    select fulfillment_gid from shipments where shop = ${shop} and tracking_number in (${sql.join(numbers)})
    union
    select x.fulfillment_gid from shipments x join orders y on y.shop = x.shop and y.order_gid = x.order_gid
    where x.shop = ${shop} and y.shop = ${shop}
      and (lower(y.name) in (${sql.join(names)}) or y.confirmation_number = ${q.toUpperCase()}))`;
}

/**
 * A page of the scope's shop's shipments (or waiting orders when `filter.status` is an order
 * state) matching `filter`, `limit` rows after `cursor`. Each page is one query, so an export can
 * walk every row without holding a transaction. Throws InvalidCursorError for a foreign cursor.
 */
export async function listShipments(
  db: Kysely<Database>,
  scope: OverviewScope,
  filter: ListFilter,
  page: { cursor?: string | undefined; limit: number },
): Promise<ShipmentPage> {
  if (isOrderState(filter.status)) return listWaitingOrders(db, scope, filter, filter.status, page);
  const sortExpr = sortExpression(filter.sort);
  const stalled = stalledSql('s', scope.thresholds, scope.now);
  let query = db
    .selectFrom('shipments as s')
    .innerJoin('orders as o', (j) =>
      j.onRef('o.shop', '=', 's.shop').onRef('o.order_gid', '=', 's.order_gid'),
    )
    .where('s.shop', '=', scope.shop)
    .select([
      's.fulfillment_gid',
      's.order_gid',
      'o.name',
      'o.processed_at',
      's.status',
      's.carrier_name',
      's.carrier_code',
      's.tracking_number',
      's.tracking_url',
      's.destination_country_code',
      's.created_at',
      's.in_transit_at',
      's.estimated_delivery_at',
      's.delivered_at',
      lastActivitySql('s').as('last_activity_at'),
      stalled.as('stalled'),
      sql<string>`(${sortExpr})::text`.as('sort_value'),
    ]);

  if (filter.status === 'unknown') {
    const known = SHIPMENT_STATUSES.filter((s) => s !== 'unknown');
    query = query.where('s.status', 'not in', known);
  } else if (filter.status) query = query.where('s.status', '=', filter.status);
  if (filter.carrier) query = query.where('s.carrier_code', '=', filter.carrier);
  if (filter.country) query = query.where('s.destination_country_code', '=', filter.country);
  if (filter.stalled === true) query = query.where(stalled);
  if (filter.stalled === false) query = query.where(sql<SqlBool>`not ${stalled}`);
  if (filter.q) query = query.where(searchCondition(filter.q, scope.shop));
  for (const condition of processedWithin('o.processed_at', filter, scope.timeZone))
    query = query.where(condition);

  const expected = { s: filter.sort, d: filter.dir, k: 'shipment' as const };
  if (page.cursor) {
    const c = decodeCursor(page.cursor, expected);
    const op = filter.dir === 'desc' ? sql`<` : sql`>`;
    query = query.where(
      sql<SqlBool>`(${sortExpr}, s.fulfillment_gid) ${op} (${c.v}::timestamptz, ${c.i})`,
    );
  }
  const rows = await query
    .orderBy(sortExpr, filter.dir)
    .orderBy('s.fulfillment_gid', filter.dir)
    .limit(page.limit + 1)
    .execute();

  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown.at(-1);
  const events = await lastEvents(
    db,
    scope.shop,
    shown.map((r) => r.fulfillment_gid),
  );
  const shipments = shown.map((r): ShipmentListRow => {
    const event = events.get(r.fulfillment_gid);
    const shipped = r.in_transit_at ?? r.created_at;
    const end = r.delivered_at ? new Date(r.delivered_at).getTime() : scope.now;
    return {
      kind: 'shipment',
      id: r.fulfillment_gid,
      orderGid: r.order_gid,
      orderName: r.name,
      processedAt: new Date(r.processed_at).toISOString(),
      status: isShipmentStatus(r.status) ? r.status : 'unknown',
      stalled: r.stalled,
      carrierName: r.carrier_name,
      carrierCode: r.carrier_code,
      trackingNumber: r.tracking_number,
      trackingUrl: r.tracking_url,
      lastEvent: event ?? null,
      lastActivityAt: iso(r.last_activity_at),
      destinationCountryCode: r.destination_country_code,
      shippedAt: iso(r.created_at),
      estimatedDeliveryAt: iso(r.estimated_delivery_at),
      deliveredAt: iso(r.delivered_at),
      daysInTransit: Math.max(0, Math.floor((end - new Date(shipped).getTime()) / DAY_MS)),
      fulfillAt: null,
    };
  });
  return {
    shipments,
    nextCursor:
      more && last
        ? encodeCursor({ ...expected, v: last.sort_value, i: last.fulfillment_gid })
        : null,
  };
}

/**
 * The newest event of each of the page's shipments, in one query after the page is chosen (a
 * lateral join would run for every candidate row before the sort picks the page).
 */
async function lastEvents(
  db: Kysely<Database>,
  shop: string,
  ids: string[],
): Promise<Map<string, { status: string; at: string; message: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('shipment_events')
    .distinctOn('fulfillment_gid')
    .select(['fulfillment_gid', 'status', 'happened_at', 'message'])
    .where('shop', '=', shop)
    .where('fulfillment_gid', 'in', ids)
    .orderBy('fulfillment_gid')
    .orderBy('happened_at', 'desc')
    .orderBy('event_gid', 'desc')
    .execute();
  return new Map(
    rows.map((r) => [
      r.fulfillment_gid,
      { status: r.status, at: new Date(r.happened_at).toISOString(), message: r.message },
    ]),
  );
}

/** Orders waiting to be fulfilled, on hold or scheduled: sorted by processedAt whatever `sort` says. */
async function listWaitingOrders(
  db: Kysely<Database>,
  scope: OverviewScope,
  filter: ListFilter,
  state: OrderState,
  page: { cursor?: string | undefined; limit: number },
): Promise<ShipmentPage> {
  const statuses: readonly string[] =
    state === 'unfulfilled'
      ? WAITING_FULFILLMENT_ORDER_STATUSES
      : state === 'on_hold'
        ? ['ON_HOLD']
        : ['SCHEDULED'];
  let query = db
    .selectFrom('orders as o')
    .where('o.shop', '=', scope.shop)
    .where('o.cancelled_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('fulfillment_orders as f')
          .select(sql`1`.as('one'))
          .whereRef('f.shop', '=', 'o.shop')
          .whereRef('f.order_gid', '=', 'o.order_gid')
          .where('f.status', 'in', statuses),
      ),
    )
    .select((eb) => [
      'o.order_gid',
      'o.name',
      'o.processed_at',
      'o.destination_country_code',
      sql<string>`(o.processed_at)::text`.as('sort_value'),
      eb
        .selectFrom('fulfillment_orders as f')
        .select(sql<Date | null>`min(f.fulfill_at)`.as('fulfill_at'))
        .whereRef('f.shop', '=', 'o.shop')
        .whereRef('f.order_gid', '=', 'o.order_gid')
        .where('f.status', '=', 'SCHEDULED')
        .as('fulfill_at'),
    ]);
  // A carrier or "stalled" belongs to shipments: waiting orders have neither.
  if (filter.carrier || filter.stalled === true) query = query.where(sql<SqlBool>`false`);
  if (filter.country) query = query.where('o.destination_country_code', '=', filter.country);
  if (filter.q) {
    const name = filter.q.toLowerCase();
    const names = name.startsWith('#') ? [name] : [name, `#${name}`];
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(o.name)`, 'in', names),
        eb('o.confirmation_number', '=', filter.q?.toUpperCase() ?? ''),
      ]),
    );
  }
  for (const condition of processedWithin('o.processed_at', filter, scope.timeZone))
    query = query.where(condition);
  const expected = { s: filter.sort, d: filter.dir, k: 'order' as const };
  if (page.cursor) {
    const c = decodeCursor(page.cursor, expected);
    const op = filter.dir === 'desc' ? sql`<` : sql`>`;
    query = query.where(
      sql<SqlBool>`(o.processed_at, o.order_gid) ${op} (${c.v}::timestamptz, ${c.i})`,
    );
  }
  const rows = await query
    .orderBy('o.processed_at', filter.dir)
    .orderBy('o.order_gid', filter.dir)
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown.at(-1);
  return {
    shipments: shown.map((r) => ({
      kind: 'order',
      id: r.order_gid,
      orderGid: r.order_gid,
      orderName: r.name,
      processedAt: new Date(r.processed_at).toISOString(),
      status: state,
      stalled: false,
      carrierName: null,
      carrierCode: null,
      trackingNumber: null,
      trackingUrl: null,
      lastEvent: null,
      lastActivityAt: null,
      destinationCountryCode: r.destination_country_code,
      shippedAt: null,
      estimatedDeliveryAt: null,
      deliveredAt: null,
      daysInTransit: null,
      fulfillAt: iso(r.fulfill_at ?? null),
    })),
    nextCursor:
      more && last ? encodeCursor({ ...expected, v: last.sort_value, i: last.order_gid }) : null,
  };
}
