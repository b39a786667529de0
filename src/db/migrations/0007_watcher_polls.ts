// The watcher's polling state per shipment (schedule, back-off, lease, carrier override, exception) and milestones written back.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Not a child of `shipments`: the order store rewrites a shipment's row on every sync write, and
  // the schedule, the merchant's carrier override and the back-off must survive that.
  await db.schema
    .createTable('watched_shipments')
    .addColumn('shop', 'text', (c) => c.notNull().references('shops.domain').onDelete('cascade'))
    .addColumn('fulfillment_gid', 'text', (c) => c.notNull())
    // Our carrier code (src/carriers/catalogue.ts) chosen by the merchant; null: identification decides.
    .addColumn('carrier_override', 'text')
    // Null: due now (never polled, or made due again by a carrier override).
    .addColumn('next_poll_at', 'timestamptz')
    .addColumn('last_polled_at', 'timestamptz')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retry_after_until', 'timestamptz')
    // The round that claimed the shipment and until when; a poll job only runs under its own claim.
    .addColumn('claim_id', 'text')
    .addColumn('lease_until', 'timestamptz')
    // Open text: stalled | late | attempted_delivery | failure | returned_to_sender; null when fine.
    .addColumn('exception', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('watched_shipments_pkey', ['shop', 'fulfillment_gid'])
    .execute();
  await db.schema
    .createIndex('watched_shipments_due')
    .on('watched_shipments')
    .columns(['next_poll_at'])
    .execute();

  // A milestone goes back to Shopify once per fulfilment: the key is the claim, made before the call.
  await db.schema
    .createTable('fulfillment_write_backs')
    .addColumn('shop', 'text', (c) => c.notNull().references('shops.domain').onDelete('cascade'))
    .addColumn('fulfillment_gid', 'text', (c) => c.notNull())
    // Shopify's FulfillmentEventStatus: IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, FAILURE.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('written_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('fulfillment_write_backs_pkey', ['shop', 'fulfillment_gid', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('fulfillment_write_backs').execute();
  await db.schema.dropTable('watched_shipments').execute();
}
