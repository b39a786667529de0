// `shop/redact` (compliance): 48 hours after uninstall, erase every row the app holds for the shop.

import { parsePayload } from './parse.js';
import { ShopRedactPayloadSchema } from './payloads.js';
import type { WebhookHandler } from './types.js';

/**
 * Deletes the shop from every table listed in `SHOP_ROW_TABLES` (one transaction, shops
 * repository `erase`), including its processed-event records. Idempotent. A bad body is logged and
 * dropped, so a stray request cannot erase a shop.
 */
export const shopRedact: WebhookHandler = async (delivery, deps) => {
  const payload = parsePayload(ShopRedactPayloadSchema, delivery, deps);
  if (!payload) return;
  await deps.repos.shops.erase(delivery.shop);
  deps.logger.info({ event: 'shop_redacted', shop: delivery.shop, eventId: delivery.eventId });
};
