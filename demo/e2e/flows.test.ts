// Shopper journeys through the real page: wrong email, no JavaScript, keyboard only, signed in, theme editor.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BLOCK,
  type BrowserRig,
  DESKTOP,
  ERROR,
  FLOW_TIMEOUT_MS,
  fillLookup,
  lookUp,
  MOBILE,
  RESULT,
  readSteps,
  SETUP_TIMEOUT_MS,
  screenshot,
  startRig,
} from './browser.js';
import { blockStrings } from './expected-timelines.js';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const en = blockStrings('en');
const nb = blockStrings('nb');

describe('shopper journeys in a real browser', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startRig({ clock: () => NOW });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await rig?.close();
  });

  async function withPage<T>(
    options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } },
    run: (page: Page) => Promise<T>,
  ): Promise<T> {
    const context = await rig.browser.newContext({ viewport: DESKTOP, ...options });
    try {
      return await run(await context.newPage());
    } finally {
      await context.close();
    }
  }

  it(
    'says "not found" for a wrong email exactly as for an unknown order',
    () =>
      withPage({}, async (page) => {
        await page.goto(`${rig.demo.url}/`);
        await lookUp(page, '#1001', 'not-ada@example.com');
        const wrongEmail = await page.locator(ERROR).textContent();
        expect(wrongEmail).toContain(en('error.order_not_found'));
        await expect(page.locator(RESULT).count()).resolves.toBe(0);

        await page.goto(`${rig.demo.url}/`);
        await lookUp(page, '#9999', 'ada@example.com');
        expect(await page.locator(ERROR).textContent()).toBe(wrongEmail);
      }),
    FLOW_TIMEOUT_MS * 2,
  );

  it(
    'posts the plain form without JavaScript and shows the timeline page inside the theme',
    () =>
      withPage({ javaScriptEnabled: false }, async (page) => {
        await page.goto(`${rig.demo.url}/`);
        await fillLookup(page, '#1001', 'ada@example.com');
        await Promise.all([
          page.waitForURL('**/apps/track/lookup'),
          page.locator(`${BLOCK} form button[type="submit"]`).click(),
        ]);
        // The answer is the proxy's application/liquid page, rendered in the shop's layout.
        await expect(page.locator('header .header__heading-link').textContent()).resolves.toBe(
          'Demo Store',
        );
        const main = page.locator('main');
        await expect(main.getByRole('heading', { name: 'Order #1001' }).count()).resolves.toBe(1);
        // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is what the shopper sees.
        const text = await main.innerText();
        for (const key of ['placed', 'payment', 'fulfillment', 'shipped', 'delivered']) {
          expect(text).toContain(en(`milestone.${key}`));
        }
        expect(text).toContain('RR524378918SE');
        await screenshot(page, 'nojs-timeline', 'en', DESKTOP.width);
      }),
    FLOW_TIMEOUT_MS * 2,
  );

  it(
    'answers the plain form in Norwegian on the Norwegian storefront',
    () =>
      withPage({ javaScriptEnabled: false, viewport: MOBILE }, async (page) => {
        await page.goto(`${rig.demo.url}/nb`);
        await fillLookup(page, '#1013', 'ken@example.com');
        await Promise.all([
          page.waitForURL('**/nb/apps/track/lookup'),
          page.locator(`${BLOCK} form button[type="submit"]`).click(),
        ]);
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nb');
        // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is what the shopper sees.
        const text = await page.locator('main').innerText();
        expect(text).toContain(nb('milestone.cancelled'));
        expect(text).toContain(nb('payment.voided'));
        await screenshot(page, 'nojs-timeline', 'nb', MOBILE.width);
      }),
    FLOW_TIMEOUT_MS * 2,
  );

  it(
    'shows the not-found message on the plain page too, with the form to try again',
    () =>
      withPage({ javaScriptEnabled: false }, async (page) => {
        await page.goto(`${rig.demo.url}/`);
        await fillLookup(page, '#1001', 'someone@example.com');
        await Promise.all([
          page.waitForURL('**/apps/track/lookup'),
          page.locator(`${BLOCK} form button[type="submit"]`).click(),
        ]);
        const main = page.locator('main');
        // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is what the shopper sees.
        expect(await main.innerText()).toContain(en('error.order_not_found'));
        await expect(main.locator('input[name="orderNumber"]').count()).resolves.toBe(1);
        await screenshot(page, 'nojs-error', 'en', DESKTOP.width);
      }),
    FLOW_TIMEOUT_MS * 2,
  );

  it(
    'works with the keyboard alone, from the skip link to the result and back to the form',
    () =>
      withPage({}, async (page) => {
        await page.goto(`${rig.demo.url}/`);
        const focused = () =>
          page.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            return {
              name: el?.getAttribute('name') ?? '',
              text: el?.textContent?.trim() ?? '',
              tag: el?.tagName ?? '',
            };
          });

        await page.keyboard.press('Tab');
        expect((await focused()).text).toBe('Skip to content');

        let steps = 0;
        while ((await focused()).name !== 'orderNumber') {
          await page.keyboard.press('Tab');
          if (++steps > 20) throw new Error('the order number field is not reachable with Tab');
        }
        await page.keyboard.type('#1004');
        await page.keyboard.press('Tab');
        expect((await focused()).name).toBe('email');
        await page.keyboard.type('linus@example.com');
        await page.keyboard.press('Tab');
        expect((await focused()).text).toBe(en('form.submit'));
        await page.keyboard.press('Enter');

        await page.locator(RESULT).waitFor({ timeout: FLOW_TIMEOUT_MS });
        // Focus moves to the result's heading, so a screen reader starts reading there.
        await expect.poll(async () => (await focused()).text).toBe('Order #1004');
        expect((await readSteps(page)).length).toBeGreaterThan(0);

        steps = 0;
        while ((await focused()).text !== en('form.track_another')) {
          await page.keyboard.press('Tab');
          if (++steps > 40) throw new Error('"Track another order" is not reachable with Tab');
        }
        await page.keyboard.press('Enter');
        await expect.poll(async () => (await focused()).name).toBe('orderNumber');
      }),
    FLOW_TIMEOUT_MS * 3,
  );

  it(
    "lists a signed-in customer's orders and tracks one without asking for the email",
    () =>
      withPage({}, async (page) => {
        await page.goto(`${rig.demo.url}/account/login?customer=7001`);
        await expect(page.locator('header').textContent()).resolves.toContain('Ada');
        await page.locator(`${BLOCK} input[name="orderNumber"]`).focus();
        const orders = page.locator(`${BLOCK} .track-order__orders`);
        await orders.waitFor({ timeout: FLOW_TIMEOUT_MS });
        await expect(orders.locator('button strong').allTextContents()).resolves.toEqual(
          expect.arrayContaining(['#1001', '#1014', '#1019']),
        );
        await screenshot(page, 'signed-in', 'en', DESKTOP.width);
        await orders.getByRole('button', { name: /#1014/ }).click();
        await page.locator(RESULT).waitFor({ timeout: FLOW_TIMEOUT_MS });
        expect((await readSteps(page)).map((s) => s.title)).toContain(en('milestone.return'));
      }),
    FLOW_TIMEOUT_MS * 2,
  );

  it(
    'shows the sample timeline in the theme editor preview',
    () =>
      withPage({}, async (page) => {
        await page.goto(`${rig.demo.url}/?design_mode=1`);
        const block = page.locator(BLOCK);
        await expect(block.getAttribute('data-shopify-editor-block')).resolves.toContain(
          'track-order',
        );
        // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is what the shopper sees.
        expect(await block.innerText()).toContain(en('result.sample'));
        await screenshot(page, 'design-mode', 'en', DESKTOP.width);
      }),
    FLOW_TIMEOUT_MS,
  );
});
