// The shop_secrets table: per-shop keys of our own, sealed; made on first use.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Sealer } from '../platform/crypto.js';
import type { Database } from './schema.js';

export interface ShopSecretsRepository {
  /**
   * The shop's 32-byte key for the HMAC fingerprint of shoppers' e-mail addresses. Generated from
   * 32 random bytes the first time; concurrent first calls all get the one key that was stored.
   * The shop's row must exist. Throws SealError when it was sealed with another key.
   */
  fingerprintKey(shop: string): Promise<Buffer>;
}

export function createShopSecretsRepository(
  db: Kysely<Database>,
  sealer: Sealer,
): ShopSecretsRepository {
  return {
    async fingerprintKey(shop) {
      await db
        .insertInto('shop_secrets')
        .values({ shop, fingerprint_key_sealed: sealer.seal(randomBytes(32).toString('base64')) })
        .onConflict((oc) => oc.column('shop').doNothing())
        .execute();
      const row = await db
        .selectFrom('shop_secrets')
        .select('fingerprint_key_sealed')
        .where('shop', '=', shop)
        .executeTakeFirstOrThrow();
      return Buffer.from(sealer.open(row.fingerprint_key_sealed), 'base64');
    },
  };
}
