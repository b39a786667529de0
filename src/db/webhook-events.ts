// The webhook_events table: each (shop, X-Shopify-Event-Id) claimed once, so duplicates do nothing.
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../core/ports.js';
import type { Database } from './schema.js';

export interface WebhookEventsRepository {
  /**
   * Records the event; true the first time for this (shop, eventId), false for every repeat, even
   * when two deliveries race (one INSERT … ON CONFLICT DO NOTHING RETURNING decides).
   */
  claim(shop: string, eventId: string, topic: string): Promise<boolean>;
  /**
   * Where the event stands: undefined when never claimed, `{ processedAt: null }` while claimed but
   * not (yet) processed — its job failed or is running — and the time once processed.
   */
  status(shop: string, eventId: string): Promise<{ processedAt: Date | null } | undefined>;
  /** Stamps the event as processed (its job finished). */
  markProcessed(shop: string, eventId: string): Promise<void>;
  /** Forgets events received before `before` (Shopify retries for 4 hours at most); returns how many. */
  pruneReceivedBefore(before: Date): Promise<number>;
}

export function createWebhookEventsRepository(
  db: Kysely<Database>,
  clock: Clock = systemClock,
): WebhookEventsRepository {
  return {
    async claim(shop, eventId, topic) {
      const row = await db
        .insertInto('webhook_events')
        .values({ shop, event_id: eventId, topic, received_at: new Date(clock()) })
        .onConflict((oc) => oc.columns(['shop', 'event_id']).doNothing())
        .returning('event_id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async status(shop, eventId) {
      const row = await db
        .selectFrom('webhook_events')
        .select('processed_at')
        .where('shop', '=', shop)
        .where('event_id', '=', eventId)
        .executeTakeFirst();
      return row ? { processedAt: row.processed_at } : undefined;
    },
    async markProcessed(shop, eventId) {
      await db
        .updateTable('webhook_events')
        .set({ processed_at: new Date(clock()) })
        .where('shop', '=', shop)
        .where('event_id', '=', eventId)
        .execute();
    },
    async pruneReceivedBefore(before) {
      const result = await db
        .deleteFrom('webhook_events')
        .where('received_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
