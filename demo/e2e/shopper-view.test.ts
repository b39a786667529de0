// The shopper view's second pass in a real browser, in New York and Tokyo: items not shipped yet, late
// and bad news with the store's contact page, long histories, Back to the form, the editor sample.
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultHtmlAnswerSchema, ResultHtmlOptionsSchema } from '../../src/contract/result-html.js';
import { renderResultHtml } from '../../src/server/page/result-html.js';
import { formatDay } from '../../src/widget/format.js';
import {
  BLOCK,
  type BrowserRig,
  DESKTOP,
  ERROR,
  FLOW_TIMEOUT_MS,
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
const HOUR = 3_600_000;
const en = blockStrings('en');
const ja = blockStrings('ja');
const NEW_YORK = { timezoneId: 'America/New_York', locale: 'en-US' } as const;
const TOKYO = { timezoneId: 'Asia/Tokyo', locale: 'ja-JP' } as const;

async function axe(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(BLOCK).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

describe('the shopper view in a real browser', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startRig({ clock: () => NOW });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await rig?.close();
  });

  async function withPage<T>(
    options: BrowserContextOptions,
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
    'shows what is not shipped yet for a partly shipped order, without ticking "Shipped" done (New York)',
    () =>
      withPage(NEW_YORK, async (page) => {
        await page.goto(`${rig.demo.url}/`);
        await lookUp(page, '#1009', 'donald@example.com');
        const waiting = page.locator(`${RESULT} .track-order__items`, {
          hasText: en('result.unshipped'),
        });
        await expect(waiting.textContent()).resolves.toMatch(/1 ×\s*\S/);
        const steps = await readSteps(page);
        const preparing = steps.find((s) => s.title === en('milestone.fulfillment'));
        const shipped = steps.find((s) => s.title === en('milestone.shipped'));
        expect(preparing?.state).toBe(en('state.current'));
        expect(shipped?.state).not.toBe(en('state.done'));
        expect(shipped?.details).toContain(en('shipped.partial'));
        expect(await axe(page)).toEqual([]);
        await screenshot(page, 'partly-shipped', 'en', DESKTOP.width);
      }),
    FLOW_TIMEOUT_MS * 2,
  );

  it(
    'says a passed estimate was expected and is running late, in the shopper’s zone (Tokyo)',
    () =>
      withPage({ ...TOKYO, viewport: MOBILE }, async (page) => {
        await page.goto(`${rig.demo.url}/ja`);
        await lookUp(page, '#1008', 'barbara@example.com');
        await expect(page.locator(`${RESULT} .track-order__eta`).count()).resolves.toBe(0);
        // Seeded 20 hours before the demo's now: 19 November 14:00 UTC, the 19th in Tokyo too.
        const day = formatDay(new Date(NOW - 20 * HOUR).toISOString(), 'ja', 'Asia/Tokyo');
        const late = ja('result.late').replace('{date}', day);
        await expect(
          page.locator(`${RESULT} .track-order__note`).allTextContents(),
        ).resolves.toContain(late);
        expect(await axe(page)).toEqual([]);
        await screenshot(page, 'late', 'ja', MOBILE.width);
      }),
    FLOW_TIMEOUT_MS * 2,
  );

  it(
    'explains a failed delivery and offers the store’s contact page; so does "not found" (New York)',
    () =>
      withPage(NEW_YORK, async (page) => {
        await page.goto(`${rig.demo.url}/`);
        await lookUp(page, '#1021', 'mary@example.com');
        const help = page.locator(`${RESULT} .track-order__help`, {
          hasText: en('problem.failure'),
        });
        await expect(help.getByRole('link').getAttribute('href')).resolves.toBe('/pages/contact');
        await expect(help.getByRole('link').textContent()).resolves.toBe(en('result.contact'));
        expect(await axe(page)).toEqual([]);
        await screenshot(page, 'failure', 'en', DESKTOP.width);

        await page.goto(`${rig.demo.url}/de`);
        await lookUp(page, '#9999', 'mary@example.com');
        const link = page.locator(`${ERROR} a`);
        await expect(link.getAttribute('href')).resolves.toBe('/de/pages/contact');
        expect(await axe(page)).toEqual([]);
      }),
    FLOW_TIMEOUT_MS * 2,
  );

  it(
    'shows the latest five of 62 events with a "show all" button, and Back returns to the form (Tokyo)',
    () =>
      withPage(TOKYO, async (page) => {
        // The widget's side of a long history: the proxy's answer is replaced by one with 62 events,
        // drawn as the proxy draws it for what the widget posted.
        await page.route('**/apps/track/lookup', async (route) => {
          const real = await route.fetch();
          const { view } = ResultHtmlAnswerSchema.parse(await real.json());
          const posted = route.request().postDataJSON() as { locale?: string; html: object };
          const shipment = view.shipments[0];
          if (shipment) {
            shipment.events = Array.from({ length: 62 }, (_, i) => ({
              status: 'in_transit' as const,
              at: new Date(NOW - (i + 1) * HOUR).toISOString(),
              message: `Scan ${62 - i}`,
            }));
          }
          const html = renderResultHtml(view, ResultHtmlOptionsSchema.parse(posted.html), {
            locale: posted.locale,
            now: NOW,
            shopTimeZone: undefined,
          });
          await route.fulfill({ response: real, json: { view, html } });
        });
        await page.goto(`${rig.demo.url}/pages/track`);
        await lookUp(page, '#1004', 'linus@example.com');
        await expect.poll(() => new URL(page.url()).searchParams.get('order')).toBe('1004');
        expect(page.url()).not.toContain('linus');
        // Older events are drawn hidden: what the shopper (and assistive technology) meets.
        const events = page.locator(`${RESULT} .track-order__events li:visible`);
        await expect(events.count()).resolves.toBe(5);
        const more = page.getByRole('button', {
          name: en('result.show_all').replace('{count}', '62'),
        });
        await expect(more.getAttribute('aria-expanded')).resolves.toBe('false');
        await more.focus();
        await page.keyboard.press('Enter');
        await expect(events.count()).resolves.toBe(62);
        const fewer = page.getByRole('button', { name: en('result.show_fewer') });
        await expect(fewer.getAttribute('aria-expanded')).resolves.toBe('true');
        await expect(fewer.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
        expect(await axe(page)).toEqual([]);

        await page.goBack();
        const order = page.locator(`${BLOCK} input[name="orderNumber"]`);
        await order.waitFor({ state: 'visible', timeout: FLOW_TIMEOUT_MS });
        await expect(page.locator(RESULT).count()).resolves.toBe(0);
        await expect(order.inputValue()).resolves.toBe('#1004');
        await expect.poll(() => order.evaluate((el) => el === document.activeElement)).toBe(true);
        expect(new URL(page.url()).searchParams.get('order')).toBeNull();
        await page.goForward();
        await page.locator(RESULT).waitFor({ timeout: FLOW_TIMEOUT_MS });
      }),
    FLOW_TIMEOUT_MS * 3,
  );

  it(
    'draws the theme editor sample by the block settings, with dates formatted like the widget',
    () =>
      withPage(NEW_YORK, async (page) => {
        await page.goto(`${rig.demo.url}/?design_mode=1`);
        const sample = page.locator(`${BLOCK} .track-order__result`);
        await expect(sample.locator('.track-order__events li').count()).resolves.toBe(3);
        await expect(sample.locator('.track-order__items li').count()).resolves.toBe(2);
        await expect(
          sample.locator('.track-order__events').evaluate((d) => (d as HTMLDetailsElement).open),
        ).resolves.toBe(true);
        const eta = sample.locator('.track-order__eta time');
        const iso = (await eta.getAttribute('datetime')) ?? '';
        await expect(eta.textContent()).resolves.toBe(formatDay(iso, 'en', 'America/New_York'));
        for (const text of await sample.locator('time').allTextContents()) {
          expect(text).not.toMatch(/^\d{4}-\d\d-\d\d/);
        }
        expect(await axe(page)).toEqual([]);
        await screenshot(page, 'design-mode-settings', 'en', DESKTOP.width);

        await page.goto(
          `${rig.demo.url}/?design_mode=1&setting.show_events=false&setting.show_line_items=false&setting.layout=compact`,
        );
        await expect(sample.locator('.track-order__events').count()).resolves.toBe(0);
        await expect(sample.locator('.track-order__items').count()).resolves.toBe(0);
        await expect(sample.locator('.track-order__facts').count()).resolves.toBe(1);
      }),
    FLOW_TIMEOUT_MS * 2,
  );
});
