// Per-shop ports the sync needs: the shop's Admin API client and its email fingerprinter.
import type { ShopSecretsRepository } from '../db/shop-secrets.js';
import type { AdminQuery } from '../shopify/admin-client.js';
import { createEmailFingerprinter, type EmailFingerprinter } from './email-fingerprint.js';

/**
 * The Admin API client of a shop, or null when the app has no usable token for it (uninstalled,
 * needs re-authorisation). Custom-app mode answers its one shop; app mode reads the shop's session.
 */
export type AdminForShop = (shop: string) => Promise<AdminQuery | null>;

/** The email fingerprinter of a shop (its own key; see src/sync/email-fingerprint.ts). */
export type FingerprinterForShop = (shop: string) => Promise<EmailFingerprinter>;

/**
 * Fingerprinters built from each shop's key, kept per shop once read (the key never changes).
 * The shop's row must exist. A failed read is not kept, so the next call tries again.
 */
export function createFingerprinters(secrets: ShopSecretsRepository): FingerprinterForShop {
  const byShop = new Map<string, Promise<EmailFingerprinter>>();
  return (shop) => {
    let pending = byShop.get(shop);
    if (!pending) {
      pending = secrets.fingerprintKey(shop).then((key) => createEmailFingerprinter(key));
      pending.catch(() => byShop.delete(shop));
      byShop.set(shop, pending);
    }
    return pending;
  };
}

/** One Admin client for every shop asked about: custom-app mode, where the app serves one shop. */
export function singleShopAdmin(shop: string, admin: AdminQuery): AdminForShop {
  return async (asked) => (asked === shop ? admin : null);
}
