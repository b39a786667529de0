// First schema: shops, their offline sessions and secrets, and the webhook events already seen.
import { type Kysely, sql } from 'kysely';

// Migrations see the database untyped: they run against whatever schema the previous ones left.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('shops')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('iana_time_zone', 'text')
    .addColumn('installed_at', 'timestamptz')
    .addColumn('uninstalled_at', 'timestamptz')
    .addColumn('needs_reauthorisation', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('offline_sessions')
    .addColumn('shop', 'text', (c) => c.primaryKey().references('shops.domain').onDelete('cascade'))
    .addColumn('access_token_sealed', 'text', (c) => c.notNull())
    .addColumn('access_expires_at', 'timestamptz')
    .addColumn('refresh_token_sealed', 'text')
    .addColumn('refresh_expires_at', 'timestamptz')
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('shop_secrets')
    .addColumn('shop', 'text', (c) => c.primaryKey().references('shops.domain').onDelete('cascade'))
    .addColumn('fingerprint_key_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // No foreign key: an event may arrive for a shop with no row (ignored, but still claimed once).
  await db.schema
    .createTable('webhook_events')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('processed_at', 'timestamptz')
    .addPrimaryKeyConstraint('webhook_events_pkey', ['shop', 'event_id'])
    .execute();
  // Old events are pruned by age.
  await db.schema
    .createIndex('webhook_events_received_at')
    .on('webhook_events')
    .column('received_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_events').execute();
  await db.schema.dropTable('shop_secrets').execute();
  await db.schema.dropTable('offline_sessions').execute();
  await db.schema.dropTable('shops').execute();
}
