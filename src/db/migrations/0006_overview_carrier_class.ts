// The overview's speed at 100,000 orders: each shipment's carrier class stored (the stalled rule read
// a regular expression per row), and indexes for the stalled count and the orders waiting.
import { type Kysely, sql } from 'kysely';

// Frozen copies of src/core/stalled.ts's lists as of this migration: a migration must do the same
// thing on every database whenever it runs. When the lists change, a new migration replaces the
// column's expression; src/overview/stalled-sql.test.ts fails until it does.
const EXPRESS = [
  'dhl_express',
  'ups',
  'fedex',
  'tnt',
  'tnt_au',
  'purolator',
  'parcelforce',
  'chronopost',
  'ontrac',
  'lso',
  'sf_express',
  'dtd_express',
  'ctt_express',
  'aramex_au',
  'hunter_express',
  'allied_express',
];
const POSTAL = [
  'posten_norge',
  'postnord',
  'usps',
  'royal_mail',
  'deutsche_post',
  'la_poste',
  'colissimo',
  'canada_post',
  'australia_post',
  'japan_post',
  'correos',
  'correios',
  'postnl',
  'an_post',
  'bpost',
  'china_post',
  'ctt',
  'cyprus_post',
  'iceland_post',
  'israel_post',
  'la_poste_burkina_faso',
  'latvia_post',
  'lietuvos_pastas',
  'nz_post',
  'poste_italiane',
  'singpost',
  'swiss_post',
  'austrian_post',
];
const S10 = '^[A-Z]{2}[0-9]{9}[A-Z]{2}$';

const list = (codes: string[]) => sql.join(codes.map((c) => sql.lit(c)));

export async function up(db: Kysely<unknown>): Promise<void> {
  // A generated column: Postgres computes it on every insert and update, so no writer (backfill,
  // webhooks, the watcher) has to know about it, and it cannot disagree with the row.
  await sql`alter table shipments add column carrier_class text not null generated always as (
    case
      when carrier_code in (${list(EXPRESS)}) then 'express'
      when carrier_code in (${list(POSTAL)}) then 'postal'
      when upper(regexp_replace(tracking_number, '[[:space:]]+', '', 'g')) ~ ${sql.lit(S10)}
        then 'postal'
      else 'other'
    end) stored`.execute(db);
  // Stalled candidates only (journey not over): per class, by last activity, so the stalled count
  // and the stalled list read three short index ranges instead of every shipment.
  await sql`create index shipments_shop_stalled
    on shipments (shop, carrier_class, (greatest(last_event_at, created_at)))
    where status not in ('delivered', 'returned_to_sender', 'cancelled')`.execute(db);
  // Orders waiting (open, in progress, on hold, scheduled) are a small share of a shop's fulfilment
  // orders: the board counts them from this index instead of joining every order.
  await sql`create index fulfillment_orders_shop_waiting
    on fulfillment_orders (shop, status, order_gid)
    where status in ('OPEN', 'IN_PROGRESS', 'ON_HOLD', 'SCHEDULED')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index fulfillment_orders_shop_waiting`.execute(db);
  await sql`drop index shipments_shop_stalled`.execute(db);
  await sql`alter table shipments drop column carrier_class`.execute(db);
}
