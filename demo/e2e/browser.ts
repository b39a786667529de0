// Shared set-up for the real-browser tests: the demo on a free port, Debian's Chromium, screenshots, form helpers.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.js';
import { type Demo, type DemoOptions, startDemo } from '../server.js';

export const DESKTOP = { width: 1280, height: 900 } as const;
export const MOBILE = { width: 390, height: 844 } as const;

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));

/** Generous limits: two shared cores, a cold Chromium, a GraphQL schema and the app database to load. */
export const SETUP_TIMEOUT_MS = 120_000;
export const FLOW_TIMEOUT_MS = 15_000;

export interface BrowserRig {
  demo: Demo;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Rate limits are raised far above what a test run sends (every lookup comes from 127.0.0.1),
 * except where a test sets them itself.
 */
export async function startRig(options: DemoOptions = {}): Promise<BrowserRig> {
  const demo = await startDemo({
    port: 0,
    ...options,
    env: {
      RATE_LIMIT_IP_POINTS: '100000',
      RATE_LIMIT_ORDER_FAILURES: '100000',
      RATE_LIMIT_SHOP_POINTS: '100000',
      ...options.env,
    },
  });
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const clock = options.clock;
    if (clock) {
      // Pages read the demo's clock too, so "has the estimate passed?" agrees with the seed orders.
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (contextOptions) => {
        const context = await newContext(contextOptions);
        await context.clock.setFixedTime(clock());
        return context;
      };
    }
    return {
      demo,
      browser,
      close: async () => {
        await browser.close();
        await demo.close();
      },
    };
  } catch (error) {
    await demo.close();
    throw error;
  }
}

export async function screenshot(
  page: Page,
  state: string,
  locale: string,
  width: number,
): Promise<string> {
  const file = join(ARTIFACTS, `${state}-${locale}-${width}.png`);
  await mkdir(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The block's root element; every lookup below is scoped to it. */
export const BLOCK = '[data-track-order]';
export const RESULT = `${BLOCK} .track-order__result`;
export const ERROR = `${BLOCK} .track-order__error`;

export async function fillLookup(page: Page, orderNumber: string, email: string): Promise<void> {
  const form = page.locator(`${BLOCK} form`);
  await form.locator('input[name="orderNumber"]').fill(orderNumber);
  await form.locator('input[name="email"]').fill(email);
}

/** Fills the form, submits it and waits until the widget shows a result or an error. */
export async function lookUp(page: Page, orderNumber: string, email: string): Promise<void> {
  await fillLookup(page, orderNumber, email);
  await page.locator(`${BLOCK} form button[type="submit"]`).click();
  await page.locator(`${RESULT}, ${ERROR}`).first().waitFor({ timeout: FLOW_TIMEOUT_MS });
}

export interface Step {
  title: string;
  details: string[];
  /** The state as announced to assistive technology (the visually hidden text). */
  state: string;
  current: boolean;
}

/** The timeline as the shopper meets it: each step's title, details and announced state. */
export async function readSteps(page: Page, scope = RESULT): Promise<Step[]> {
  return page.locator(`${scope} .track-order__steps > li`).evaluateAll((items) =>
    items.map((li) => ({
      title: li.querySelector('.track-order__step-title')?.textContent?.trim() ?? '',
      details: [...li.querySelectorAll('.track-order__step-detail')].map(
        (d) => d.textContent?.trim() ?? '',
      ),
      state: li.querySelector('.track-order__sr')?.textContent?.trim() ?? '',
      current: li.getAttribute('aria-current') === 'step',
    })),
  );
}
