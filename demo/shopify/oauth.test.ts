import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAccessTokens } from './access-tokens.js';
import {
  createOAuthEndpoint,
  ID_TOKEN_TYPE,
  OFFLINE_TOKEN_TYPE,
  TOKEN_EXCHANGE_GRANT,
} from './oauth.js';
import { mintSessionToken, verifySessionToken } from './session-token.js';

const SHOP = 'demo-store.myshopify.com';
const OTHER = 'other-store.myshopify.com';
const KEY = 'client-id-1';
const SECRET = 'client-secret-1';

function setup() {
  let now = Date.UTC(2026, 10, 30, 12, 0, 0);
  const clock = () => now;
  const tokens = createAccessTokens(clock);
  const oauth = createOAuthEndpoint({
    apiKey: KEY,
    apiSecret: SECRET,
    scope: 'read_orders,read_fulfillments',
    shops: [SHOP, OTHER],
    tokens,
    clock,
  });
  const post = (body: Record<string, string>, form = false) =>
    oauth.handle(
      new Request(`https://${SHOP}/admin/oauth/access_token`, {
        method: 'POST',
        headers: {
          'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
        },
        body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
      }),
    );
  const session = (
    shop = SHOP,
    extra: { secret?: string; ttl?: number; nbf?: number; key?: string } = {},
  ) =>
    mintSessionToken({
      shop,
      apiKey: extra.key ?? KEY,
      apiSecret: extra.secret ?? SECRET,
      clock,
      ttlSeconds: extra.ttl,
      notBeforeOffsetSeconds: extra.nbf,
    });
  const exchangeBody = (subject: string, expiring = true) => ({
    client_id: KEY,
    client_secret: SECRET,
    grant_type: TOKEN_EXCHANGE_GRANT,
    subject_token: subject,
    subject_token_type: ID_TOKEN_TYPE,
    requested_token_type: OFFLINE_TOKEN_TYPE,
    ...(expiring ? { expiring: '1' } : {}),
  });
  return {
    oauth,
    tokens,
    post,
    session,
    exchangeBody,
    advance: (ms: number) => {
      now += ms;
    },
    clock,
  };
}

describe('session tokens', () => {
  it('carry the claims Shopify puts in them, signed HS256 with the secret', async () => {
    const t = setup();
    const jwt = await t.session();
    const claims = decodeJwt(jwt);
    expect(claims.iss).toBe(`https://${SHOP}/admin`);
    expect(claims.dest).toBe(`https://${SHOP}`);
    expect(claims.aud).toBe(KEY);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(60);
    expect(claims.nbf).toBe(claims.iat);
    expect(typeof claims.jti).toBe('string');
    expect(typeof claims.sid).toBe('string');
    expect(typeof claims.sub).toBe('string');
    const ok = await verifySessionToken(jwt, { apiKey: KEY, apiSecret: SECRET, clock: t.clock });
    expect(ok).toMatchObject({ ok: true, shop: SHOP });
    const bad = await verifySessionToken(jwt, { apiKey: KEY, apiSecret: 'x', clock: t.clock });
    expect(bad.ok).toBe(false);
  });
});

describe('token exchange', () => {
  it('answers an expiring offline token exactly in Shopify fields (JSON and form bodies)', async () => {
    const t = setup();
    for (const form of [false, true]) {
      const res = await t.post(t.exchangeBody(await t.session()), form);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(
        ['access_token', 'expires_in', 'refresh_token', 'refresh_token_expires_in', 'scope'].sort(),
      );
      expect(body.expires_in).toBe(3600);
      expect(body.scope).toBe('read_orders,read_fulfillments');
      expect(t.tokens.isValid(String(body.access_token), SHOP)).toBe(true);
      expect(t.tokens.isValid(String(body.access_token), OTHER)).toBe(false);
    }
    expect(t.oauth.counts.exchanges).toBe(2);
  });

  it('answers only access_token and scope for a non-expiring token', async () => {
    const t = setup();
    const res = await t.post(t.exchangeBody(await t.session(), false));
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'scope']);
    t.advance(10 * 3600_000);
    expect(t.tokens.isValid(String(body.access_token), SHOP)).toBe(true);
  });

  it.each([
    ['a wrong signature', { secret: 'nope' }],
    ['an expired token', { ttl: -1 }],
    ['a token not valid yet', { nbf: 30 }],
    ['a wrong aud', { key: 'another-app' }],
  ])('refuses %s as invalid_subject_token', async (_name, extra) => {
    const t = setup();
    const res = await t.post(t.exchangeBody(await t.session(SHOP, extra)));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_subject_token' });
    expect(t.oauth.counts.exchanges).toBe(0);
  });

  it('refuses an unknown shop, bad client credentials, bad types and grants', async () => {
    const t = setup();
    const unknown = await t.post(t.exchangeBody(await t.session('nobody.myshopify.com')));
    expect(unknown.status).toBe(400);
    const subject = await t.session();
    const client = await t.post({ ...t.exchangeBody(subject), client_secret: 'wrong' });
    expect(client.status).toBe(401);
    expect(await client.json()).toEqual({
      error: 'invalid_client',
      error_description: expect.any(String),
    });
    const type = await t.post({ ...t.exchangeBody(subject), subject_token_type: 'jwt' });
    expect((await type.json()) as unknown).toMatchObject({ error: 'invalid_request' });
    const online = await t.post({
      ...t.exchangeBody(subject),
      requested_token_type: 'urn:shopify:params:oauth:token-type:online-access-token',
    });
    expect(online.status).toBe(400);
    const grant = await t.post({ ...t.exchangeBody(subject), grant_type: 'password' });
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const missing = await t.post({ client_id: KEY });
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });
    expect(t.oauth.counts).toEqual({ exchanges: 0, refreshes: 0, refused: 6 });
  });
});

describe('refresh', () => {
  it('trades a refresh token for a new pair; the old one works until the new one is used', async () => {
    const t = setup();
    const first = (await (await t.post(t.exchangeBody(await t.session()))).json()) as Record<
      string,
      string
    >;
    t.advance(3601_000);
    expect(t.tokens.isValid(first.access_token ?? '', SHOP)).toBe(false);

    const refresh = (token: string) =>
      t.post({
        client_id: KEY,
        client_secret: SECRET,
        grant_type: 'refresh_token',
        refresh_token: token,
      });
    const second = (await (await refresh(first.refresh_token ?? '')).json()) as Record<
      string,
      string
    >;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(t.tokens.isValid(second.access_token ?? '', SHOP)).toBe(true);
    expect(second).toMatchObject({ expires_in: 3600, scope: 'read_orders,read_fulfillments' });

    // The old refresh token still works while the new one is unused…
    const again = await refresh(first.refresh_token ?? '');
    expect(again.status).toBe(200);
    // …and stops once the new one has been used.
    expect((await refresh(second.refresh_token ?? '')).status).toBe(200);
    const stale = await refresh(first.refresh_token ?? '');
    expect(stale.status).toBe(400);
    expect(await stale.json()).toMatchObject({ error: 'invalid_grant' });
    expect(t.oauth.counts.refreshes).toBe(3);
  });

  it('refuses every token of a shop after uninstall', async () => {
    const t = setup();
    const pair = (await (await t.post(t.exchangeBody(await t.session()))).json()) as Record<
      string,
      string
    >;
    t.tokens.revokeShop(SHOP);
    expect(t.tokens.isValid(pair.access_token ?? '', SHOP)).toBe(false);
    const res = await t.post({
      client_id: KEY,
      client_secret: SECRET,
      grant_type: 'refresh_token',
      refresh_token: pair.refresh_token ?? '',
    });
    expect(res.status).toBe(400);
  });
});
