// Test helper: session tokens like App Bridge's (HS256 with the app secret), with knobs for every fault.
import { SignJWT } from 'jose';

export const API_KEY = 'test-api-key';

export interface TokenOptions {
  shop?: string;
  /** Overrides `dest` (a token whose dest is not the shop, or not a myshopify domain). */
  dest?: string;
  aud?: string;
  secret?: string;
  /** Seconds from the real now (the library checks `exp`/`nbf` against the real clock). */
  expiresIn?: number;
  notBeforeIn?: number;
}

/** A session token for `shop`; times are relative to the real clock, as jose checks them. */
export function sessionToken(secret: string, options: TokenOptions = {}): Promise<string> {
  const shop = options.shop ?? 'demo-store.myshopify.com';
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: `https://${shop}/admin`,
    dest: options.dest ?? `https://${shop}`,
    sid: 'session-id',
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setAudience(options.aud ?? API_KEY)
    .setSubject('42')
    .setIssuedAt(now)
    .setNotBefore(now + (options.notBeforeIn ?? 0))
    .setExpirationTime(now + (options.expiresIn ?? 60))
    .setJti(crypto.randomUUID())
    .sign(new TextEncoder().encode(options.secret ?? secret));
}

export interface TokenEndpointCall {
  url: string;
  body: Record<string, unknown>;
}

export interface FakeTokenEndpoint {
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  calls: TokenEndpointCall[];
  /** Makes the next refresh answers 400 invalid_grant. */
  refuseRefresh(): void;
  /** Holds refresh answers until released (to pile up concurrent callers). */
  holdRefresh(): () => void;
  /** Every Admin GraphQL call: its URL and access token. */
  adminCalls: { url: string; token: string | null }[];
}

/**
 * A token endpoint answering like Shopify's `/admin/oauth/access_token` (expiring offline tokens:
 * `expires_in` 3600, `refresh_token_expires_in` 90 days), and an Admin GraphQL endpoint answering
 * `admin(call)` for any other URL. Tokens name the shop and a serial so tests can tell them apart.
 */
export function fakeTokenEndpoint(
  admin: (url: string, token: string | null, body: string) => Response = () =>
    new Response('{}', { status: 404 }),
): FakeTokenEndpoint {
  const calls: TokenEndpointCall[] = [];
  const adminCalls: { url: string; token: string | null }[] = [];
  let refuse = false;
  let hold: Promise<void> | undefined;
  let serial = 0;
  return {
    calls,
    adminCalls,
    refuseRefresh: () => {
      refuse = true;
    },
    holdRefresh: () => {
      let release = () => {};
      hold = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        hold = undefined;
        release();
      };
    },
    fetch: async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const text = typeof init?.body === 'string' ? init.body : '';
      const headers = new Headers(init?.headers);
      if (!url.endsWith('/admin/oauth/access_token')) {
        const token = headers.get('x-shopify-access-token');
        adminCalls.push({ url, token });
        return admin(url, token, text);
      }
      const body = JSON.parse(text) as Record<string, unknown>;
      calls.push({ url, body });
      const shop = new URL(url).host;
      if (body.grant_type === 'refresh_token') {
        if (hold) await hold;
        if (refuse) {
          return Response.json(
            { error: 'invalid_grant', error_description: 'refresh token expired' },
            { status: 400 },
          );
        }
      }
      serial += 1;
      return Response.json({
        access_token: `shpat_${shop}_${serial}`,
        scope: 'read_orders,read_fulfillments',
        expires_in: 3600,
        refresh_token: `shprt_${shop}_${serial}`,
        refresh_token_expires_in: 7_776_000,
      });
    },
  };
}
