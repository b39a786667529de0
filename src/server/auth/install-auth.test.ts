// App mode over HTTP: session tokens, token exchange, refresh, per-shop tokens, restarts, sealing.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/ports.js';
import { type DatabaseHandle, openDatabase } from '../../db/index.js';
import { createRepositories } from '../../db/repositories.js';
import { type DatabaseKind, databases, testDatabase } from '../../db/testing.js';
import { createSealer, type Sealer } from '../../platform/crypto.js';
import { adminAnswer, adminOrder, ORDER_EMAIL } from '../../testing/admin-orders.js';
import {
  API_KEY,
  type FakeTokenEndpoint,
  fakeTokenEndpoint,
  sessionToken,
} from '../../testing/session-tokens.js';
import { lookupRequest, NOW, SECRET } from '../../testing/signed.js';
import { type App, createApp } from '../app.js';
import { REFRESH_MARGIN_MS } from './token-exchange.js';

const SHOP_A = 'shop-a.myshopify.com';
const SHOP_B = 'shop-b.myshopify.com';
const APP_ENV = {
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_APP_URL: 'https://track.example.com',
};

interface Harness {
  app: App;
  endpoint: FakeTokenEndpoint;
  database: DatabaseHandle;
  sealer: Sealer;
  advance(ms: number): void;
  /** Another app over the same database and endpoint (a restart, or a second process). */
  another(database?: DatabaseHandle): App;
  session(shop: string, token?: string): Promise<Response>;
}

async function harness(kind: DatabaseKind, env: Record<string, string> = {}): Promise<Harness> {
  const database = await testDatabase(kind);
  const sealer = createSealer(randomBytes(32));
  let now = NOW;
  const clock = () => now;
  const endpoint = fakeTokenEndpoint((url, token, body) =>
    Response.json(adminAnswer(body, [adminOrder({ note: `${url} ${token}` })])),
  );
  const build = (db: DatabaseHandle) =>
    createApp(
      { ...APP_ENV, ...env },
      {
        fetch: endpoint.fetch,
        clock,
        sleep: async () => {},
        timeoutSignal: () => new AbortController().signal,
        stores: {
          db: db.db,
          repos: createRepositories(db.db, sealer, clock),
          sealer,
          ping: db.ping,
        },
      },
    );
  const app = build(database);
  return {
    app,
    endpoint,
    database,
    sealer,
    advance: (ms) => {
      now += ms;
    },
    another: (db = database) => build(db),
    session: async (shop, token) =>
      app.fetch(
        new Request('http://app.test/api/session', {
          headers: { authorization: `Bearer ${token ?? (await sessionToken(SECRET, { shop }))}` },
        }),
      ),
  };
}

const extraPools: DatabaseHandle[] = [];
afterAll(async () => {
  for (const pool of extraPools) await pool.close();
});

describe.each(databases())('app mode on %s', (kind) => {
  it('answers /api/session for a valid session token with the shop of its dest', async () => {
    const h = await harness(kind);
    const response = await h.session(SHOP_A);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ shop: SHOP_A, needsReauthorisation: false });
  });

  const refused: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['an expired token', () => sessionToken(SECRET, { shop: SHOP_A, expiresIn: -60 })],
    ['a token for another app (aud)', () => sessionToken(SECRET, { shop: SHOP_A, aud: 'other' })],
    ['a token signed with another secret', () => sessionToken('not-the-secret', { shop: SHOP_A })],
    ['a token not valid yet (nbf)', () => sessionToken(SECRET, { shop: SHOP_A, notBeforeIn: 120 })],
    [
      'a dest that is not a myshopify domain',
      () => sessionToken(SECRET, { dest: 'https://evil.example.com' }),
    ],
    ['a dest with a path', () => sessionToken(SECRET, { dest: `https://${SHOP_A}/admin` })],
  ];
  for (const [name, token] of refused) {
    it(`answers 401 invalid_session with the retry header for ${name}`, async () => {
      const h = await harness(kind);
      const value = await token();
      const response = await h.app.fetch(
        new Request('http://app.test/api/session', {
          headers: value ? { authorization: `Bearer ${value}` } : {},
        }),
      );
      expect(response.status).toBe(401);
      expect(response.headers.get('x-shopify-retry-invalid-session-request')).toBe('1');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'invalid_session',
      );
      expect(h.endpoint.calls).toHaveLength(0);
    });
  }

  it('takes the shop only from dest: a token issued by shop A for dest B is shop B', async () => {
    const h = await harness(kind);
    const token = await sessionToken(SECRET, { shop: SHOP_A, dest: `https://${SHOP_B}` });
    const response = await h.session(SHOP_A, token);
    expect(((await response.json()) as { shop: string }).shop).toBe(SHOP_B);
    expect(h.endpoint.calls[0]?.url).toBe(`https://${SHOP_B}/admin/oauth/access_token`);
  });

  it('exchanges the first session token for an expiring offline token, as Shopify documents', async () => {
    const h = await harness(kind);
    const token = await sessionToken(SECRET, { shop: SHOP_A });
    await h.session(SHOP_A, token);
    expect(h.endpoint.calls).toEqual([
      {
        url: `https://${SHOP_A}/admin/oauth/access_token`,
        body: {
          client_id: API_KEY,
          client_secret: SECRET,
          grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
          subject_token: token,
          subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
          requested_token_type: 'urn:shopify:params:oauth:token-type:offline-access-token',
          expiring: '1',
        },
      },
    ]);
    const repos = createRepositories(h.database.db, h.sealer);
    expect((await repos.shops.get(SHOP_A))?.state).toBe('installed');
    const stored = await repos.sessions.load(SHOP_A);
    expect(stored?.accessToken).toBe(`shpat_${SHOP_A}_1`);
    expect(stored?.refreshToken).toBe(`shprt_${SHOP_A}_1`);
    expect(stored?.accessExpiresAt?.getTime()).toBe(NOW + 3_600_000);
    // A second call finds the stored session: no second exchange.
    await h.session(SHOP_A);
    expect(h.endpoint.calls).toHaveLength(1);
  });

  it('keeps tokens only sealed at rest', async () => {
    const h = await harness(kind);
    await h.session(SHOP_A);
    const rows = await sql<Record<string, unknown>>`select * from offline_sessions`.execute(
      h.database.db,
    );
    const raw = JSON.stringify(rows.rows);
    expect(raw).toContain(SHOP_A);
    expect(raw).not.toContain(`shpat_${SHOP_A}_1`);
    expect(raw).not.toContain(`shprt_${SHOP_A}_1`);
  });

  it('keeps every installed shop across a restart: no new exchange', async () => {
    const h = await harness(kind);
    await h.session(SHOP_A);
    await h.session(SHOP_B);
    const restarted = h.another();
    for (const shop of [SHOP_A, SHOP_B]) {
      const response = await restarted.fetch(
        new Request('http://app.test/api/session', {
          headers: { authorization: `Bearer ${await sessionToken(SECRET, { shop })}` },
        }),
      );
      expect(response.status).toBe(200);
      expect(await restarted.tokens?.accessToken(shop)).toBe(
        `shpat_${shop}_${shop === SHOP_A ? 1 : 2}`,
      );
    }
    expect(h.endpoint.calls).toHaveLength(2);
  });

  it('refreshes once for many concurrent calls when the token is about to expire', async () => {
    const h = await harness(kind);
    await h.session(SHOP_A);
    h.advance(3_600_000 - REFRESH_MARGIN_MS + 1000);
    const release = h.endpoint.holdRefresh();
    const pending = Array.from({ length: 10 }, () => h.app.tokens?.accessToken(SHOP_A));
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    const tokens = await Promise.all(pending);
    expect(new Set(tokens)).toEqual(new Set([`shpat_${SHOP_A}_2`]));
    const refreshes = h.endpoint.calls.filter((c) => c.body.grant_type === 'refresh_token');
    expect(refreshes).toEqual([
      {
        url: `https://${SHOP_A}/admin/oauth/access_token`,
        body: {
          client_id: API_KEY,
          client_secret: SECRET,
          refresh_token: `shprt_${SHOP_A}_1`,
          grant_type: 'refresh_token',
        },
      },
    ]);
    // Not due again before the new token nears its end.
    h.advance(60_000);
    expect(await h.app.tokens?.accessToken(SHOP_A)).toBe(`shpat_${SHOP_A}_2`);
    expect(h.endpoint.calls).toHaveLength(2);
  });

  it('marks the shop needs_reauthorisation when Shopify refuses the refresh token, and keeps answering', async () => {
    const h = await harness(kind);
    await h.session(SHOP_A);
    h.advance(3_600_000);
    h.endpoint.refuseRefresh();
    expect(await h.app.tokens?.accessToken(SHOP_A)).toBe(`shpat_${SHOP_A}_1`);
    const repos = createRepositories(h.database.db, h.sealer);
    expect((await repos.shops.get(SHOP_A))?.needsReauthorisation).toBe(true);
    // No more refresh attempts until the merchant opens the app …
    await h.app.tokens?.accessToken(SHOP_A);
    expect(h.endpoint.calls).toHaveLength(2);
    // … which exchanges a new session token and clears the mark.
    const response = await h.session(SHOP_A);
    expect(await response.json()).toEqual({ shop: SHOP_A, needsReauthorisation: false });
    expect(h.endpoint.calls.at(-1)?.body.grant_type).toBe(
      'urn:ietf:params:oauth:grant-type:token-exchange',
    );
  });

  it("looks orders up with the signed shop's own token: shop A's token never reads shop B", async () => {
    const h = await harness(kind);
    await h.session(SHOP_A);
    await h.session(SHOP_B);
    const body = { orderNumber: '#1001', email: ORDER_EMAIL };
    for (const shop of [SHOP_B, SHOP_A]) {
      const response = await h.app.fetch(lookupRequest(body, { shop }));
      expect(response.status).toBe(200);
    }
    // Installing asked each shop its time zone and made its Storefront token, each with its own
    // token; then the two lookups, each a find and the matching order's detail (neither order was
    // synced yet, so both are read live).
    expect(h.endpoint.adminCalls.map((c) => [new URL(c.url).host, c.token])).toEqual([
      [SHOP_A, `shpat_${SHOP_A}_1`],
      [SHOP_A, `shpat_${SHOP_A}_1`],
      [SHOP_B, `shpat_${SHOP_B}_2`],
      [SHOP_B, `shpat_${SHOP_B}_2`],
      [SHOP_B, `shpat_${SHOP_B}_2`],
      [SHOP_B, `shpat_${SHOP_B}_2`],
      [SHOP_A, `shpat_${SHOP_A}_1`],
      [SHOP_A, `shpat_${SHOP_A}_1`],
    ]);
    // The live reads were stored: the same lookups again cost Shopify nothing.
    const before = h.endpoint.adminCalls.length;
    for (const shop of [SHOP_B, SHOP_A]) {
      // Past the lookup cache: the answer must come from the store.
      await h.app.invalidateOrder(shop, '#1001');
      const again = await h.app.fetch(lookupRequest(body, { shop }));
      expect(again.status).toBe(200);
    }
    expect(h.endpoint.adminCalls.length - before).toBe(0);
  });

  it('answers 403 shop_not_installed for a shop that never installed or uninstalled', async () => {
    const h = await harness(kind);
    await h.session(SHOP_A);
    const body = { orderNumber: '#1001', email: ORDER_EMAIL };
    const before = h.endpoint.adminCalls.length;
    const never = await h.app.fetch(lookupRequest(body, { shop: SHOP_B }));
    expect(never.status).toBe(403);
    expect(((await never.json()) as { error: { code: string } }).error.code).toBe(
      'shop_not_installed',
    );
    await createRepositories(h.database.db, h.sealer).shops.markUninstalled(SHOP_A);
    const gone = await h.app.fetch(lookupRequest(body, { shop: SHOP_A }));
    expect(gone.status).toBe(403);
    expect(h.endpoint.adminCalls).toHaveLength(before);
  });

  it('sends every call to SHOPIFY_API_ORIGIN instead of https://{shop}, keeping the paths', async () => {
    const h = await harness(kind, { SHOPIFY_API_ORIGIN: 'http://127.0.0.1:9999' });
    await h.session(SHOP_A);
    await h.app.fetch(
      lookupRequest({ orderNumber: '#1001', email: ORDER_EMAIL }, { shop: SHOP_A }),
    );
    expect(h.endpoint.calls[0]?.url).toBe('http://127.0.0.1:9999/admin/oauth/access_token');
    expect(h.endpoint.adminCalls[0]?.url).toBe(
      'http://127.0.0.1:9999/admin/api/2026-10/graphql.json',
    );
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('two app processes on one Postgres', () => {
  it('refresh a shop once between them (advisory lock)', async () => {
    const h = await harness('postgres');
    const second = await openDatabase(
      {
        databaseUrl: process.env.TEST_DATABASE_URL,
        dataDir: '',
        schema: h.database.schema,
        poolMax: 2,
        migrate: false,
      },
      silentLogger,
    );
    extraPools.push(second);
    const other = h.another(second);
    await h.session(SHOP_A);
    h.advance(3_600_000);
    const release = h.endpoint.holdRefresh();
    const pending = [
      ...Array.from({ length: 5 }, () => h.app.tokens?.accessToken(SHOP_A)),
      ...Array.from({ length: 5 }, () => other.tokens?.accessToken(SHOP_A)),
    ];
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    const tokens = await Promise.all(pending);
    expect(new Set(tokens)).toEqual(new Set([`shpat_${SHOP_A}_2`]));
    expect(h.endpoint.calls.filter((c) => c.body.grant_type === 'refresh_token')).toHaveLength(1);
  });
});
