// `/api/*` guard: a Bearer session token from App Bridge, checked with the app's secret; the shop comes from its `dest`.
import { InvalidJwtError } from '@shopify/shopify-api';
import type { MiddlewareHandler } from 'hono';
import { normaliseShop } from '../config.js';
import type { AppEnv } from '../context.js';
import { httpError } from '../http-error.js';
import type { ShopifyAuth } from './shopify-auth.js';

/** Tells App Bridge to fetch a fresh session token and retry (Shopify's documented header). */
export const RETRY_INVALID_SESSION_HEADER = 'X-Shopify-Retry-Invalid-Session-Request';

export interface VerifiedSession {
  /** Lower-cased `name.myshopify.com`, from the token's `dest`. */
  shop: string;
  /** The raw token, kept for a token exchange. */
  token: string;
}

/**
 * Verifies a session token: HS256 with the app secret, `exp`/`nbf` (the library allows 10 s of
 * clock skew), `aud` = the app's API key, and `dest` = `https://{name}.myshopify.com`.
 * Returns undefined for any failure; the reason is not told to the caller.
 */
export async function verifySessionToken(
  auth: ShopifyAuth,
  token: string,
): Promise<VerifiedSession | undefined> {
  try {
    const payload = await auth.session.decodeSessionToken(token);
    if (typeof payload.dest !== 'string') return undefined;
    const dest = new URL(payload.dest);
    if (dest.protocol !== 'https:' || dest.pathname !== '/' || dest.port) return undefined;
    const shop = normaliseShop(dest.hostname);
    if (!shop || shop !== dest.hostname) return undefined;
    return { shop, token };
  } catch (error) {
    if (error instanceof InvalidJwtError || error instanceof TypeError) return undefined;
    throw error;
  }
}

/** Reads `Authorization: Bearer <token>`; undefined when absent or not a Bearer. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '');
  return match?.[1];
}

/**
 * Hono middleware for `/api/*`: sets `shop` and `sessionToken`, or answers 401 `invalid_session`
 * with `X-Shopify-Retry-Invalid-Session-Request: 1`.
 */
export function requireSessionToken(auth: ShopifyAuth): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    const verified = token ? await verifySessionToken(auth, token) : undefined;
    if (!verified) {
      c.get('fields').errorCode = 'invalid_session';
      return httpError('invalid_session').toResponse({ [RETRY_INVALID_SESSION_HEADER]: '1' });
    }
    c.set('shop', verified.shop);
    c.set('sessionToken', verified.token);
    c.get('fields').shop = verified.shop;
    c.set('log', c.get('log').child({ shop: verified.shop }));
    await next();
  };
}
