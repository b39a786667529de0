// Each installed shop's offline token: got by token exchange on the first `/api/*` call, refreshed before it expires.
import { HttpResponseError, RequestedTokenType, type Session } from '@shopify/shopify-api';
import { type Kysely, sql } from 'kysely';
import type { Clock, Logger } from '../../core/ports.js';
import type { Database } from '../../db/index.js';
import type { Repositories } from '../../db/repositories.js';
import { createOfflineSessionStore, type OfflineSession } from '../../db/sessions.js';
import type { Sealer } from '../../platform/crypto.js';
import { type ShopifyTransport, withTransport } from '../../shopify/shopify-fetch.js';
import type { ShopifyAuth } from './shopify-auth.js';

/** Refresh this long before the access token expires (Shopify's expire after 1 h). */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export interface OfflineTokenDeps {
  auth: ShopifyAuth;
  db: Kysely<Database>;
  repos: Repositories;
  /** Seals the tokens written inside the refresh transaction (the repositories' sealer). */
  sealer: Sealer;
  transport: ShopifyTransport;
  clock: Clock;
  logger: Logger;
}

export interface OfflineTokens {
  /**
   * Makes sure the shop has an offline session: when it has none (first call, reinstall) or needs
   * re-authorisation, exchanges `sessionToken` (already verified) for an expiring offline token,
   * stores it sealed and marks the shop installed. True when an exchange happened. Concurrent calls
   * for one shop share one exchange. Throws when Shopify refuses the exchange.
   */
  ensureInstalled(shop: string, sessionToken: string): Promise<boolean>;
  /**
   * The shop's access token, refreshed first when it expires within REFRESH_MARGIN_MS; undefined
   * when the shop has no stored session. One refresh per shop at a time: concurrent callers in this
   * process share a promise, and other processes wait on a Postgres advisory lock and then find
   * the fresh token. When Shopify refuses the refresh token the shop is marked
   * `needs_reauthorisation` and the stored token is returned as it is.
   */
  accessToken(shop: string): Promise<string | undefined>;
}

export function createOfflineTokens(deps: OfflineTokenDeps): OfflineTokens {
  const exchanging = new Map<string, Promise<boolean>>();
  const refreshing = new Map<string, Promise<string>>();
  const call = <T>(work: () => Promise<T>) => withTransport(deps.transport, work);

  /** The library stamps expiry with the real clock; keep the durations, re-based on ours. */
  function fromLibrary(session: Session): OfflineSession {
    const at = (date: Date | undefined) =>
      // The library dates `expires_in` (whole seconds) on the real clock a moment ago: keep the
      // whole seconds left and date them on the injected clock.
      date
        ? new Date(deps.clock() + Math.round((date.getTime() - Date.now()) / 1000) * 1000)
        : null;
    return {
      accessToken: session.accessToken ?? '',
      accessExpiresAt: at(session.expires),
      refreshToken: session.refreshToken ?? null,
      refreshExpiresAt: at(session.refreshTokenExpires),
      scope: session.scope ?? '',
    };
  }

  const fresh = (session: OfflineSession) =>
    session.accessExpiresAt === null ||
    session.accessExpiresAt.getTime() - REFRESH_MARGIN_MS > deps.clock();

  async function exchange(shop: string, sessionToken: string): Promise<boolean> {
    const [row, stored] = await Promise.all([
      deps.repos.shops.get(shop),
      deps.repos.sessions.load(shop),
    ]);
    if (row?.state === 'installed' && stored && !row.needsReauthorisation) return false;
    const { session } = await call(() =>
      deps.auth.auth.tokenExchange({
        shop,
        sessionToken,
        requestedTokenType: RequestedTokenType.OfflineAccessToken,
        expiring: true,
      }),
    );
    const offline = fromLibrary(session);
    await deps.repos.shops.markInstalled(shop, offline.scope);
    await deps.repos.sessions.store(shop, offline);
    deps.logger.info({ event: 'token_exchanged', shop, scope: offline.scope });
    return true;
  }

  async function refresh(shop: string): Promise<string> {
    let refused = false;
    const token = await deps.db.transaction().execute(async (trx) => {
      // Other processes refreshing this shop wait here, then re-read the session they refreshed.
      await sql`select pg_advisory_xact_lock(hashtext(${`offline-token:${shop}`}))`.execute(trx);
      const sessions = createOfflineSessionStore(trx, deps.sealer, deps.clock);
      const current = await sessions.load(shop);
      if (!current) return undefined;
      if (fresh(current)) return current.accessToken;
      const refreshUsable =
        current.refreshToken !== null &&
        (current.refreshExpiresAt === null || current.refreshExpiresAt.getTime() > deps.clock());
      if (!refreshUsable || current.refreshToken === null) {
        refused = true;
        return current.accessToken;
      }
      const refreshToken = current.refreshToken;
      try {
        const { session } = await call(() => deps.auth.auth.refreshToken({ shop, refreshToken }));
        const next = fromLibrary(session);
        await sessions.store(shop, next);
        deps.logger.info({ event: 'token_refreshed', shop });
        return next.accessToken;
      } catch (error) {
        if (error instanceof HttpResponseError && [400, 401].includes(error.response.code)) {
          refused = true;
          return current.accessToken;
        }
        throw error;
      }
    });
    // Outside the transaction: on PGlite it holds the one session until it ends.
    if (refused) {
      await deps.repos.shops.setNeedsReauthorisation(shop, true);
      deps.logger.warn({ event: 'token_refresh_refused', shop });
    }
    if (token === undefined) throw new Error('offline session vanished during refresh');
    return token;
  }

  return {
    ensureInstalled(shop, sessionToken) {
      let running = exchanging.get(shop);
      if (!running) {
        running = exchange(shop, sessionToken).finally(() => exchanging.delete(shop));
        exchanging.set(shop, running);
      }
      return running;
    },

    async accessToken(shop) {
      const stored = await deps.repos.sessions.load(shop);
      if (!stored) return undefined;
      if (fresh(stored)) return stored.accessToken;
      const row = await deps.repos.shops.get(shop);
      // Refused once: no more refresh attempts until the merchant opens the app (a new exchange).
      if (row?.needsReauthorisation) return stored.accessToken;
      let running = refreshing.get(shop);
      if (!running) {
        running = refresh(shop).finally(() => refreshing.delete(shop));
        refreshing.set(shop, running);
      }
      return running;
    },
  };
}
