// Shopify's token endpoint for the demo shops: token exchange of a session token, and refresh of expiring tokens.
//
// Mount `handle` at `POST /admin/oauth/access_token` (the app calls `https://{shop}/admin/oauth/
// access_token`; the demo points SHOPIFY_API_ORIGIN at itself). JSON and form bodies are read alike.
// Answers follow shopify.dev's token-exchange and expiring-offline-token pages: 200 with
// `{access_token, scope[, expires_in, refresh_token, refresh_token_expires_in]}`, errors as
// `{"error", "error_description"}` (OAuth 2.0, RFC 6749 §5.2) with 400, or 401 for bad client credentials.
import { z } from 'zod';
import type { Clock } from '../../src/core/ports.js';
import type { AccessTokens, IssuedTokens } from './access-tokens.js';
import { verifySessionToken } from './session-token.js';

export const OAUTH_TOKEN_PATH = '/admin/oauth/access_token';
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
export const OFFLINE_TOKEN_TYPE = 'urn:shopify:params:oauth:token-type:offline-access-token';
export const ONLINE_TOKEN_TYPE = 'urn:shopify:params:oauth:token-type:online-access-token';

export interface OAuthOptions {
  apiKey: string;
  apiSecret: string;
  /** The scopes granted on install, comma-separated as shopify.app.toml lists them. */
  scope: string;
  /** Shops this local Shopify knows; a session token for any other shop is refused. */
  shops: readonly string[];
  tokens: AccessTokens;
  clock: Clock;
}

export interface OAuthEndpoint {
  handle(request: Request): Promise<Response>;
  /** Successful token exchanges and refreshes, for tests (e.g. one refresh for many calls). */
  readonly counts: { exchanges: number; refreshes: number; refused: number };
}

const Params = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  grant_type: z.string().min(1),
  subject_token: z.string().optional(),
  subject_token_type: z.string().optional(),
  requested_token_type: z.string().optional(),
  expiring: z.union([z.string(), z.number(), z.boolean()]).optional(),
  refresh_token: z.string().optional(),
});
type Params = z.infer<typeof Params>;

function oauthError(status: number, error: string, description: string): Response {
  return Response.json({ error, error_description: description }, { status });
}

function tokenAnswer(t: IssuedTokens): Response {
  const body: Record<string, unknown> = { access_token: t.accessToken, scope: t.scope };
  if (t.refreshToken !== undefined) {
    body.expires_in = t.expiresIn;
    body.refresh_token = t.refreshToken;
    body.refresh_token_expires_in = t.refreshTokenExpiresIn;
  }
  return Response.json(body, { headers: { 'cache-control': 'no-store' } });
}

async function readParams(request: Request): Promise<Record<string, unknown> | null> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const text = await request.text();
  if (type.includes('application/json')) {
    try {
      const body: unknown = JSON.parse(text);
      return typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : null;
    } catch {
      return null;
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

const isTrue = (v: Params['expiring']) => v === true || v === 1 || v === '1' || v === 'true';

export function createOAuthEndpoint(options: OAuthOptions): OAuthEndpoint {
  const counts = { exchanges: 0, refreshes: 0, refused: 0 };
  const refuse = (status: number, error: string, description: string) => {
    counts.refused += 1;
    return oauthError(status, error, description);
  };

  async function exchange(p: Params): Promise<Response> {
    if (!p.subject_token || p.subject_token_type !== ID_TOKEN_TYPE) {
      return refuse(
        400,
        'invalid_request',
        `subject_token and subject_token_type=${ID_TOKEN_TYPE} are required`,
      );
    }
    if (p.requested_token_type !== OFFLINE_TOKEN_TYPE) {
      return refuse(
        400,
        'invalid_request',
        `requested_token_type must be ${OFFLINE_TOKEN_TYPE} (online tokens are not offered here)`,
      );
    }
    const check = await verifySessionToken(p.subject_token, options);
    if (!check.ok)
      return refuse(400, 'invalid_subject_token', `Session token is invalid: ${check.reason}`);
    if (!options.shops.includes(check.shop)) {
      return refuse(400, 'invalid_subject_token', 'Session token is for an unknown shop');
    }
    counts.exchanges += 1;
    return tokenAnswer(options.tokens.issue(check.shop, options.scope, isTrue(p.expiring)));
  }

  function refresh(p: Params): Response {
    if (!p.refresh_token) return refuse(400, 'invalid_request', 'refresh_token is required');
    const issued = options.tokens.refresh(p.refresh_token);
    if (!issued) return refuse(400, 'invalid_grant', 'The refresh token is invalid or has expired');
    counts.refreshes += 1;
    return tokenAnswer(issued);
  }

  return {
    counts,
    async handle(request) {
      if (request.method !== 'POST') {
        return new Response(null, { status: 405, headers: { allow: 'POST' } });
      }
      const raw = await readParams(request);
      if (!raw) return refuse(400, 'invalid_request', 'The request body could not be read');
      const parsed = Params.safeParse(raw);
      if (!parsed.success) {
        const missing = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
        return refuse(400, 'invalid_request', `Missing or invalid parameters: ${missing}`);
      }
      const p = parsed.data;
      if (p.client_id !== options.apiKey || p.client_secret !== options.apiSecret) {
        return refuse(401, 'invalid_client', 'Client credentials are invalid');
      }
      if (p.grant_type === TOKEN_EXCHANGE_GRANT) return exchange(p);
      if (p.grant_type === 'refresh_token') return refresh(p);
      return refuse(400, 'unsupported_grant_type', `grant_type ${p.grant_type} is not supported`);
    },
  };
}
