// Repeated failed lookups for one order number from one shopper lock that shopper out of it, and they are told to wait.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserRig,
  DESKTOP,
  ERROR,
  FLOW_TIMEOUT_MS,
  lookUp,
  RESULT,
  SETUP_TIMEOUT_MS,
  screenshot,
  startRig,
} from './browser.js';
import { blockStrings, textPattern } from './expected-timelines.js';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const en = blockStrings('en');

describe('rate limits as the shopper meets them', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    // A fixed clock and a small allowance make the lock arrive on a known attempt.
    rig = await startRig({
      clock: () => NOW,
      env: { RATE_LIMIT_ORDER_FAILURES: '2', RATE_LIMIT_ORDER_BLOCK_S: '600' },
    });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await rig?.close();
  });

  it(
    "shows the rate-limit message once the shopper's own failed attempts lock the order number, even for the right email",
    async () => {
      const context = await rig.browser.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      const attempt = async (email: string) => {
        await page.goto(`${rig.demo.url}/`);
        await lookUp(page, '#1002', email);
      };
      try {
        for (let i = 0; i < 2; i++) {
          await attempt('guess@example.com');
          expect(await page.locator(ERROR).textContent()).toContain(en('error.order_not_found'));
        }
        await attempt('alan@example.com');
        const message = (await page.locator(`${ERROR} p`).first().textContent()) ?? '';
        expect(
          [en('error.rate_limited'), en('error.rate_limited_wait')].some((s) =>
            textPattern(s).test(message),
          ),
        ).toBe(true);
        await expect(page.locator(RESULT).count()).resolves.toBe(0);
        await screenshot(page, 'rate-limited', 'en', DESKTOP.width);

        // Another order is not affected by this one's lock.
        await page.goto(`${rig.demo.url}/`);
        await lookUp(page, '#1003', 'joan@example.com');
        await expect(page.locator(RESULT).count()).resolves.toBe(1);
      } finally {
        await context.close();
      }
    },
    FLOW_TIMEOUT_MS * 3,
  );
});
