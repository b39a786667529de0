// The embedded admin in a real browser: the local admin frames the app home, which installs the shop through /api/session.
import type { Request as BrowserRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrderTable } from '../shopify/seed-orders.js';
import { type BrowserRig, DESKTOP, SETUP_TIMEOUT_MS, screenshot, startRig } from './browser.js';

const SHOP = 'demo-store.myshopify.com';

describe('the app in the local Shopify admin', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    // Not installed in the app yet: the first open of the app home does it.
    rig = await startRig({ preinstall: false });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await rig?.close();
  });

  const lookUp = async () => {
    const order = demoOrderTable()[0];
    const response = await fetch(`${rig.demo.url}/apps/track/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderNumber: order?.orderNumber, email: order?.email }),
    });
    const body = (await response.json()) as { error?: { code: string } };
    return { status: response.status, code: body.error?.code };
  };

  it('installs the app when the admin opens its home, which calls /api/session with a Bearer token', async () => {
    expect(await lookUp()).toEqual({ status: 403, code: 'shop_not_installed' });

    const context = await rig.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const sessionCalls: BrowserRequest[] = [];
    page.on('request', (request) => {
      if (request.url() === `${rig.demo.appUrl}/api/session`) sessionCalls.push(request);
    });
    const homeLoaded = page.waitForResponse(
      (response) =>
        new URL(response.url()).origin === rig.demo.appUrl && response.url().includes('embedded=1'),
    );
    await page.goto(rig.demo.adminUrl ?? '');
    const home = await homeLoaded;
    expect(home.status()).toBe(200);
    expect(home.headers()['content-security-policy']).toBe(
      `frame-ancestors https://${SHOP} https://admin.shopify.com ${rig.demo.url}`,
    );

    const frame = page.frameLocator('#app-frame');
    await frame.locator(`#app[data-shop="${SHOP}"]`).waitFor({ timeout: 15_000 });
    // One page heading: the home's own, or the admin UI's once its bundle has taken over.
    await expect(frame.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
    expect(sessionCalls.length).toBeGreaterThan(0);
    const authorization = (await sessionCalls[0]?.allHeaders())?.authorization ?? '';
    expect(authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    await screenshot(page, 'admin-home', 'en', DESKTOP.width);
    await context.close();

    // The exchange stored the shop's token: the storefront lookups now go through it.
    expect((await lookUp()).status).toBe(200);
  }, 60_000);
});
