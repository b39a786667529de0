// The local Shopify's record of the Admin access and refresh tokens it issued: who they belong to, when they end.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../src/core/ports.js';

/** Seconds an expiring offline access token lives (Shopify: 1 hour). */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
/** Seconds a refresh token lives (Shopify: at most 90 days). */
export const REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

export interface IssuedTokens {
  accessToken: string;
  scope: string;
  /** Present for expiring tokens only. */
  expiresIn?: number;
  refreshToken?: string;
  refreshTokenExpiresIn?: number;
}

export interface AccessTokens {
  /** A new offline access token for `shop`; expiring ones come with a refresh token. */
  issue(shop: string, scope: string, expiring: boolean): IssuedTokens;
  /**
   * Trades `refreshToken` for a new pair, or null when it is unknown, expired, revoked or was
   * replaced by a newer token that has itself been used (Shopify since 2026-08-28: the old refresh
   * token keeps working until the new one is used).
   */
  refresh(refreshToken: string): ({ shop: string } & IssuedTokens) | null;
  /** True when `token` was issued for `shop`, is not revoked and has not expired. */
  isValid(token: string, shop: string): boolean;
  /** The shop a valid access token belongs to, or null (routes a request to that shop's data). */
  shopOf(token: string): string | null;
  /** Uninstall: every token of `shop` stops working. */
  revokeShop(shop: string): void;
  /** Expires every access token now (tests of refresh on expiry); refresh tokens stay good. */
  expireAccessTokens(shop?: string): void;
}

interface AccessRecord {
  shop: string;
  /** Unix ms; null for non-expiring tokens. */
  expiresAt: number | null;
}

interface RefreshRecord {
  shop: string;
  scope: string;
  expiresAt: number;
  /** The refresh token this one replaced; revoked the first time this one is used. */
  replaces: string | null;
}

const token = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

export function createAccessTokens(clock: Clock): AccessTokens {
  const access = new Map<string, AccessRecord>();
  const refreshes = new Map<string, RefreshRecord>();

  function issueFor(shop: string, scope: string, expiring: boolean, replaces: string | null) {
    const accessToken = token('shpat_');
    if (!expiring) {
      access.set(accessToken, { shop, expiresAt: null });
      return { accessToken, scope };
    }
    const now = clock();
    const refreshToken = token('shprt_');
    access.set(accessToken, { shop, expiresAt: now + ACCESS_TOKEN_TTL_SECONDS * 1000 });
    refreshes.set(refreshToken, {
      shop,
      scope,
      expiresAt: now + REFRESH_TOKEN_TTL_SECONDS * 1000,
      replaces,
    });
    return {
      accessToken,
      scope,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
      refreshTokenExpiresIn: REFRESH_TOKEN_TTL_SECONDS,
    };
  }

  return {
    issue: (shop, scope, expiring) => issueFor(shop, scope, expiring, null),
    refresh(refreshToken) {
      const record = refreshes.get(refreshToken);
      if (!record || record.expiresAt <= clock()) return null;
      if (record.replaces) {
        refreshes.delete(record.replaces);
        record.replaces = null;
      }
      return { shop: record.shop, ...issueFor(record.shop, record.scope, true, refreshToken) };
    },
    isValid(t, shop) {
      const record = access.get(t);
      if (!record || record.shop !== shop) return false;
      return record.expiresAt === null || record.expiresAt > clock();
    },
    shopOf(t) {
      const record = access.get(t);
      if (!record) return null;
      return record.expiresAt === null || record.expiresAt > clock() ? record.shop : null;
    },
    revokeShop(shop) {
      for (const [t, r] of access) if (r.shop === shop) access.delete(t);
      for (const [t, r] of refreshes) if (r.shop === shop) refreshes.delete(t);
    },
    expireAccessTokens(shop) {
      const now = clock();
      for (const r of access.values()) {
        if ((shop === undefined || r.shop === shop) && r.expiresAt !== null) r.expiresAt = now;
      }
    },
  };
}
