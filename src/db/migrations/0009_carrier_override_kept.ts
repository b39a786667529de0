// A merchant's carrier override survives the order store's rewrites: every shipment row written takes the override's carrier.
//
// The order store rewrites a shipment from Shopify's answer on each sync write (webhook, backfill,
// reconciliation), which would put Shopify's carrier back until the watcher's next poll reapplied
// the merchant's choice; lookups, the overview's carrier filters and the carrier class would show
// the wrong carrier meanwhile. The override and its display name live in `watched_shipments`.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('watched_shipments')
    // The override's display name (src/carriers/catalogue.ts), written with it: SQL cannot name it.
    .addColumn('carrier_override_name', 'text')
    .execute();
  await sql`
    create or replace function shipments_keep_carrier_override() returns trigger
    language plpgsql as $$
    declare o record;
    begin
      select carrier_override, carrier_override_name into o from watched_shipments
      where shop = new.shop and fulfillment_gid = new.fulfillment_gid
        and carrier_override is not null;
      if found then
        new.carrier_code := o.carrier_override;
        new.carrier_name := coalesce(o.carrier_override_name, new.carrier_name);
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger shipments_keep_carrier_override
    before insert or update of carrier_code, carrier_name on shipments
    for each row execute function shipments_keep_carrier_override()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists shipments_keep_carrier_override on shipments`.execute(db);
  await sql`drop function if exists shipments_keep_carrier_override()`.execute(db);
  await db.schema.alterTable('watched_shipments').dropColumn('carrier_override_name').execute();
}
