// The synced orders: one StoredOrder written whole (order row and its children) per transaction, read back by shop.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { ShipmentStatus } from '../contract/tracking-view.js';
import type { OrderNumber } from '../core/order-number.js';
import { orderMatches } from '../core/order-number.js';
import { type Clock, systemClock } from '../core/ports.js';
import type { InvalidationBus, OrderChange } from '../sync/invalidation.js';
import { mergeOrderSnapshot, shouldApply } from '../sync/merge.js';
import type {
  StoredFulfillmentOrder,
  StoredLineItem,
  StoredOrder,
  StoredShipmentEvent,
  StoredShipmentLineItem,
  StoredShipmentWithEvents,
  StoredTracking,
} from '../sync/stored-order.js';
import { canonicalTime } from '../sync/stored-shipment-rules.js';
import type { Database } from './schema.js';

/** Days an order is kept after its delivery (or cancellation), unless `RETENTION_DAYS` says otherwise. */
export const DEFAULT_RETENTION_DAYS = 180;

const DAY_MS = 86_400_000;
// Rows per INSERT: a backfill batch (at most 1,000 JSONL lines) fits one statement per table.
const MAX_INSERT_ROWS = 1000;
// Postgres takes at most 65,535 parameters per statement.
const MAX_PARAMETERS = 65_535;

type Db = Kysely<Database> | Transaction<Database>;

/** What a write did to one order: `written` when stored, `kept` when the stored state was newer. */
export interface UpsertResult {
  orderGid: string;
  name: string;
  outcome: 'written' | 'kept';
}

export interface OrdersRepository {
  /**
   * Writes each order whole, merged with its stored state (src/sync/merge.ts
   * `mergeOrderSnapshot`: an older snapshot never overwrites a newer one; events accumulate), all
   * in one transaction. Order names in the result let the caller evict cached views.
   */
  upsertMany(
    shop: string,
    orders: readonly StoredOrder[],
    trx?: Transaction<Database>,
  ): Promise<UpsertResult[]>;
  /** `upsertMany` of one order. */
  upsert(shop: string, order: StoredOrder): Promise<UpsertResult>;
  /**
   * Reads the stored order (locked against concurrent writers on Postgres), hands it to `change`
   * (null when not stored) and writes what `change` returns; null writes nothing. One transaction.
   * Returns the written order or null.
   */
  update(
    shop: string,
    orderGid: string,
    change: (existing: StoredOrder | null) => StoredOrder | null,
  ): Promise<StoredOrder | null>;
  /** One order by GID, or undefined. */
  get(shop: string, orderGid: string): Promise<StoredOrder | undefined>;
  /**
   * Stored orders whose name (case-insensitive, `#` ignored) or confirmation number matches
   * exactly; several when a shop reuses names. Each carries its email fingerprint for the caller.
   */
  findByNumber(shop: string, orderNumber: OrderNumber): Promise<StoredOrder[]>;
  /** A customer's orders, newest processed first, at most `limit`. */
  byCustomer(shop: string, customerGid: string, limit: number): Promise<StoredOrder[]>;
  /**
   * Deletes one order (children cascade) and remembers its GID, so no later write (a late webhook,
   * a bulk file read before the deletion) stores it again. Its name when it existed.
   */
  deleteByGid(shop: string, orderGid: string): Promise<string | undefined>;
  /** Deletes a customer's orders (`customers/redact`); the names deleted. */
  deleteByCustomer(shop: string, customerGid: string): Promise<string[]>;
  /**
   * Deletes orders delivered (or cancelled) more than `days` before now, in every shop; how many.
   * An order with a shipment still on its way is kept however old.
   */
  deleteExpired(days?: number): Promise<number>;
  /** How many orders the shop has stored. */
  count(shop: string): Promise<number>;
  /**
   * Refreshes the planner's statistics of `orders` and `shipments` (ANALYZE). A bulk load calls it
   * as the tables grow: the foreign-key checks' plans are made once per connection from the statistics of
   * the moment, and planned on near-empty tables they scan instead of using the key, so every
   * batch costs more than the one before. PGlite has no autovacuum to do it.
   */
  analyze(): Promise<void>;
  /** Stored `updated_at` (ISO) of each of the orders that is stored. */
  updatedAtOf(shop: string, orderGids: readonly string[]): Promise<Map<string, string>>;
}

const iso = (d: Date | string): string => canonicalTime(d instanceof Date ? d.toISOString() : d);
const isoOrNull = (d: Date | string | null): string | null => (d === null ? null : iso(d));

// Retention counts from the last delivery once every shipment that counts is delivered.
function deliveredAt(order: StoredOrder): string | null {
  const counting = order.shipments.filter((s) => s.recordStatus !== 'CANCELLED');
  if (counting.length === 0) return null;
  let latest = 0;
  for (const s of counting) {
    if (!s.deliveredAt) return null;
    latest = Math.max(latest, Date.parse(s.deliveredAt));
  }
  return new Date(latest).toISOString();
}

/** Rows split so each multi-row INSERT stays within the row and parameter limits. */
function chunks<T extends object>(rows: readonly T[]): T[][] {
  const columns = rows[0] ? Object.keys(rows[0]).length : 1;
  const size = Math.min(MAX_INSERT_ROWS, Math.floor(MAX_PARAMETERS / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Transaction-local setting read by migration 0008's insert trigger: on around an INSERT of events
 * whose shipments were written with their newest event's time (`newestEventAt`) just before.
 */
const LAST_EVENT_WRITTEN = 'track_your_order.last_event_written';

// The newest event's time: stored with the shipment so migration 0008's trigger has nothing to do.
function newestEventAt(events: readonly StoredShipmentEvent[]): string | null {
  let newest = Number.NEGATIVE_INFINITY;
  for (const e of events) newest = Math.max(newest, Date.parse(e.happenedAt));
  return Number.isFinite(newest) ? new Date(newest).toISOString() : null;
}

/**
 * Orders repository; `clock` (ms since epoch) stamps `synced_at` and the retention cut-off. Every
 * write and delete is announced on `invalidations` after its commit, so cached views of the order
 * are dropped wherever they are kept.
 */
export function createOrdersRepository(
  db: Kysely<Database>,
  clock: Clock = systemClock,
  invalidations?: InvalidationBus,
): OrdersRepository {
  const announce = async (
    shop: string,
    orders: Array<{
      name: string;
      confirmationNumber?: string | null;
      customerGid?: string | null;
    }>,
  ) => {
    if (!invalidations || orders.length === 0) return;
    const changes: OrderChange[] = orders.map((o) => ({
      shop,
      orderName: o.name,
      confirmationNumber: o.confirmationNumber ?? null,
      customerGid: o.customerGid ?? null,
    }));
    await invalidations.publish(changes);
  };
  async function load(q: Db, shop: string, gids: readonly string[]): Promise<StoredOrder[]> {
    if (gids.length === 0) return [];
    const list = [...gids];
    const [rows, lines, fos, ships, events] = await Promise.all([
      q
        .selectFrom('orders')
        .selectAll()
        .where('shop', '=', shop)
        .where('order_gid', 'in', list)
        .execute(),
      q
        .selectFrom('order_line_items')
        .selectAll()
        .where('shop', '=', shop)
        .where('order_gid', 'in', list)
        .orderBy('position')
        .execute(),
      q
        .selectFrom('fulfillment_orders')
        .selectAll()
        .where('shop', '=', shop)
        .where('order_gid', 'in', list)
        .orderBy('position')
        .execute(),
      q
        .selectFrom('shipments')
        .selectAll()
        .where('shop', '=', shop)
        .where('order_gid', 'in', list)
        .orderBy('created_at')
        .orderBy('fulfillment_gid')
        .execute(),
      q
        .selectFrom('shipment_events')
        .innerJoin('shipments', (j) =>
          j
            .onRef('shipments.shop', '=', 'shipment_events.shop')
            .onRef('shipments.fulfillment_gid', '=', 'shipment_events.fulfillment_gid'),
        )
        .selectAll('shipment_events')
        .where('shipment_events.shop', '=', shop)
        .where('shipments.order_gid', 'in', list)
        .orderBy('shipment_events.happened_at', 'desc')
        .orderBy('shipment_events.event_gid', 'desc')
        .execute(),
    ]);
    const eventsBy = new Map<string, StoredShipmentEvent[]>();
    for (const e of events) {
      const list = eventsBy.get(e.fulfillment_gid) ?? [];
      list.push({
        eventGid: e.event_gid,
        fulfillmentGid: e.fulfillment_gid,
        status: e.status,
        happenedAt: iso(e.happened_at),
        message: e.message,
        city: e.city,
        province: e.province,
        country: e.country,
        estimatedDeliveryAt: isoOrNull(e.estimated_delivery_at),
      });
      eventsBy.set(e.fulfillment_gid, list);
    }
    const group = <T>(items: { order_gid: string }[], map: (row: never) => T) => {
      const by = new Map<string, T[]>();
      for (const row of items) {
        const list = by.get(row.order_gid) ?? [];
        list.push(map(row as never));
        by.set(row.order_gid, list);
      }
      return by;
    };
    const linesBy = group<StoredLineItem>(lines, (l: (typeof lines)[number]) => ({
      lineItemGid: l.line_item_gid,
      name: l.name,
      quantity: l.quantity,
      productGid: l.product_gid,
    }));
    const fosBy = group<StoredFulfillmentOrder>(fos, (f: (typeof fos)[number]) => ({
      fulfillmentOrderGid: f.fulfillment_order_gid,
      status: f.status,
      fulfillAt: isoOrNull(f.fulfill_at),
      holdReasons: f.hold_reasons,
    }));
    const shipsBy = group<StoredShipmentWithEvents>(ships, (s: (typeof ships)[number]) => ({
      fulfillmentGid: s.fulfillment_gid,
      recordStatus: s.record_status,
      displayStatus: s.display_status,
      status: s.status as ShipmentStatus,
      carrierName: s.carrier_name,
      carrierCode: s.carrier_code,
      trackingNumber: s.tracking_number,
      trackingUrl: s.tracking_url,
      moreTracking: s.more_tracking as StoredTracking[],
      createdAt: iso(s.created_at),
      updatedAt: isoOrNull(s.updated_at),
      inTransitAt: isoOrNull(s.in_transit_at),
      deliveredAt: isoOrNull(s.delivered_at),
      firstEstimatedDeliveryAt: isoOrNull(s.first_estimated_delivery_at),
      estimatedDeliveryAt: isoOrNull(s.estimated_delivery_at),
      destinationCountryCode: s.destination_country_code,
      lineItems: s.line_items as StoredShipmentLineItem[],
      events: eventsBy.get(s.fulfillment_gid) ?? [],
    }));
    return rows.map((r) => ({
      orderGid: r.order_gid,
      name: r.name,
      confirmationNumber: r.confirmation_number,
      processedAt: iso(r.processed_at),
      updatedAt: iso(r.updated_at),
      cancelledAt: isoOrNull(r.cancelled_at),
      financialStatus: r.financial_status,
      fulfillmentStatus: r.fulfillment_status,
      returnStatus: r.return_status,
      destinationCountryCode: r.destination_country_code,
      emailFingerprint: r.email_fingerprint,
      emailFingerprintVersion: r.email_fingerprint_version,
      customerGid: r.customer_gid,
      lineItems: linesBy.get(r.order_gid) ?? [],
      fulfillmentOrders: fosBy.get(r.order_gid) ?? [],
      shipments: shipsBy.get(r.order_gid) ?? [],
    }));
  }

  /**
   * Writes `orders` (already merged) whole: one INSERT … ON CONFLICT per table, whatever the
   * number of orders (see `unnestRows`). The children of `stored` (GIDs of orders that had rows)
   * are deleted first, as the merged order is the whole truth; an order not stored before has
   * none, so a backfill batch only inserts.
   */
  async function write(
    trx: Transaction<Database>,
    shop: string,
    orders: readonly StoredOrder[],
    stored: ReadonlySet<string>,
  ) {
    if (orders.length === 0) return;
    const gids = orders.map((o) => o.orderGid).filter((gid) => stored.has(gid));
    const syncedAt = new Date(clock()).toISOString();
    await trx
      .insertInto('orders')
      .columns(ORDER_COLUMNS.map(([c]) => c))
      .expression(
        unnestRows(
          ORDER_COLUMNS,
          orders.map((o) => ({
            shop,
            order_gid: o.orderGid,
            name: o.name,
            confirmation_number: o.confirmationNumber,
            processed_at: o.processedAt,
            updated_at: o.updatedAt,
            cancelled_at: o.cancelledAt,
            financial_status: o.financialStatus,
            fulfillment_status: o.fulfillmentStatus,
            return_status: o.returnStatus,
            destination_country_code: o.destinationCountryCode,
            email_fingerprint: o.emailFingerprint,
            email_fingerprint_version: o.emailFingerprintVersion,
            customer_gid: o.customerGid,
            delivered_at: deliveredAt(o),
            synced_at: syncedAt,
          })),
        ),
      )
      .onConflict((oc) =>
        oc
          .columns(['shop', 'order_gid'])
          .doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            confirmation_number: eb.ref('excluded.confirmation_number'),
            processed_at: eb.ref('excluded.processed_at'),
            updated_at: eb.ref('excluded.updated_at'),
            cancelled_at: eb.ref('excluded.cancelled_at'),
            financial_status: eb.ref('excluded.financial_status'),
            fulfillment_status: eb.ref('excluded.fulfillment_status'),
            return_status: eb.ref('excluded.return_status'),
            destination_country_code: eb.ref('excluded.destination_country_code'),
            email_fingerprint: eb.ref('excluded.email_fingerprint'),
            email_fingerprint_version: eb.ref('excluded.email_fingerprint_version'),
            customer_gid: eb.ref('excluded.customer_gid'),
            delivered_at: eb.ref('excluded.delivered_at'),
            synced_at: eb.ref('excluded.synced_at'),
          }))
          // The stamps were compared under a row lock; this also holds against a writer that
          // inserted the order after that look (no row to lock then).
          .where((eb) => eb('orders.updated_at', '<=', eb.ref('excluded.updated_at'))),
      )
      .execute();
    // Children are replaced: the merged order is the whole truth, and shipment events cascade.
    if (gids.length > 0) {
      for (const table of ['order_line_items', 'fulfillment_orders', 'shipments'] as const) {
        await trx
          .deleteFrom(table)
          .where('shop', '=', shop)
          .where('order_gid', 'in', gids)
          .execute();
      }
    }
    const lineRows = orders.flatMap((o) =>
      o.lineItems.map((l, position) => ({
        shop,
        line_item_gid: l.lineItemGid,
        order_gid: o.orderGid,
        position,
        name: l.name,
        quantity: l.quantity,
        product_gid: l.productGid,
      })),
    );
    if (lineRows.length > 0) {
      await trx
        .insertInto('order_line_items')
        .columns(LINE_ITEM_COLUMNS.map(([c]) => c))
        .expression(
          unnestRows(
            LINE_ITEM_COLUMNS,
            dedupe(lineRows, (r) => r.line_item_gid),
          ),
        )
        .onConflict((oc) => oc.columns(['shop', 'line_item_gid']).doNothing())
        .execute();
    }
    const foRows = orders.flatMap((o) =>
      o.fulfillmentOrders.map((f, position) => ({
        shop,
        fulfillment_order_gid: f.fulfillmentOrderGid,
        order_gid: o.orderGid,
        position,
        status: f.status,
        fulfill_at: f.fulfillAt,
        hold_reasons: f.holdReasons,
      })),
    );
    // Multi-row VALUES here: a text[] per row does not pass through unnest (it flattens arrays).
    for (const part of chunks(dedupe(foRows, (r) => r.fulfillment_order_gid))) {
      await trx
        .insertInto('fulfillment_orders')
        .values(part)
        .onConflict((oc) => oc.columns(['shop', 'fulfillment_order_gid']).doNothing())
        .execute();
    }
    const shipRows = orders.flatMap((o) =>
      o.shipments.map((s) => ({
        shop,
        fulfillment_gid: s.fulfillmentGid,
        order_gid: o.orderGid,
        record_status: s.recordStatus,
        display_status: s.displayStatus,
        status: s.status,
        carrier_name: s.carrierName,
        carrier_code: s.carrierCode,
        tracking_number: s.trackingNumber,
        tracking_url: s.trackingUrl,
        more_tracking: JSON.stringify(s.moreTracking),
        created_at: s.createdAt,
        updated_at: s.updatedAt,
        in_transit_at: s.inTransitAt,
        delivered_at: s.deliveredAt,
        first_estimated_delivery_at: s.firstEstimatedDeliveryAt,
        estimated_delivery_at: s.estimatedDeliveryAt,
        destination_country_code: s.destinationCountryCode,
        line_items: JSON.stringify(s.lineItems),
        last_event_at: newestEventAt(s.events),
      })),
    );
    if (shipRows.length > 0) {
      await trx
        .insertInto('shipments')
        .columns(SHIPMENT_COLUMNS.map(([c]) => c))
        .expression(
          unnestRows(
            SHIPMENT_COLUMNS,
            dedupe(shipRows, (r) => r.fulfillment_gid),
          ),
        )
        .onConflict((oc) => oc.columns(['shop', 'fulfillment_gid']).doNothing())
        .execute();
    }
    const eventRows = orders.flatMap((o) =>
      o.shipments.flatMap((s) =>
        s.events.map((e) => ({
          shop,
          event_gid: e.eventGid,
          fulfillment_gid: s.fulfillmentGid,
          status: e.status,
          happened_at: e.happenedAt,
          message: e.message,
          city: e.city,
          province: e.province,
          country: e.country,
          estimated_delivery_at: e.estimatedDeliveryAt,
        })),
      ),
    );
    if (eventRows.length > 0) {
      // Each shipment above carries its newest event already: the insert trigger may skip them.
      await sql`select set_config(${LAST_EVENT_WRITTEN}, 'on', true)`.execute(trx);
      await trx
        .insertInto('shipment_events')
        .columns(EVENT_COLUMNS.map(([c]) => c))
        .expression(
          unnestRows(
            EVENT_COLUMNS,
            dedupe(eventRows, (r) => r.event_gid),
          ),
        )
        .onConflict((oc) => oc.columns(['shop', 'event_gid']).doNothing())
        .execute();
      await sql`select set_config(${LAST_EVENT_WRITTEN}, 'off', true)`.execute(trx);
    }
  }

  async function upsertIn(
    trx: Transaction<Database>,
    shop: string,
    orders: readonly StoredOrder[],
  ): Promise<UpsertResult[]> {
    // The last copy of an order in one call wins over earlier ones (merged in sequence).
    const incoming = new Map<string, StoredOrder>();
    for (const o of orders) {
      const before = incoming.get(o.orderGid);
      incoming.set(o.orderGid, before ? (mergeOrderSnapshot(before, o) ?? before) : o);
    }
    const gids = [...incoming.keys()];
    const deleted = await deletedAmong(trx, shop, gids);
    // The stored stamps first: only an order stored with an older-or-equal stamp is read whole (to
    // merge); a new order is written as it comes, a newer stored one is kept without reading it.
    const stamps = await storedUpdatedAt(trx, shop, gids);
    const toMerge = gids.filter((gid) => {
      const stamp = stamps.get(gid);
      return (
        stamp !== undefined && !deleted.has(gid) && shouldApply(stamp, incoming.get(gid)?.updatedAt)
      );
    });
    const existing = new Map((await load(trx, shop, toMerge)).map((o) => [o.orderGid, o]));
    const results: UpsertResult[] = [];
    const toWrite: StoredOrder[] = [];
    for (const [gid, order] of incoming) {
      let merged: StoredOrder | null = null;
      if (deleted.has(gid)) merged = null;
      else if (!stamps.has(gid)) merged = mergeOrderSnapshot(null, order);
      else {
        const stored = existing.get(gid);
        merged = stored ? mergeOrderSnapshot(stored, order) : null;
      }
      if (merged) toWrite.push(merged);
      results.push({ orderGid: gid, name: order.name, outcome: merged ? 'written' : 'kept' });
    }
    await write(trx, shop, toWrite, new Set(stamps.keys()));
    return results;
  }

  const repo: OrdersRepository = {
    async upsertMany(shop, orders, trx) {
      const results = trx
        ? await upsertIn(trx, shop, orders)
        : await db.transaction().execute((t) => upsertIn(t, shop, orders));
      const written = new Set(
        results.filter((r) => r.outcome === 'written').map((r) => r.orderGid),
      );
      await announce(
        shop,
        orders.filter((o) => written.has(o.orderGid)),
      );
      return results;
    },

    async upsert(shop, order) {
      const [result] = await repo.upsertMany(shop, [order]);
      if (!result) throw new Error('upsert wrote nothing');
      return result;
    },

    async update(shop, orderGid, change) {
      const written = await db.transaction().execute(async (trx) => {
        // Serialises writers of one order (two webhooks at once) so neither loses the other's change.
        await trx
          .selectFrom('orders')
          .select('order_gid')
          .where('shop', '=', shop)
          .where('order_gid', '=', orderGid)
          .forUpdate()
          .execute();
        if ((await deletedAmong(trx, shop, [orderGid])).size > 0) return null;
        const [existing] = await load(trx, shop, [orderGid]);
        const next = change(existing ?? null);
        if (!next) return null;
        await write(trx, shop, [next], new Set(existing ? [orderGid] : []));
        return next;
      });
      if (written) await announce(shop, [written]);
      return written;
    },

    async get(shop, orderGid) {
      const [order] = await load(db, shop, [orderGid]);
      return order;
    },

    async findByNumber(shop, orderNumber) {
      let query = db.selectFrom('orders').select('order_gid').where('shop', '=', shop);
      if (orderNumber.kind === 'name') {
        const bare = orderNumber.bare.normalize('NFKC').replace(/^#/, '').toLowerCase();
        query = query.where(sql<string>`lower(name)`, 'in', [bare, `#${bare}`]);
      } else {
        query = query.where('confirmation_number', '=', orderNumber.bare.toUpperCase());
      }
      const gids = (await query.limit(10).execute()).map((r) => r.order_gid);
      const orders = await load(db, shop, gids);
      return orders.filter((o) => orderMatches(o, orderNumber));
    },

    async byCustomer(shop, customerGid, limit) {
      const gids = await db
        .selectFrom('orders')
        .select('order_gid')
        .where('shop', '=', shop)
        .where('customer_gid', '=', customerGid)
        .orderBy('processed_at', 'desc')
        .limit(limit)
        .execute();
      const orders = await load(
        db,
        shop,
        gids.map((r) => r.order_gid),
      );
      return orders.sort((a, b) => Date.parse(b.processedAt) - Date.parse(a.processedAt));
    },

    async deleteByGid(shop, orderGid) {
      const row = await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('deleted_orders')
          .values({ shop, order_gid: orderGid, deleted_at: new Date(clock()) })
          .onConflict((oc) => oc.columns(['shop', 'order_gid']).doNothing())
          .execute();
        return trx
          .deleteFrom('orders')
          .where('shop', '=', shop)
          .where('order_gid', '=', orderGid)
          .returning(['name', 'confirmation_number', 'customer_gid'])
          .executeTakeFirst();
      });
      if (row) {
        await announce(shop, [
          {
            name: row.name,
            confirmationNumber: row.confirmation_number,
            customerGid: row.customer_gid,
          },
        ]);
      }
      return row?.name;
    },

    async deleteByCustomer(shop, customerGid) {
      const rows = await db
        .deleteFrom('orders')
        .where('shop', '=', shop)
        .where('customer_gid', '=', customerGid)
        .returning(['name', 'confirmation_number', 'customer_gid'])
        .execute();
      await announce(
        shop,
        rows.map((r) => ({
          name: r.name,
          confirmationNumber: r.confirmation_number,
          customerGid: r.customer_gid,
        })),
      );
      return rows.map((r) => r.name);
    },

    async deleteExpired(days = DEFAULT_RETENTION_DAYS) {
      const cutoff = new Date(clock() - days * DAY_MS);
      const result = await db
        .deleteFrom('orders')
        .where((eb) => eb.or([eb('delivered_at', '<', cutoff), eb('cancelled_at', '<', cutoff)]))
        .executeTakeFirst();
      // A deleted order's id is only needed while late webhooks for it can still come.
      await db.deleteFrom('deleted_orders').where('deleted_at', '<', cutoff).execute();
      return Number(result.numDeletedRows);
    },

    async updatedAtOf(shop, orderGids) {
      if (orderGids.length === 0) return new Map();
      const rows = await db
        .selectFrom('orders')
        .select(['order_gid', 'updated_at'])
        .where('shop', '=', shop)
        .where('order_gid', 'in', [...orderGids])
        .execute();
      return new Map(rows.map((r) => [r.order_gid, iso(r.updated_at)]));
    },

    async analyze() {
      // The tables the checks and the batch's reads look rows up in; the rest are only inserted to.
      await sql`analyze orders, shipments`.execute(db);
    },

    async count(shop) {
      const row = await db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('shop', '=', shop)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
  return repo;
}

/** A column of a bulk insert and the Postgres type its array parameter is cast to. */
type ColumnOf<T extends keyof Database> = readonly [keyof Database[T] & string, string];

const ORDER_COLUMNS = [
  ['shop', 'text'],
  ['order_gid', 'text'],
  ['name', 'text'],
  ['confirmation_number', 'text'],
  ['processed_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['cancelled_at', 'timestamptz'],
  ['financial_status', 'text'],
  ['fulfillment_status', 'text'],
  ['return_status', 'text'],
  ['destination_country_code', 'text'],
  ['email_fingerprint', 'text'],
  ['email_fingerprint_version', 'integer'],
  ['customer_gid', 'text'],
  ['delivered_at', 'timestamptz'],
  ['synced_at', 'timestamptz'],
] as const satisfies readonly ColumnOf<'orders'>[];

const LINE_ITEM_COLUMNS = [
  ['shop', 'text'],
  ['line_item_gid', 'text'],
  ['order_gid', 'text'],
  ['position', 'integer'],
  ['name', 'text'],
  ['quantity', 'integer'],
  ['product_gid', 'text'],
] as const satisfies readonly ColumnOf<'order_line_items'>[];

const SHIPMENT_COLUMNS = [
  ['shop', 'text'],
  ['fulfillment_gid', 'text'],
  ['order_gid', 'text'],
  ['record_status', 'text'],
  ['display_status', 'text'],
  ['status', 'text'],
  ['carrier_name', 'text'],
  ['carrier_code', 'text'],
  ['tracking_number', 'text'],
  ['tracking_url', 'text'],
  ['more_tracking', 'jsonb'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['in_transit_at', 'timestamptz'],
  ['delivered_at', 'timestamptz'],
  ['first_estimated_delivery_at', 'timestamptz'],
  ['estimated_delivery_at', 'timestamptz'],
  ['destination_country_code', 'text'],
  ['line_items', 'jsonb'],
  ['last_event_at', 'timestamptz'],
] as const satisfies readonly ColumnOf<'shipments'>[];

const EVENT_COLUMNS = [
  ['shop', 'text'],
  ['event_gid', 'text'],
  ['fulfillment_gid', 'text'],
  ['status', 'text'],
  ['happened_at', 'timestamptz'],
  ['message', 'text'],
  ['city', 'text'],
  ['province', 'text'],
  ['country', 'text'],
  ['estimated_delivery_at', 'timestamptz'],
] as const satisfies readonly ColumnOf<'shipment_events'>[];

/**
 * `select * from unnest($1::text[], $2::timestamptz[], …)`: rows as one array parameter per
 * column. A multi-row VALUES list takes columns × rows parameters, which Postgres parses and plans
 * anew for every batch size (and caps at 65,535); this statement has as many parameters as columns.
 * Rows must carry every column named (null for none); values are text, numbers or ISO times.
 */
function unnestRows<Row extends object>(
  columns: readonly (readonly [string, string])[],
  rows: readonly Row[],
) {
  const arrays = columns.map(([column, type]) => {
    const values = rows.map((r) => (r as Record<string, unknown>)[column] ?? null);
    return sql`${values}::${sql.raw(type)}[]`;
  });
  return sql`select * from unnest(${sql.join(arrays)})`;
}

/**
 * `updated_at` (ISO) of the orders stored among `gids`, their rows locked until the transaction
 * ends (Postgres), so a concurrent writer of one of them waits instead of being overwritten.
 */
async function storedUpdatedAt(
  q: Db,
  shop: string,
  gids: readonly string[],
): Promise<Map<string, string>> {
  if (gids.length === 0) return new Map();
  const rows = await q
    .selectFrom('orders')
    .select(['order_gid', 'updated_at'])
    .where('shop', '=', shop)
    .where('order_gid', 'in', [...gids])
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.order_gid, iso(r.updated_at)]));
}

async function deletedAmong(q: Db, shop: string, gids: string[]): Promise<Set<string>> {
  if (gids.length === 0) return new Set();
  const rows = await q
    .selectFrom('deleted_orders')
    .select('order_gid')
    .where('shop', '=', shop)
    .where('order_gid', 'in', gids)
    .execute();
  return new Set(rows.map((r) => r.order_gid));
}

// A GID twice in one statement would make ON CONFLICT touch a row twice; the first copy is kept.
function dedupe<T>(rows: T[], key: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
