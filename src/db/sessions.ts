// The offline_sessions table: each shop's expiring offline token, both tokens sealed at rest.
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../core/ports.js';
import type { Sealer } from '../platform/crypto.js';
import type { Database } from './schema.js';

/** A shop's offline access (token exchange with `expiring=1`), tokens in clear in memory only. */
export interface OfflineSession {
  accessToken: string;
  /** When the access token stops working (Shopify: 1 h after issue); null = does not expire. */
  accessExpiresAt: Date | null;
  refreshToken: string | null;
  /** When the refresh token stops working (at most 90 days); null when there is none. */
  refreshExpiresAt: Date | null;
  /** Granted scopes, comma-separated as Shopify sends them. */
  scope: string;
}

export interface OfflineSessionStore {
  /** Saves (or replaces) the shop's session. The shop's row must exist (`markInstalled`). */
  store(shop: string, session: OfflineSession): Promise<void>;
  /** The shop's session, opened; undefined when none. Throws SealError if it was sealed with another key. */
  load(shop: string): Promise<OfflineSession | undefined>;
  /** Deletes the shop's session (uninstall); nothing happens when there is none. */
  delete(shop: string): Promise<void>;
}

export function createOfflineSessionStore(
  db: Kysely<Database>,
  sealer: Sealer,
  clock: Clock = systemClock,
): OfflineSessionStore {
  return {
    async store(shop, session) {
      const values = {
        access_token_sealed: sealer.seal(session.accessToken),
        access_expires_at: session.accessExpiresAt,
        refresh_token_sealed:
          session.refreshToken === null ? null : sealer.seal(session.refreshToken),
        refresh_expires_at: session.refreshExpiresAt,
        scope: session.scope,
        updated_at: new Date(clock()),
      };
      await db
        .insertInto('offline_sessions')
        .values({ shop, ...values })
        .onConflict((oc) => oc.column('shop').doUpdateSet(values))
        .execute();
    },
    async load(shop) {
      const row = await db
        .selectFrom('offline_sessions')
        .selectAll()
        .where('shop', '=', shop)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        accessToken: sealer.open(row.access_token_sealed),
        accessExpiresAt: row.access_expires_at,
        refreshToken:
          row.refresh_token_sealed === null ? null : sealer.open(row.refresh_token_sealed),
        refreshExpiresAt: row.refresh_expires_at,
        scope: row.scope,
      };
    },
    async delete(shop) {
      await db.deleteFrom('offline_sessions').where('shop', '=', shop).execute();
    },
  };
}
