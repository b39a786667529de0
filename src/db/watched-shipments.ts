// The watched_shipments and fulfillment_write_backs tables: which shipments are due, who polls them, what went back to Shopify.
import { type Kysely, sql } from 'kysely';
import { FINISHED_STATUSES } from '../core/stalled.js';
import type { Database } from './schema.js';

/** A shipment claimed by a round: polled by whoever holds `claimId` until `leaseUntil`. */
export interface ClaimedShipment {
  shop: string;
  fulfillmentGid: string;
}

/** The watcher's state of one shipment as stored. */
export interface WatchState {
  carrierOverride: string | null;
  nextPollAt: Date | null;
  lastPolledAt: Date | null;
  consecutiveFailures: number;
  retryAfterUntil: Date | null;
  claimId: string | null;
  leaseUntil: Date | null;
  exception: string | null;
}

/** What a poll leaves behind; written only under the poll's own claim. */
export interface PollOutcome {
  lastPolledAt: Date;
  /** Null: not watched any more (delivered, returned, too old). */
  nextPollAt: Date | null;
  consecutiveFailures: number;
  retryAfterUntil: Date | null;
  exception: string | null;
}

export interface WatchedShipmentsRepository {
  /**
   * Claims, for one round, up to `limit` shipments due at `now` (ms since epoch), oldest due first,
   * and leases them to `claimId` until `now + leaseMs`. Rows locked by another round are skipped
   * (FOR UPDATE SKIP LOCKED) and leased rows are not due, so two rounds at once never claim one
   * shipment twice. Due: open (not delivered, returned or cancelled, a tracking number, a
   * fulfilment of an installed shop made less than `maxAgeMs` ago) and never scheduled, or
   * scheduled at or before `now` (a delivered one then only to retry a failed write-back).
   */
  claimDue(options: {
    now: number;
    leaseMs: number;
    limit: number;
    maxAgeMs: number;
    claimId: string;
  }): Promise<ClaimedShipment[]>;
  /** The shipment's watch state, or undefined when the watcher never saw it. */
  state(shop: string, fulfillmentGid: string): Promise<WatchState | undefined>;
  /** Stores a poll's outcome and ends the lease; false when `claimId` no longer holds it. */
  finish(
    shop: string,
    fulfillmentGid: string,
    claimId: string,
    outcome: PollOutcome,
  ): Promise<boolean>;
  /**
   * Sets (or with null clears) the merchant's carrier for a shipment and makes it due now with no
   * back-off, so the corrected carrier is asked at the next round.
   */
  setCarrierOverride(
    shop: string,
    fulfillmentGid: string,
    carrier: string | null,
    /** The carrier's display name; the shipment keeps both through Shopify's rewrites (migration 0009). */
    carrierName?: string | null,
  ): Promise<void>;
  /**
   * Makes every shipment of the shop the watcher knows due now, without back-off (new carrier
   * keys: shipments no adapter could poll are asked at the next round, not hours later). Leased
   * ones keep their lease.
   */
  makeShopDue(shop: string): Promise<void>;
  /** The order a shipment of the shop belongs to, or undefined when the shop has no such shipment. */
  orderOf(shop: string, fulfillmentGid: string): Promise<string | undefined>;
  /** The milestones (FulfillmentEventStatus) written back to a fulfilment. */
  writtenBack(shop: string, fulfillmentGid: string): Promise<Set<string>>;
  /** True when this call recorded the milestone (so it is written); false when already recorded. */
  claimWriteBack(shop: string, fulfillmentGid: string, status: string): Promise<boolean>;
  /** Forgets a claim whose write failed, so a later poll writes it. */
  releaseWriteBack(shop: string, fulfillmentGid: string, status: string): Promise<void>;
}

export function createWatchedShipmentsRepository(db: Kysely<Database>): WatchedShipmentsRepository {
  const finished = sql.join([...FINISHED_STATUSES]);
  return {
    async claimDue({ now, leaseMs, limit, maxAgeMs, claimId }) {
      const at = new Date(now);
      const bornAfter = new Date(now - maxAgeMs);
      const open = sql`s.status not in (${finished})
        and s.record_status not in ('CANCELLED', 'ERROR')
        and s.tracking_number is not null and s.tracking_number <> ''
        and s.created_at > ${bornAfter}`;
      // A shipment the watcher has not seen gets its row first (due now).
      await sql`
        insert into watched_shipments (shop, fulfillment_gid)
        select s.shop, s.fulfillment_gid from shipments s
        join shops sh on sh.domain = s.shop and sh.state = 'installed'
        where ${open} and not exists (
          select 1 from watched_shipments w
          where w.shop = s.shop and w.fulfillment_gid = s.fulfillment_gid)
        on conflict do nothing`.execute(db);
      const { rows } = await sql<{ shop: string; fulfillment_gid: string }>`
        with due as (
          select w.shop, w.fulfillment_gid from watched_shipments w
          join shipments s on s.shop = w.shop and s.fulfillment_gid = w.fulfillment_gid
          join shops sh on sh.domain = w.shop and sh.state = 'installed'
          where (w.lease_until is null or w.lease_until <= ${at})
            and ((w.next_poll_at is null and ${open}) or w.next_poll_at <= ${at})
          order by w.next_poll_at nulls first, w.shop, w.fulfillment_gid
          limit ${limit}
          for update of w skip locked)
        update watched_shipments w
        set claim_id = ${claimId}, lease_until = ${new Date(now + leaseMs)}
        from due where w.shop = due.shop and w.fulfillment_gid = due.fulfillment_gid
        returning w.shop, w.fulfillment_gid`.execute(db);
      return rows.map((r) => ({ shop: r.shop, fulfillmentGid: r.fulfillment_gid }));
    },

    async state(shop, fulfillmentGid) {
      const row = await db
        .selectFrom('watched_shipments')
        .selectAll()
        .where('shop', '=', shop)
        .where('fulfillment_gid', '=', fulfillmentGid)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        carrierOverride: row.carrier_override,
        nextPollAt: row.next_poll_at,
        lastPolledAt: row.last_polled_at,
        consecutiveFailures: row.consecutive_failures,
        retryAfterUntil: row.retry_after_until,
        claimId: row.claim_id,
        leaseUntil: row.lease_until,
        exception: row.exception,
      };
    },

    async finish(shop, fulfillmentGid, claimId, outcome) {
      const result = await db
        .updateTable('watched_shipments')
        .set({
          last_polled_at: outcome.lastPolledAt,
          next_poll_at: outcome.nextPollAt,
          consecutive_failures: outcome.consecutiveFailures,
          retry_after_until: outcome.retryAfterUntil,
          exception: outcome.exception,
          claim_id: null,
          lease_until: null,
          updated_at: outcome.lastPolledAt,
        })
        .where('shop', '=', shop)
        .where('fulfillment_gid', '=', fulfillmentGid)
        .where('claim_id', '=', claimId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async setCarrierOverride(shop, fulfillmentGid, carrier, carrierName = null) {
      const values = {
        carrier_override: carrier,
        carrier_override_name: carrier === null ? null : carrierName,
        next_poll_at: null,
        consecutive_failures: 0,
        retry_after_until: null,
      };
      await db
        .insertInto('watched_shipments')
        .values({ shop, fulfillment_gid: fulfillmentGid, ...values })
        .onConflict((oc) =>
          oc
            .columns(['shop', 'fulfillment_gid'])
            .doUpdateSet({ ...values, updated_at: new Date() }),
        )
        .execute();
    },

    async makeShopDue(shop) {
      await db
        .updateTable('watched_shipments')
        .set({ next_poll_at: null, consecutive_failures: 0, retry_after_until: null })
        .where('shop', '=', shop)
        .where('next_poll_at', 'is not', null)
        .execute();
    },

    async orderOf(shop, fulfillmentGid) {
      const row = await db
        .selectFrom('shipments')
        .select('order_gid')
        .where('shop', '=', shop)
        .where('fulfillment_gid', '=', fulfillmentGid)
        .executeTakeFirst();
      return row?.order_gid;
    },

    async writtenBack(shop, fulfillmentGid) {
      const rows = await db
        .selectFrom('fulfillment_write_backs')
        .select('status')
        .where('shop', '=', shop)
        .where('fulfillment_gid', '=', fulfillmentGid)
        .execute();
      return new Set(rows.map((r) => r.status));
    },

    async claimWriteBack(shop, fulfillmentGid, status) {
      const inserted = await db
        .insertInto('fulfillment_write_backs')
        .values({ shop, fulfillment_gid: fulfillmentGid, status })
        .onConflict((oc) => oc.doNothing())
        .returning('status')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    async releaseWriteBack(shop, fulfillmentGid, status) {
      await db
        .deleteFrom('fulfillment_write_backs')
        .where('shop', '=', shop)
        .where('fulfillment_gid', '=', fulfillmentGid)
        .where('status', '=', status)
        .execute();
    },
  };
}
