// Real-browser check of the App Bridge stand-in inside the local admin's frame.
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.js';
import { createNodeServer, type DemoHandler } from '../node-http.js';
import { verifySessionToken } from '../shopify/session-token.js';
import { APP_BRIDGE_PATH, createAdminFrame, POLARIS_PATH } from './admin-frame.js';

const SHOP = 'demo-store.myshopify.com';
const KEY = 'browser-client-id';
const SECRET = 'browser-client-secret';

async function listen(handler: DemoHandler) {
  const server = createNodeServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const appHome = (adminOrigin: string) => `<!doctype html><html lang="en"><head>
<meta name="shopify-api-key" content="${KEY}"><title>App home</title>
<script src="${adminOrigin}${APP_BRIDGE_PATH}"></script>
<script src="${adminOrigin}${POLARIS_PATH}"></script></head>
<body><s-page heading="Deliveries"><s-section heading="Overview"><s-button id="go">Refresh</s-button>
<s-table><s-table-header-row><s-table-header>Order</s-table-header></s-table-header-row>
<s-table-body><s-table-row><s-table-cell>#1001</s-table-cell></s-table-row></s-table-body></s-table>
<s-text-field label="Search" name="q"></s-text-field></s-section></s-page>
<script type="module">
  const res = await fetch('/api/session', { method: 'POST', body: 'ping' });
  const token = await window.shopify.idToken();
  document.body.dataset.result = JSON.stringify({ status: res.status, body: await res.json(), hasToken: token.split('.').length === 3 });
</script></body></html>`;

describe('App Bridge stand-in in the local admin frame', () => {
  const seen: Array<{ auth: string | null; body: string }> = [];
  let admin: Awaited<ReturnType<typeof listen>>;
  let app: Awaited<ReturnType<typeof listen>>;
  let adminOrigin = '';

  beforeAll(async () => {
    let adminHandle: DemoHandler = async () => new Response(null, { status: 503 });
    admin = await listen((r) => adminHandle(r, ''));
    adminOrigin = admin.origin;
    app = await listen(async (request) => {
      const path = new URL(request.url).pathname;
      if (path === '/') {
        return new Response(appHome(adminOrigin), { headers: { 'content-type': 'text/html' } });
      }
      if (path === '/api/session') {
        const auth = request.headers.get('authorization');
        seen.push({ auth, body: await request.text() });
        // The first call is refused as if its token were stale, to exercise the retry.
        if (seen.length === 1) {
          return Response.json(
            { error: { code: 'invalid_session', message: 'stale' } },
            { status: 401, headers: { 'X-Shopify-Retry-Invalid-Session-Request': '1' } },
          );
        }
        const check = await verifySessionToken((auth ?? '').replace(/^Bearer /, ''), {
          apiKey: KEY,
          apiSecret: SECRET,
          clock: Date.now,
        });
        return check.ok ? Response.json({ shop: check.shop }) : new Response(null, { status: 401 });
      }
      return new Response('Not found', { status: 404 });
    });
    const frame = createAdminFrame({
      apiKey: KEY,
      apiSecret: SECRET,
      appUrl: `${app.origin}/`,
      shops: [SHOP],
      installed: [SHOP],
      topics: [],
      orders: () => [],
      actions: {
        sendWebhook: async () => '',
        orderAction: async () => '',
        onUninstall: async () => {},
      },
      clock: Date.now,
    });
    adminHandle = (r) => frame.handle(r);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await admin?.close();
  });

  it('adds a Bearer session token to same-origin fetches and retries once on a 401 that asks for it', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${adminOrigin}/admin?shop=${SHOP}`);
      const frame = page.frameLocator('#app-frame');
      const result = await frame
        .locator('body[data-result]')
        .getAttribute('data-result', { timeout: 20_000 });
      expect(JSON.parse(result ?? '{}')).toEqual({
        status: 200,
        body: { shop: SHOP },
        hasToken: true,
      });
      expect(seen).toHaveLength(2);
      expect(seen.map((s) => s.body)).toEqual(['ping', 'ping']);
      expect(seen[0]?.auth).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      expect(seen[1]?.auth).toMatch(/^Bearer /);
      expect(seen[1]?.auth).not.toBe(seen[0]?.auth);
      // Polaris stand-in: headings and a focusable button reach the accessibility tree.
      await expect(
        frame.getByRole('heading', { name: 'Deliveries', level: 1 }).count(),
      ).resolves.toBe(1);
      await expect(
        frame.getByRole('heading', { name: 'Overview', level: 2 }).count(),
      ).resolves.toBe(1);
      await expect(frame.getByRole('button', { name: 'Refresh' }).count()).resolves.toBe(1);
      await expect(frame.getByRole('cell', { name: '#1001' }).count()).resolves.toBe(1);
      await frame.getByRole('textbox', { name: 'Search' }).fill('RR524');
      await expect(
        frame.locator('s-text-field').evaluate((e) => (e as HTMLInputElement).value),
      ).resolves.toBe('RR524');
      // The admin page around the frame, and the stand-ins' output inside it, pass axe.
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(
        violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
