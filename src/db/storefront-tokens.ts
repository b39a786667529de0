// The shop's Storefront access token, sealed in the shops row: written at install, read for recommendations.
import type { Kysely } from 'kysely';
import type { Sealer } from '../platform/crypto.js';
import type { Database } from './schema.js';

export interface StorefrontTokensRepository {
  /** The opened token, or null when the shop has none (or no row). Throws SealError for another key. */
  get(shop: string): Promise<string | null>;
  /** Seals and stores `token` on the shop's row (which must exist); null forgets it. */
  set(shop: string, token: string | null): Promise<void>;
}

export function createStorefrontTokensRepository(
  db: Kysely<Database>,
  sealer: Sealer,
): StorefrontTokensRepository {
  return {
    async get(shop) {
      const row = await db
        .selectFrom('shops')
        .select('storefront_token_sealed')
        .where('domain', '=', shop)
        .executeTakeFirst();
      const sealed = row?.storefront_token_sealed;
      return sealed ? sealer.open(sealed) : null;
    },
    async set(shop, token) {
      await db
        .updateTable('shops')
        .set({ storefront_token_sealed: token === null ? null : sealer.seal(token) })
        .where('domain', '=', shop)
        .execute();
    },
  };
}
