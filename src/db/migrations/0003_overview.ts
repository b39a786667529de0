// The merchant overview's own tables: per-shop settings (stalled thresholds) and the tracking
// page's lookup counts per day; plus the indexes its queries on the order tables need.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('overview_settings')
    .addColumn('shop', 'text', (c) => c.primaryKey().references('shops.domain').onDelete('cascade'))
    .addColumn('stalled_express_days', 'integer', (c) => c.notNull())
    .addColumn('stalled_postal_days', 'integer', (c) => c.notNull())
    .addColumn('stalled_other_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Counts only: which shop, which calendar day (the shop's zone), how many lookups found an order.
  // Nothing about who looked or for what, so there is no personal data to erase per customer.
  await db.schema
    .createTable('lookup_stats')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('found', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_found', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('lookup_stats_pkey', ['shop', 'day'])
    .execute();

  // The newest carrier event per shipment, kept by a trigger whoever writes the events (backfill,
  // webhooks, the watcher): the stalled rule and the list's "last event" sort read it per row, and
  // a max() over every shipment's events would not meet the board's time budget.
  await db.schema.alterTable('shipments').addColumn('last_event_at', 'timestamptz').execute();
  // Statement-level with transition tables: a bulk insert of thousands of events updates each
  // shipment once, not once per event.
  await sql`
    create function shipments_last_event_after_insert() returns trigger language plpgsql as $$
    begin
      update shipments s set last_event_at = greatest(s.last_event_at, x.newest)
      from (select shop, fulfillment_gid, max(happened_at) as newest from inserted group by 1, 2) x
      where s.shop = x.shop and s.fulfillment_gid = x.fulfillment_gid
        and (s.last_event_at is null or s.last_event_at < x.newest);
      return null;
    end $$`.execute(db);
  await sql`
    create function shipments_last_event_recompute() returns trigger language plpgsql as $$
    begin
      update shipments s set last_event_at = (
        select max(e.happened_at) from shipment_events e
        where e.shop = s.shop and e.fulfillment_gid = s.fulfillment_gid)
      from (select distinct shop, fulfillment_gid from changed) x
      where s.shop = x.shop and s.fulfillment_gid = x.fulfillment_gid;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger shipment_events_last_event_insert after insert on shipment_events
    referencing new table as inserted
    for each statement execute function shipments_last_event_after_insert()`.execute(db);
  await sql`
    create trigger shipment_events_last_event_update after update on shipment_events
    referencing new table as changed
    for each statement execute function shipments_last_event_recompute()`.execute(db);
  await sql`
    create trigger shipment_events_last_event_delete after delete on shipment_events
    referencing old table as changed
    for each statement execute function shipments_last_event_recompute()`.execute(db);

  // The list's keyset pages: (shop, sort value, id) for each sort, and the tracking-number search.
  await sql`create index shipments_shop_created_id on shipments (shop, created_at, fulfillment_gid)`.execute(
    db,
  );
  await sql`create index shipments_shop_activity_id
    on shipments (shop, (greatest(last_event_at, created_at)), fulfillment_gid)`.execute(db);
  await sql`create index shipments_shop_tracking_number on shipments (shop, tracking_number)`.execute(
    db,
  );
  await sql`create index orders_shop_processed_id on orders (shop, processed_at, order_gid)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index orders_shop_processed_id`.execute(db);
  await sql`drop index shipments_shop_tracking_number`.execute(db);
  await sql`drop index shipments_shop_activity_id`.execute(db);
  await sql`drop index shipments_shop_created_id`.execute(db);
  for (const op of ['insert', 'update', 'delete'])
    await sql`drop trigger ${sql.raw(`shipment_events_last_event_${op}`)} on shipment_events`.execute(
      db,
    );
  await sql`drop function shipments_last_event_recompute()`.execute(db);
  await sql`drop function shipments_last_event_after_insert()`.execute(db);
  await db.schema.alterTable('shipments').dropColumn('last_event_at').execute();
  await db.schema.dropTable('lookup_stats').execute();
  await db.schema.dropTable('overview_settings').execute();
}
