// @vitest-environment happy-dom
// The App Bridge stand-in's logic in a DOM without a browser: Bearer tokens, refresh, one retry.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';

const SOURCE = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'app-bridge.js'), 'utf8');
const SHOP = 'demo-store.myshopify.com';

const jwt = (exp: number, n: number) =>
  `h.${btoa(JSON.stringify({ exp, n })).replace(/=+$/, '')}.s${n}`;

interface Seen {
  url: string;
  auth: string | null;
}

function load(appAnswers: Response[]) {
  const seen: Seen[] = [];
  let minted = 0;
  const stub = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url);
    seen.push({ url: url.pathname + url.search, auth: request.headers.get('authorization') });
    if (url.pathname === '/admin/session-token') {
      minted += 1;
      return Response.json({ token: jwt(Math.floor(Date.now() / 1000) + 60, minted) });
    }
    if (url.origin !== location.origin) return new Response('elsewhere');
    return appAnswers.shift() ?? Response.json({ ok: true });
  };
  window.fetch = stub as typeof window.fetch;
  new Function(SOURCE)();
  return { seen, minted: () => minted };
}

describe('App Bridge stand-in', () => {
  beforeEach(() => {
    sessionStorage.clear();
    document.head.innerHTML = '<meta name="shopify-api-key" content="key-1">';
    const initial = jwt(Math.floor(Date.now() / 1000) + 60, 0);
    window.history.replaceState(null, '', `/?shop=${SHOP}&host=abc&embedded=1&id_token=${initial}`);
  });

  it('adds the id_token it was opened with as a Bearer token to same-origin requests only', async () => {
    const { seen, minted } = load([]);
    const res = await window.fetch('/api/session');
    expect(await res.json()).toEqual({ ok: true });
    await window.fetch('https://elsewhere.example/x');
    expect(seen[0]?.auth).toBe(`Bearer ${new URLSearchParams(location.search).get('id_token')}`);
    expect(seen[1]?.auth).toBeNull();
    expect(minted()).toBe(0);
    const shopify = (window as unknown as { shopify: { config: { apiKey: string; shop: string } } })
      .shopify;
    expect(shopify.config).toMatchObject({ apiKey: 'key-1', shop: SHOP });
  });

  it('retries once with a fresh token when the app asks for it, and not otherwise', async () => {
    const retry = () =>
      new Response(null, {
        status: 401,
        headers: { 'X-Shopify-Retry-Invalid-Session-Request': '1' },
      });
    const { seen, minted } = load([
      retry(),
      Response.json({ ok: 'second' }),
      retry(),
      retry(),
      new Response(null, { status: 401 }),
    ]);
    const first = await window.fetch('/api/session', { method: 'POST', body: 'x' });
    expect(await first.json()).toEqual({ ok: 'second' });
    const appCalls = seen.filter((s) => s.url.startsWith('/api'));
    expect(appCalls).toHaveLength(2);
    expect(appCalls[1]?.auth).toMatch(/\.s1$/);
    expect(
      seen.some(
        (s) => s.url === `/admin/session-token?shop=${encodeURIComponent(SHOP)}&client_id=key-1`,
      ),
    ).toBe(true);
    // Two refusals in a row: one retry only, and the second 401 reaches the app's code.
    expect((await window.fetch('/api/session')).status).toBe(401);
    // A 401 without the header is not retried.
    expect((await window.fetch('/api/session')).status).toBe(401);
    expect(seen.filter((s) => s.url.startsWith('/api'))).toHaveLength(5);
    expect(minted()).toBe(2);
  });
});
