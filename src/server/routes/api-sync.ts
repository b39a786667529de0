// GET /api/sync: how far the shop's order backfill is, for the admin page.
import { Hono } from 'hono';
import type { SyncStateRepository } from '../../db/sync-state.js';
import { httpError } from '../http-error.js';
import { jsonResponse } from '../responses.js';

/** The answer: `state` is not_started | running | completed | failed; times are ISO-8601 UTC or null. */
export interface SyncStatusBody {
  state: string;
  orders: number;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Variables this route reads: `shop` is set by the `/api/*` session-token middleware. */
interface SyncRouteEnv {
  Variables: { shop?: string };
}

export interface SyncRouteDeps {
  syncState: Pick<SyncStateRepository, 'get'>;
}

/**
 * Adds `GET /api/sync` to `app`. Answers only about the shop of the verified session (never a shop
 * named in the request); without one, 401 `invalid_signature`.
 */
export function mountSyncRoutes<E extends object>(app: Hono<E>, deps: SyncRouteDeps): void {
  const routes = new Hono<SyncRouteEnv>();
  routes.get('/api/sync', async (c) => {
    const shop = c.get('shop');
    if (!shop) throw httpError('invalid_signature');
    const state = await deps.syncState.get(shop);
    const body: SyncStatusBody = {
      state: state.state,
      orders: state.ordersCount,
      startedAt: state.startedAt?.toISOString() ?? null,
      finishedAt: state.finishedAt?.toISOString() ?? null,
    };
    return jsonResponse(body);
  });
  app.route('/', routes as unknown as Hono<E>);
}
