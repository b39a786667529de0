// axe-core on the whole page in the form, error and timeline states, in English and Norwegian, desktop and mobile.
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BLOCK,
  type BrowserRig,
  DESKTOP,
  ERROR,
  FLOW_TIMEOUT_MS,
  lookUp,
  MOBILE,
  RESULT,
  SETUP_TIMEOUT_MS,
  screenshot,
  startRig,
} from './browser.js';

const NOW = Date.parse('2026-11-20T10:00:00Z');

/** Violations as short lines (rule, impact, where), so a failure reads without a debugger. */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${v.help}`),
  );
}

const STATES = {
  form: async (page: Page) => {
    await page.locator(`${BLOCK} form`).waitFor();
  },
  error: async (page: Page) => {
    await lookUp(page, '#1001', 'not-the-buyer@example.com');
    await page.locator(ERROR).waitFor();
  },
  // Two shipments, events, items and a partial delivery: the most the timeline draws at once.
  timeline: async (page: Page) => {
    await lookUp(page, '#1009', 'donald@example.com');
    await page.locator(RESULT).waitFor();
  },
} as const;

describe('accessibility of the block on the storefront page', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startRig({ clock: () => NOW });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await rig?.close();
  });

  it(
    'catches a planted violation, so a clean report means the checks ran',
    async () => {
      const context = await rig.browser.newContext({ viewport: DESKTOP });
      try {
        const page = await context.newPage();
        await page.goto(`${rig.demo.url}/`);
        await page.evaluate(() => {
          document.querySelector('main')?.insertAdjacentHTML('beforeend', '<input type="text">');
        });
        expect((await violations(page)).some((line) => line.startsWith('label '))).toBe(true);
      } finally {
        await context.close();
      }
    },
    FLOW_TIMEOUT_MS,
  );

  for (const locale of ['en', 'nb'] as const) {
    for (const viewport of [DESKTOP, MOBILE]) {
      describe(`${locale} at ${viewport.width} px`, () => {
        let context: BrowserContext;
        beforeAll(async () => {
          context = await rig.browser.newContext({ viewport });
        });
        afterAll(async () => {
          await context?.close();
        });

        for (const [state, reach] of Object.entries(STATES)) {
          it(
            `has no axe violations in the ${state} state`,
            async () => {
              const page = await context.newPage();
              try {
                await page.goto(`${rig.demo.url}${locale === 'en' ? '/' : `/${locale}`}`);
                await reach(page);
                await screenshot(page, state, locale, viewport.width);
                expect(await violations(page)).toEqual([]);
              } finally {
                await page.close();
              }
            },
            FLOW_TIMEOUT_MS * 2,
          );
        }
      });
    }
  }
});
