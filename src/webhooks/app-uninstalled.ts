// `app/uninstalled`: the shop removed the app — its tokens go at once, the shop row stays for shop/redact.
import type { WebhookHandler } from './types.js';

/**
 * Deletes the shop's offline session (access and refresh tokens) and marks the shop uninstalled.
 * The payload (the REST Shop resource) is not needed: the signed header names the shop. From then
 * on the shop counts as not installed (storefront lookups answer `shop_not_installed`); its other
 * rows stay until `shop/redact` (Shopify sends it 48 hours later) or a reinstall.
 * Idempotent, so a retry after a partial run is harmless.
 */
export const appUninstalled: WebhookHandler = async (delivery, { repos, logger }) => {
  await repos.sessions.delete(delivery.shop);
  await repos.shops.markUninstalled(delivery.shop);
  logger.info({ event: 'shop_uninstalled', shop: delivery.shop, eventId: delivery.eventId });
};
