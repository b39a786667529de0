// The watcher's tables: each shop's settings (carrier keys sealed), Flow's lifecycle per trigger, Flow triggers fired.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per shop that saved settings; a shop without a row has the defaults.
  await db.schema
    .createTable('shop_settings')
    .addColumn('shop', 'text', (c) => c.primaryKey().references('shops.domain').onDelete('cascade'))
    // JSON of the carriers' keys, sealed as one value (`v1:` AES-256-GCM); null when none.
    .addColumn('carrier_keys_sealed', 'text')
    .addColumn('write_back', 'boolean', (c) => c.notNull().defaultTo(false))
    // Null: the deployment's default (STALLED_AFTER_DAYS).
    .addColumn('stalled_after_days', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Flow's lifecycle callbacks: whether a shop has an enabled workflow using a trigger. No foreign
  // key: Flow may call for a shop whose row is not there yet.
  await db.schema
    .createTable('flow_lifecycle')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    // Flow's own `timestamp`: a callback older than the stored one is ignored.
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('flow_lifecycle_pkey', ['shop', 'handle'])
    .execute();

  // A trigger fires once per shipment and state; the key is the claim.
  await db.schema
    .createTable('flow_triggers_fired')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('fulfillment_gid', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('fired_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('flow_triggers_fired_pkey', ['shop', 'fulfillment_gid', 'handle'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('flow_triggers_fired').execute();
  await db.schema.dropTable('flow_lifecycle').execute();
  await db.schema.dropTable('shop_settings').execute();
}
