import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, startDemo } from './server.js';
import { createAdminEmulator } from './shopify/admin-emulator.js';
import { seedOrders } from './shopify/seed-orders.js';

const NOW = Date.parse('2026-11-20T10:00:00Z');

const lookup = (demo: Demo, path: string, body: unknown, cookie?: string) =>
  fetch(`${demo.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

describe('the demo server with its local Shopify', () => {
  let demo: Demo;
  beforeAll(async () => {
    demo = await startDemo({ port: 0, clock: () => NOW });
  }, 60_000);
  afterAll(() => demo?.close());

  it('serves the storefront page with the block, and the same page without it', async () => {
    const withBlock = await (await fetch(`${demo.url}/`)).text();
    const without = await (await fetch(`${demo.url}/?noblock=1`)).text();
    expect(withBlock).toContain('data-track-order');
    expect(withBlock).toMatch(/<script src="\/extension-assets\/[\w.-]+\.js" defer><\/script>/);
    expect(without).not.toContain('data-track-order');
    expect(without).not.toContain('/extension-assets/');
  });

  it('compresses pages for browsers that accept gzip, as a Shopify storefront does', async () => {
    const { request } = await import('node:http');
    const encoding = await new Promise<string | undefined>((resolve, reject) => {
      request(`${demo.url}/`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        res.resume();
        resolve(res.headers['content-encoding']);
      })
        .on('error', reject)
        .end();
    });
    expect(encoding).toBe('gzip');
  });

  it('serves the Norwegian storefront under /nb and with ?locale=nb', async () => {
    for (const path of ['/nb', '/?locale=nb']) {
      const html = await (await fetch(`${demo.url}${path}`)).text();
      expect(html).toContain('<html class="no-js" lang="nb">');
      expect(html).toContain('data-proxy="/nb/apps/track"');
    }
  });

  it.each([
    ['da', 'Følg din ordre'],
    ['sv', 'Spåra din beställning'],
    ['fi', 'Seuraa tilaustasi'],
    ['de', 'Bestellung verfolgen'],
    ['fr', 'Suivre votre commande'],
    ['es', 'Sigue tu pedido'],
    ['it', 'Traccia il tuo ordine'],
    ['nl', 'Volg je bestelling'],
    ['pt-BR', 'Rastreie seu pedido'],
    ['ja', 'ご注文の配送状況'],
  ])(
    'serves the %s storefront under its prefix, with the block in that language',
    async (locale, heading) => {
      const html = await (await fetch(`${demo.url}/${locale}/pages/track`)).text();
      expect(html).toContain(`<html class="no-js" lang="${locale}">`);
      expect(html).toContain(`data-proxy="/${locale}/apps/track"`);
      expect(html).toContain(heading);
    },
  );

  it('looks an order up through the local app proxy, signed as Shopify signs', async () => {
    const response = await lookup(demo, '/apps/track/lookup', {
      orderNumber: '#1001',
      email: 'ada@example.com',
    });
    expect(response.status).toBe(200);
    const view = (await response.json()) as { order: { name: string } };
    expect(view.order.name).toBe('#1001');
  });

  it('refuses the same request sent to the proxy without the app proxy signature', async () => {
    const response = await lookup(demo, '/proxy/lookup', {
      orderNumber: '#1001',
      email: 'ada@example.com',
    });
    expect(response.status).toBe(401);
  });

  it("logs a seeded customer in with a cookie and lists that customer's orders", async () => {
    const login = await fetch(`${demo.url}/account/login?customer=7001&return_to=/pages/track`, {
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/pages/track');
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const orders = await fetch(`${demo.url}/apps/track/orders`, { headers: { cookie } });
    const body = (await orders.json()) as { orders: { name: string }[] };
    expect(body.orders.map((o) => o.name).sort()).toEqual(['#1001', '#1014', '#1019']);
  });

  it('never redirects a login to another site, and ignores unknown customers', async () => {
    const away = await fetch(`${demo.url}/account/login?customer=7001&return_to=//evil.test/`, {
      redirect: 'manual',
    });
    expect(away.headers.get('location')).toBe('/');
    const unknown = await fetch(`${demo.url}/account/login?customer=1`, { redirect: 'manual' });
    expect(unknown.status).toBe(200);
    expect(unknown.headers.get('set-cookie')).toBeNull();
  });

  it('serves extension assets by file name only', async () => {
    const traversal = await fetch(`${demo.url}/extension-assets/..%2F..%2Fpackage.json`);
    expect(traversal.status).toBe(404);
    const missing = await fetch(`${demo.url}/extension-assets/nothing-here.js`);
    expect(missing.status).toBe(404);
  });
});

describe('the demo server against a real store', () => {
  let store: Server;
  let storeUrl: string;
  let demo: Demo;
  const emulator = createAdminEmulator({
    orders: seedOrders(new Date(NOW)),
    accessToken: 'shpat_developer',
    clock: () => NOW,
  });

  beforeAll(async () => {
    // Stands in for the developer's shop: a separate Admin API the demo must call instead of its own.
    store = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const answer = await emulator.handle(
        new Request(`http://store.test${req.url}`, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: chunks.length ? Buffer.concat(chunks) : undefined,
        }),
      );
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
    storeUrl = `http://127.0.0.1:${(store.address() as AddressInfo).port}`;
    demo = await startDemo({
      port: 0,
      clock: () => NOW,
      env: {
        SHOPIFY_SHOP: 'developer-shop.myshopify.com',
        SHOPIFY_ADMIN_TOKEN: 'shpat_developer',
        SHOPIFY_ADMIN_ENDPOINT: `${storeUrl}/admin/api/2026-10/graphql.json`,
      },
    });
  }, 60_000);

  afterAll(async () => {
    await demo?.close();
    await new Promise((resolve) => store?.close(resolve));
  });

  it("uses the store's Admin API and mounts no local one", async () => {
    expect(demo.mode).toBe('store');
    const before = emulator.calls;
    const response = await lookup(demo, '/apps/track/lookup', {
      orderNumber: '#1002',
      email: 'alan@example.com',
    });
    expect(response.status).toBe(200);
    expect(emulator.calls).toBe(before + 1);
    const local = await fetch(`${demo.url}/admin/api/2026-10/graphql.json`, { method: 'POST' });
    expect(local.status).toBe(404);
  });
});
