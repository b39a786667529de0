import { describe, expect, it } from 'vitest';
import { databases, testDatabase } from './testing.js';
import { createWebhookEventsRepository } from './webhook-events.js';

describe.each(databases())('webhook events on %s', (kind) => {
  it('claims an event id once per shop, even when deliveries race', async () => {
    const handle = await testDatabase(kind);
    const events = createWebhookEventsRepository(handle.db);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => events.claim('a.myshopify.com', 'ev-1', 'app/uninstalled')),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await events.claim('a.myshopify.com', 'ev-1', 'app/uninstalled')).toBe(false);
    // The same id from another shop is another event.
    expect(await events.claim('b.myshopify.com', 'ev-1', 'app/uninstalled')).toBe(true);
    expect(await events.claim('a.myshopify.com', 'ev-2', 'app/uninstalled')).toBe(true);
  });

  it('marks events processed and prunes those received before a time', async () => {
    const handle = await testDatabase(kind);
    let now = Date.parse('2026-11-01T00:00:00.000Z');
    const events = createWebhookEventsRepository(handle.db, () => now);
    await events.claim('a.myshopify.com', 'old', 'orders/create');
    now = Date.parse('2026-11-02T00:00:00.000Z');
    await events.claim('a.myshopify.com', 'new', 'orders/create');
    expect(await events.status('a.myshopify.com', 'new')).toEqual({ processedAt: null });
    expect(await events.status('b.myshopify.com', 'new')).toBeUndefined();
    await events.markProcessed('a.myshopify.com', 'new');
    expect(await events.status('a.myshopify.com', 'new')).toEqual({ processedAt: new Date(now) });
    const row = await handle.db
      .selectFrom('webhook_events')
      .select('processed_at')
      .where('event_id', '=', 'new')
      .executeTakeFirstOrThrow();
    expect(row.processed_at).toEqual(new Date(now));
    expect(await events.pruneReceivedBefore(new Date('2026-11-01T12:00:00.000Z'))).toBe(1);
    expect(await events.claim('a.myshopify.com', 'old', 'orders/create')).toBe(true);
    expect(await events.claim('a.myshopify.com', 'new', 'orders/create')).toBe(false);
  });
});
