// Synced orders: tracking state only (no customer personal data), and each shop's sync progress.
import { type Kysely, sql } from 'kysely';

// Every child table carries `shop` in its key and its foreign key, so no query can cross shops and
// deleting an order (or a shop's rows) cascades to what hangs off it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('orders')
    .addColumn('shop', 'text', (c) => c.notNull().references('shops.domain').onDelete('cascade'))
    .addColumn('order_gid', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('confirmation_number', 'text')
    .addColumn('processed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('financial_status', 'text')
    .addColumn('fulfillment_status', 'text', (c) => c.notNull())
    .addColumn('return_status', 'text', (c) => c.notNull())
    .addColumn('destination_country_code', 'text')
    .addColumn('email_fingerprint', 'text')
    .addColumn('email_fingerprint_version', 'integer')
    .addColumn('customer_gid', 'text')
    // Latest delivery of any shipment: retention counts from it (null while anything is undelivered).
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('synced_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('orders_pkey', ['shop', 'order_gid'])
    .execute();
  await sql`create index orders_shop_lower_name on orders (shop, lower(name))`.execute(db);
  await db.schema
    .createIndex('orders_shop_confirmation_number')
    .on('orders')
    .columns(['shop', 'confirmation_number'])
    .execute();
  await db.schema
    .createIndex('orders_shop_customer_gid')
    .on('orders')
    .columns(['shop', 'customer_gid'])
    .execute();
  await db.schema
    .createIndex('orders_shop_processed_at')
    .on('orders')
    .columns(['shop', 'processed_at'])
    .execute();
  await db.schema
    .createIndex('orders_shop_destination_country')
    .on('orders')
    .columns(['shop', 'destination_country_code'])
    .execute();
  await db.schema
    .createIndex('orders_shop_delivered_at')
    .on('orders')
    .columns(['shop', 'delivered_at'])
    .execute();

  await db.schema
    .createTable('order_line_items')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('line_item_gid', 'text', (c) => c.notNull())
    .addColumn('order_gid', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('product_gid', 'text')
    .addPrimaryKeyConstraint('order_line_items_pkey', ['shop', 'line_item_gid'])
    .addForeignKeyConstraint(
      'order_line_items_order_fkey',
      ['shop', 'order_gid'],
      'orders',
      ['shop', 'order_gid'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('order_line_items_shop_order')
    .on('order_line_items')
    .columns(['shop', 'order_gid'])
    .execute();

  await db.schema
    .createTable('fulfillment_orders')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('fulfillment_order_gid', 'text', (c) => c.notNull())
    .addColumn('order_gid', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('fulfill_at', 'timestamptz')
    .addColumn('hold_reasons', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addPrimaryKeyConstraint('fulfillment_orders_pkey', ['shop', 'fulfillment_order_gid'])
    .addForeignKeyConstraint(
      'fulfillment_orders_order_fkey',
      ['shop', 'order_gid'],
      'orders',
      ['shop', 'order_gid'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('fulfillment_orders_shop_order')
    .on('fulfillment_orders')
    .columns(['shop', 'order_gid'])
    .execute();

  await db.schema
    .createTable('shipments')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('fulfillment_gid', 'text', (c) => c.notNull())
    .addColumn('order_gid', 'text', (c) => c.notNull())
    .addColumn('record_status', 'text', (c) => c.notNull())
    .addColumn('display_status', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('carrier_name', 'text')
    .addColumn('carrier_code', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('tracking_url', 'text')
    .addColumn('more_tracking', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz')
    .addColumn('in_transit_at', 'timestamptz')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('first_estimated_delivery_at', 'timestamptz')
    .addColumn('estimated_delivery_at', 'timestamptz')
    .addColumn('destination_country_code', 'text')
    .addColumn('line_items', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addPrimaryKeyConstraint('shipments_pkey', ['shop', 'fulfillment_gid'])
    .addForeignKeyConstraint(
      'shipments_order_fkey',
      ['shop', 'order_gid'],
      'orders',
      ['shop', 'order_gid'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('shipments_shop_order')
    .on('shipments')
    .columns(['shop', 'order_gid'])
    .execute();
  await db.schema
    .createIndex('shipments_shop_status')
    .on('shipments')
    .columns(['shop', 'status'])
    .execute();
  await db.schema
    .createIndex('shipments_shop_carrier_code')
    .on('shipments')
    .columns(['shop', 'carrier_code'])
    .execute();
  await db.schema
    .createIndex('shipments_shop_created_at')
    .on('shipments')
    .columns(['shop', 'created_at'])
    .execute();
  await db.schema
    .createIndex('shipments_shop_destination_country')
    .on('shipments')
    .columns(['shop', 'destination_country_code'])
    .execute();

  await db.schema
    .createTable('shipment_events')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('event_gid', 'text', (c) => c.notNull())
    .addColumn('fulfillment_gid', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('happened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('city', 'text')
    .addColumn('province', 'text')
    .addColumn('country', 'text')
    .addColumn('estimated_delivery_at', 'timestamptz')
    .addPrimaryKeyConstraint('shipment_events_pkey', ['shop', 'event_gid'])
    .addForeignKeyConstraint(
      'shipment_events_shipment_fkey',
      ['shop', 'fulfillment_gid'],
      'shipments',
      ['shop', 'fulfillment_gid'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('shipment_events_shop_fulfillment')
    .on('shipment_events')
    .columns(['shop', 'fulfillment_gid', 'happened_at'])
    .execute();

  // Orders Shopify deleted: a late webhook or an old bulk line for one of them must not bring it back.
  await db.schema
    .createTable('deleted_orders')
    .addColumn('shop', 'text', (c) => c.notNull().references('shops.domain').onDelete('cascade'))
    .addColumn('order_gid', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('deleted_orders_pkey', ['shop', 'order_gid'])
    .execute();
  await db.schema
    .createIndex('deleted_orders_deleted_at')
    .on('deleted_orders')
    .column('deleted_at')
    .execute();

  // One row per shop: where its order backfill stands and when reconciliation last ran.
  await db.schema
    .createTable('sync_state')
    .addColumn('shop', 'text', (c) => c.primaryKey().references('shops.domain').onDelete('cascade'))
    // Open text: not_started | running | completed | failed.
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('not_started'))
    .addColumn('bulk_operation_id', 'text')
    .addColumn('orders_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    // Where the current bulk result's next uncommitted order starts: bytes and lines before it.
    // A restart downloads from there (or skips that many bytes), so no batch is written twice.
    .addColumn('resume_offset', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('resume_line', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reconciled_at', 'timestamptz')
    // A stable code (never a message with data) when state is failed.
    .addColumn('error_code', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sync_state').execute();
  await db.schema.dropTable('deleted_orders').execute();
  await db.schema.dropTable('shipment_events').execute();
  await db.schema.dropTable('shipments').execute();
  await db.schema.dropTable('fulfillment_orders').execute();
  await db.schema.dropTable('order_line_items').execute();
  await db.schema.dropTable('orders').execute();
}
