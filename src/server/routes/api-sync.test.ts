import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { SyncState } from '../../db/sync-state.js';
import { HttpError } from '../http-error.js';
import { mountSyncRoutes } from './api-sync.js';

const STATES: Record<string, SyncState> = {
  'a.myshopify.com': {
    shop: 'a.myshopify.com',
    state: 'running',
    bulkOperationId: 'gid://shopify/BulkOperation/1',
    ordersCount: 4200,
    startedAt: new Date('2026-11-30T10:00:00Z'),
    finishedAt: null,
    resume: { line: 10, byteOffset: 2000 },
    lastReconciledAt: null,
    errorCode: null,
  },
};

function app(shop: string | undefined) {
  const hono = new Hono<{ Variables: { shop?: string } }>();
  // Stands in for the session-token middleware, which sets the verified shop.
  hono.use('/api/*', async (c, next) => {
    if (shop) c.set('shop', shop);
    await next();
  });
  mountSyncRoutes(hono, {
    syncState: {
      get: async (s) =>
        STATES[s] ?? {
          ...(STATES['a.myshopify.com'] as SyncState),
          shop: s,
          state: 'not_started',
          ordersCount: 0,
          startedAt: null,
        },
    },
  });
  hono.onError((error) =>
    error instanceof HttpError ? error.toResponse() : new Response('unexpected', { status: 500 }),
  );
  return hono;
}

describe('GET /api/sync', () => {
  it("answers the session's shop state, count and times", async () => {
    const res = await app('a.myshopify.com').request('/api/sync');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      state: 'running',
      orders: 4200,
      startedAt: '2026-11-30T10:00:00.000Z',
      finishedAt: null,
    });
  });

  it('a shop never synced is not_started; the shop comes only from the session, never the query', async () => {
    const res = await app('b.myshopify.com').request('/api/sync?shop=a.myshopify.com');
    expect(await res.json()).toEqual({
      state: 'not_started',
      orders: 0,
      startedAt: null,
      finishedAt: null,
    });
  });

  it('without a verified shop answers 401', async () => {
    const res = await app(undefined).request('/api/sync');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_signature',
    );
  });
});
