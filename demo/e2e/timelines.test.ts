// Every seeded order, looked up through the real block, widget, app proxy and proxy, shows its intended timeline.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateStrings } from '../shopify/seed-builders.js';
import { demoOrderTable, seedOrders } from '../shopify/seed-orders.js';
import {
  type BrowserRig,
  DESKTOP,
  FLOW_TIMEOUT_MS,
  lookUp,
  RESULT,
  readSteps,
  SETUP_TIMEOUT_MS,
  screenshot,
  startRig,
} from './browser.js';
import { blockStrings, EXPECTED, textPattern } from './expected-timelines.js';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const t = blockStrings('en');
const emails = new Map(demoOrderTable().map((row) => [row.orderNumber, row.email]));
const seeds = new Map(seedOrders(new Date(NOW)).map((order) => [order.name, order]));

describe('every seeded order in a real browser', () => {
  let rig: BrowserRig;
  let context: BrowserContext;

  beforeAll(async () => {
    rig = await startRig({ clock: () => NOW });
    context = await rig.browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await rig?.close();
  });

  it('has an expected timeline for each order in the demo table, and no other', () => {
    expect(EXPECTED.map((e) => e.order).sort()).toEqual([...emails.keys()].sort());
  });

  for (const expected of EXPECTED) {
    it(
      `shows ${expected.order} with its intended milestones and shipments`,
      async () => {
        const page = await context.newPage();
        try {
          await page.goto(`${rig.demo.url}/`);
          await lookUp(page, expected.order, emails.get(expected.order) ?? '');
          const result = page.locator(RESULT);
          await expect(result.locator('.track-order__result-title').textContent()).resolves.toBe(
            t('result.heading').replace('{name}', expected.order),
          );

          const steps = await readSteps(page);
          expect(steps.map((s) => [s.title, s.state])).toEqual(
            expected.steps.map(([key, state]) => [t(`milestone.${key}`), t(`state.${state}`)]),
          );
          for (const [i, [, , details = []]] of expected.steps.entries()) {
            const shown = steps[i]?.details ?? [];
            expect(shown).toHaveLength(details.length);
            for (const [j, key] of details.entries()) expect(shown[j]).toMatch(textPattern(t(key)));
          }

          const statuses = await result.locator('.track-order__status').allTextContents();
          expect(statuses).toEqual((expected.shipments ?? []).map((s) => t(`status.${s}`)));

          // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is what the shopper sees.
          const text = await result.innerText();
          for (const shown of expected.shows ?? []) expect(text).toContain(shown);
          if (expected.note) expect(text).toContain(t(expected.note));
          for (const word of expected.never ?? []) expect(text).not.toMatch(word);
          const seed = seeds.get(expected.order);
          for (const secret of [...(seed ? privateStrings(seed) : []), seed?.email ?? '']) {
            if (secret) expect(text).not.toContain(secret);
          }
          await screenshot(page, `timeline-${expected.order.slice(1)}`, 'en', DESKTOP.width);
        } finally {
          await page.close();
        }
      },
      FLOW_TIMEOUT_MS * 2,
    );
  }
});
