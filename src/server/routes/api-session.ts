// GET /api/session: which shop the embedded admin is signed in as, and whether it must re-authorise.
import type { Context } from 'hono';
import type { ShopsRepository } from '../../db/shops.js';
import type { AppEnv } from '../context.js';
import { jsonResponse } from '../responses.js';

/** `{ shop, needsReauthorisation }`; the shop is the session token's, set by the `/api/*` guard. */
export function apiSession(shops: ShopsRepository) {
  return async (c: Context<AppEnv>): Promise<Response> => {
    const shop = c.get('shop');
    const row = await shops.get(shop);
    return jsonResponse({ shop, needsReauthorisation: row?.needsReauthorisation ?? false });
  };
}
