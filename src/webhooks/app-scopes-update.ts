// `app/scopes_update`: the merchant granted or revoked access scopes; the shop row follows.

import { parsePayload } from './parse.js';
import { ScopesUpdatePayloadSchema } from './payloads.js';
import type { WebhookHandler } from './types.js';

/**
 * Stores the payload's `current` scopes (`{ previous: string[], current: string[] }`), joined with
 * commas as Shopify writes granted scopes elsewhere, on the shop and on its offline session (the
 * same token now carries them). A bad payload is logged and dropped.
 */
export const appScopesUpdate: WebhookHandler = async (delivery, deps) => {
  const payload = parsePayload(ScopesUpdatePayloadSchema, delivery, deps);
  if (!payload) return;
  const scopes = payload.current.join(',');
  await deps.repos.shops.setScopes(delivery.shop, scopes);
  await deps.db
    .updateTable('offline_sessions')
    .set({ scope: scopes, updated_at: new Date(deps.clock()) })
    .where('shop', '=', delivery.shop)
    .execute();
  deps.logger.info({ event: 'shop_scopes_updated', shop: delivery.shop, scopes });
};
