// Mints and checks Shopify session tokens (HS256 JWTs signed with the app's client secret) for the local admin.
import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Clock } from '../../src/core/ports.js';

/** Shopify's session tokens live one minute. */
export const SESSION_TOKEN_TTL_SECONDS = 60;

export interface SessionTokenInput {
  /** The shop's myshopify.com domain. */
  shop: string;
  /** The app's client id (`SHOPIFY_API_KEY`), put in `aud`. */
  apiKey: string;
  /** The app's client secret (`SHOPIFY_API_SECRET`), the HS256 key. */
  apiSecret: string;
  /** The staff user id, `sub`; Shopify sends the user's numeric id as a string. */
  userId?: string;
  /** The admin session id, `sid`. */
  sessionId?: string;
  clock: Clock;
  /** Seconds; 60 like Shopify unless a test wants an expired or long-lived token. */
  ttlSeconds?: number;
  /** Seconds added to `nbf` (a test of a token not yet valid); 0 by default. */
  notBeforeOffsetSeconds?: number;
}

export interface SessionTokenClaims {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
}

/** The claims Shopify puts in a session token for `shop`, times in Unix seconds from `clock`. */
export function sessionTokenClaims(input: SessionTokenInput): SessionTokenClaims {
  const now = Math.floor(input.clock() / 1000);
  return {
    iss: `https://${input.shop}/admin`,
    dest: `https://${input.shop}`,
    aud: input.apiKey,
    sub: input.userId ?? '70001',
    exp: now + (input.ttlSeconds ?? SESSION_TOKEN_TTL_SECONDS),
    nbf: now + (input.notBeforeOffsetSeconds ?? 0),
    iat: now,
    jti: randomUUID(),
    sid: input.sessionId ?? randomUUID(),
  };
}

/** A compact HS256 JWT as App Bridge's `shopify.idToken()` returns it. */
export async function mintSessionToken(input: SessionTokenInput): Promise<string> {
  const claims = sessionTokenClaims(input);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(input.apiSecret));
}

export type SessionTokenCheck =
  | { ok: true; shop: string; claims: SessionTokenClaims }
  | { ok: false; reason: string };

const SHOP_HOST = /^https:\/\/([a-z0-9][a-z0-9-]*\.myshopify\.com)$/;

/**
 * Verifies a session token the way Shopify's token endpoint does: HS256 with `apiSecret`, `aud` =
 * `apiKey`, `exp`/`nbf` against `clock` (no leeway), and `iss` naming the same shop as `dest`.
 * Never throws; `reason` is a short English phrase for the error description.
 */
export async function verifySessionToken(
  token: string,
  options: { apiKey: string; apiSecret: string; clock: Clock },
): Promise<SessionTokenCheck> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(options.apiSecret), {
      algorithms: ['HS256'],
      audience: options.apiKey,
      currentDate: new Date(options.clock()),
      clockTolerance: 0,
    });
    const dest = typeof payload.dest === 'string' ? payload.dest : '';
    const shop = SHOP_HOST.exec(dest)?.[1];
    if (!shop || payload.iss !== `${dest}/admin`) return { ok: false, reason: 'bad iss or dest' };
    return { ok: true, shop, claims: payload as unknown as SessionTokenClaims };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { ok: false, reason: typeof code === 'string' ? code : 'invalid token' };
  }
}
