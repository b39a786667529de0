// Migration 0003's last-event triggers rewritten to touch each shipment by its key: the set-based
// UPDATE … FROM they ran was planned as a hash join over every shipment of every shop, so each
// batch of events cost a full scan of `shipments` and a 100,000-order backfill slowed quadratically.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One indexed update per shipment in the statement; a shipment whose newest event is already
  // that late is not updated at all. A writer that stored each shipment's newest event itself, in
  // the same transaction, turns `track_your_order.last_event_written` on (src/db/orders.ts) and the trigger has nothing to do (the order
  // write path does: its backfill batches insert hundreds of events at a time).
  await sql`
    create or replace function shipments_last_event_after_insert() returns trigger
    language plpgsql as $$
    declare r record;
    begin
      if current_setting('track_your_order.last_event_written', true) = 'on' then
        return null;
      end if;
      for r in select shop, fulfillment_gid, max(happened_at) as newest from inserted group by 1, 2
      loop
        update shipments set last_event_at = r.newest
        where shop = r.shop and fulfillment_gid = r.fulfillment_gid
          and (last_event_at is null or last_event_at < r.newest);
      end loop;
      return null;
    end $$`.execute(db);
  await sql`
    create or replace function shipments_last_event_recompute() returns trigger
    language plpgsql as $$
    declare
      r record;
      newest timestamptz;
    begin
      for r in select distinct shop, fulfillment_gid from changed loop
        select max(happened_at) into newest from shipment_events
        where shop = r.shop and fulfillment_gid = r.fulfillment_gid;
        update shipments set last_event_at = newest
        where shop = r.shop and fulfillment_gid = r.fulfillment_gid
          and last_event_at is distinct from newest;
      end loop;
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function shipments_last_event_after_insert() returns trigger language plpgsql as $$
    begin
      update shipments s set last_event_at = greatest(s.last_event_at, x.newest)
      from (select shop, fulfillment_gid, max(happened_at) as newest from inserted group by 1, 2) x
      where s.shop = x.shop and s.fulfillment_gid = x.fulfillment_gid
        and (s.last_event_at is null or s.last_event_at < x.newest);
      return null;
    end $$`.execute(db);
  await sql`
    create or replace function shipments_last_event_recompute() returns trigger language plpgsql as $$
    begin
      update shipments s set last_event_at = (
        select max(e.happened_at) from shipment_events e
        where e.shop = s.shop and e.fulfillment_gid = s.fulfillment_gid)
      from (select distinct shop, fulfillment_gid from changed) x
      where s.shop = x.shop and s.fulfillment_gid = x.fulfillment_gid;
      return null;
    end $$`.execute(db);
}
