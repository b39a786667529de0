// Recommendations in a real browser: drawn after the timeline, in the market's currency, accessible, and moving nothing on the page.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BLOCK,
  type BrowserRig,
  DESKTOP,
  FLOW_TIMEOUT_MS,
  lookUp,
  MOBILE,
  RESULT,
  SETUP_TIMEOUT_MS,
  screenshot,
  startRig,
} from './browser.js';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const RECS = `${BLOCK} .track-order__recs`;

/** Records layout shifts and when the timeline and the cards first appear, from the page's start. */
const OBSERVE = () => {
  const w = window as unknown as {
    shifts: { value: number; recent: boolean; at: number }[];
    seen: Record<string, number>;
  };
  w.shifts = [];
  w.seen = {};
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
    })[]) {
      w.shifts.push({ value: entry.value, recent: entry.hadRecentInput, at: entry.startTime });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new MutationObserver(() => {
    for (const name of ['track-order__result', 'track-order__recs']) {
      if (!w.seen[name] && document.querySelector(`.${name}`)) w.seen[name] = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
};

async function observed(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as {
      shifts: { value: number; recent: boolean; at: number }[];
      seen: Record<string, number>;
    };
    return { shifts: w.shifts, seen: w.seen };
  });
}

describe('recommendations below a tracked order', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startRig({ clock: () => NOW });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await rig?.close();
  });

  it.each([
    ['en', '', DESKTOP, 'You may also like', 'EUR'],
    ['nb', '/nb', MOBILE, 'Du vil kanskje også like', 'NOK'],
  ] as const)(
    '%s: the timeline first, then the cards; axe clean; no layout shift',
    async (locale, prefix, viewport, heading, currency) => {
      const context = await rig.browser.newContext({ viewport, locale });
      try {
        await context.addInitScript(OBSERVE);
        const page = await context.newPage();
        await page.goto(`${rig.demo.url}${prefix}/pages/track`);
        await lookUp(page, '#1009', 'donald@example.com');
        await page.locator(RESULT).waitFor();
        await page.locator(`${RECS} li`).first().waitFor({ timeout: FLOW_TIMEOUT_MS });

        const { shifts, seen } = await observed(page);
        expect(seen['track-order__result']).toBeDefined();
        expect(seen['track-order__recs']).toBeGreaterThan(seen['track-order__result'] ?? Infinity);

        const recs = page.locator(RECS);
        expect(await recs.getByRole('heading', { level: 3 }).textContent()).toBe(heading);
        const cards = await recs.locator('li').evaluateAll((items) =>
          items.map((li) => ({
            alt: li.querySelector('img')?.getAttribute('alt') ?? null,
            href: li.querySelector('a')?.getAttribute('href') ?? '',
            price: li.querySelector('.track-order__rec-price')?.textContent ?? '',
          })),
        );
        expect(cards.length).toBeGreaterThan(0);
        expect(cards.length).toBeLessThanOrEqual(4);
        for (const card of cards) {
          expect(card.alt).toBeTruthy();
          expect(card.href.startsWith(`${prefix}/products/`)).toBe(true);
        }
        // The ordered items (socks, boots, lamp) are not offered again.
        expect(cards.map((c) => c.href).join()).not.toMatch(
          /merino-hiking-socks|trail-boots|aurora-desk-lamp/,
        );
        const symbol = new Intl.NumberFormat(locale, { style: 'currency', currency })
          .formatToParts(1)
          .find((p) => p.type === 'currency')?.value;
        expect(cards[0]?.price).toContain(symbol);

        await screenshot(page, 'recommendations', locale, viewport.width);
        const { violations } = await new AxeBuilder({ page }).analyze();
        expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

        // CLS from the timeline on: the cards appear below everything already drawn, so nothing
        // moves. (The lookup itself may shift the page before the timeline exists; with the cards
        // switched off that happens alike, so it is not theirs.)
        const since = seen['track-order__result'] ?? 0;
        const cls = shifts
          .filter((s) => !s.recent && s.at >= since)
          .reduce((sum, s) => sum + s.value, 0);
        expect(cls).toBe(0);

        // "Track another order" takes the cards away with the timeline.
        await page.locator(`${BLOCK} .track-order__again`).click();
        await page.locator(`${BLOCK} form`).waitFor();
        expect(await page.locator(RECS).count()).toBe(0);
      } finally {
        await context.close();
      }
    },
    FLOW_TIMEOUT_MS * 4,
  );

  it(
    'a block with recommendations switched off asks for none',
    async () => {
      const context = await rig.browser.newContext({ viewport: DESKTOP });
      try {
        const page = await context.newPage();
        const asked: string[] = [];
        page.on('request', (r) => {
          if (/recommendations(\.js|\?)/.test(r.url())) asked.push(r.url());
        });
        await page.goto(`${rig.demo.url}/pages/track?setting.show_recommendations=false`);
        await lookUp(page, '#1009', 'donald@example.com');
        await page.locator(RESULT).waitFor();
        await page.waitForTimeout(500);
        expect(await page.locator(RECS).count()).toBe(0);
        expect(asked).toEqual([]);
      } finally {
        await context.close();
      }
    },
    FLOW_TIMEOUT_MS * 2,
  );
});
