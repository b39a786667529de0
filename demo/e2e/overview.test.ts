// The delivery overview in a real browser inside the local Shopify admin, after the real backfill:
// the board's counts against the seed's truth, count links, search, CSV, axe and screenshots.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_KEYS } from '../../src/overview/board-keys.js';
import { DEMO_SHOP } from '../env.js';
import { generatedAdminOrders } from '../shopify/seed-generated.js';
import { seedOrders } from '../shopify/seed-orders.js';
import {
  type BrowserRig,
  DESKTOP,
  MOBILE,
  SETUP_TIMEOUT_MS,
  screenshot,
  startRig,
} from './browser.js';
import { expectedCounts, expectedShipments } from './expected-board.js';

const NOW = Date.parse('2026-11-20T10:00:00Z');
/** Enough for every state several times over, few enough that the backfill ends in a test's time. */
const GENERATED = 600;
const seeded = [...seedOrders(new Date(NOW)), ...generatedAdminOrders(new Date(NOW), GENERATED)];
const truth = expectedCounts(seeded, NOW);
const shipments = expectedShipments(seeded, NOW);

async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${v.help}`),
  );
}

/** The board's numbers as the merchant reads them (`1,234` → 1234). */
async function boardCounts(app: FrameLocator): Promise<Record<string, number>> {
  await app.locator('[data-count]').first().waitFor({ timeout: 30_000 });
  const pairs = await app
    .locator('[data-count]')
    .evaluateAll((nodes) =>
      nodes.map((n) => [n.getAttribute('data-count') ?? '', n.textContent ?? ''] as const),
    );
  return Object.fromEntries(pairs.map(([k, v]) => [k, Number(v.replace(/\D/g, ''))]));
}

/** The list's rows: order name, status badges and tracking number. */
async function rows(app: FrameLocator) {
  await app.locator('.tyo-table tbody tr').first().waitFor({ timeout: 30_000 });
  return app.locator('.tyo-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
      return {
        order: cells[0] ?? '',
        badges: [...tr.querySelectorAll('s-badge')].map((b) => b.textContent?.trim() ?? ''),
        tracking: cells[3] ?? '',
      };
    }),
  );
}

describe('the delivery overview in the local Shopify admin', () => {
  let rig: BrowserRig;
  let apiKey = '';

  beforeAll(async () => {
    rig = await startRig({ clock: () => NOW, generatedOrders: GENERATED });
    // The backfill runs in the background; the board is compared once it has every order.
    const home = await (await fetch(`${rig.demo.appUrl}/?shop=${DEMO_SHOP}&embedded=1`)).text();
    apiKey = /name="shopify-api-key" content="([^"]+)"/.exec(home)?.[1] ?? '';
    const until = Date.now() + 240_000;
    for (;;) {
      const { token } = (await (
        await fetch(`${rig.demo.url}/admin/session-token?shop=${DEMO_SHOP}&client_id=${apiKey}`)
      ).json()) as { token: string };
      const sync = (await (
        await fetch(`${rig.demo.appUrl}/api/sync`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { state: string };
      if (sync.state === 'completed') break;
      if (sync.state === 'failed' || Date.now() > until) throw new Error(`backfill ${sync.state}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }, SETUP_TIMEOUT_MS + 240_000);

  afterAll(async () => {
    await rig?.close();
  });

  const open = async (width: number, hash = '') => {
    const context = await rig.browser.newContext({
      viewport: width === MOBILE.width ? MOBILE : DESKTOP,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(rig.demo.adminUrl ?? '');
    const app = page.frameLocator('#app-frame');
    await app.locator('#app').waitFor({ timeout: 30_000 });
    if (hash) {
      const frame = page.frames().find((f) => f.url().startsWith(rig.demo.appUrl));
      await frame?.evaluate((h) => {
        window.location.hash = h;
      }, hash);
    }
    return { context, page, app };
  };

  it('the seed has every state the board shows (but a return, which Shopify cannot report)', () => {
    for (const key of BOARD_KEYS)
      if (key !== 'returned_to_sender') expect(truth[key], key).toBeGreaterThan(0);
  });

  it('shows the counts the seed gives through the pure rules', async () => {
    const { context, app } = await open(DESKTOP.width);
    try {
      const shown = await boardCounts(app);
      expect(shown).toEqual(Object.fromEntries(BOARD_KEYS.map((k) => [k, truth[k]])));
    } finally {
      await context.close();
    }
  }, 90_000);

  it('a click on a count lists those shipments, and on stalled the stalled ones', async () => {
    const { context, app } = await open(DESKTOP.width);
    try {
      await app.locator('[data-count="delayed"]').click();
      const delayed = await rows(app);
      expect(delayed).toHaveLength(Math.min(50, truth.delayed));
      for (const r of delayed) expect(r.badges[0]).toBe('Delayed');
      const delayedOrders = new Set(
        shipments.filter((s) => s.status === 'delayed').map((s) => s.orderName),
      );
      for (const r of delayed) expect(delayedOrders.has(r.order), r.order).toBe(true);

      await app.getByRole('link', { name: 'Overview' }).click();
      await app.locator('[data-count="stalled"]').click();
      await app.locator('.tyo-table tbody tr').first().waitFor();
      const stalled = await rows(app);
      expect(stalled).toHaveLength(Math.min(50, truth.stalled));
      for (const r of stalled) expect(r.badges).toContain('Stalled');
    } finally {
      await context.close();
    }
  }, 90_000);

  it('search finds an order by its tracking number', async () => {
    const target = shipments.find(
      (s) => s.status === 'in_transit' && s.trackingNumber && s.orderName.startsWith('#2'),
    );
    if (!target?.trackingNumber) throw new Error('the seed has no tracked parcel in transit');
    const { context, app } = await open(DESKTOP.width, '#shipments');
    try {
      await app.getByLabel('Order or tracking number').fill(target.trackingNumber);
      await app.getByRole('button', { name: 'Search' }).click();
      await expect
        .poll(async () => (await rows(app)).map((r) => [r.order, r.tracking]), { timeout: 30_000 })
        .toEqual([[target.orderName, target.trackingNumber]]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('downloads the filtered list as CSV: BOM, headers, every row', async () => {
    const { context, page, app } = await open(DESKTOP.width, '#shipments?status=delivered');
    try {
      await app.locator('.tyo-table tbody tr').first().waitFor({ timeout: 30_000 });
      const downloading = page.waitForEvent('download');
      await app.getByRole('button', { name: 'Download CSV' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('shipments.csv');
      const text = await readFile((await download.path()) ?? '', 'utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).trimEnd().split('\r\n');
      expect(lines[0]?.split(',').slice(0, 3)).toEqual(['Order', 'Order date', 'Status']);
      expect(lines).toHaveLength(1 + truth.delivered);
      const names = lines.slice(1).map((l) => l.split(',')[0]);
      const delivered = shipments.filter((s) => s.status === 'delivered').map((s) => s.orderName);
      expect(names.sort()).toEqual(delivered.sort());
    } finally {
      await context.close();
    }
  }, 90_000);

  it('the home says the block is on the live theme and the app proxy answers, and links the theme editor', async () => {
    const { context, app } = await open(DESKTOP.width);
    try {
      await app.locator('[data-check="block"][data-state="added"]').waitFor({ timeout: 30_000 });
      await app
        .locator('[data-check="proxy"][data-state="answering"]')
        .waitFor({ timeout: 30_000 });
      await expect(app.locator('[data-check="block"]').textContent()).resolves.toContain(
        'The block is on your live theme (Dawn).',
      );
      const href = await app
        .getByRole('link', { name: 'Add block in the theme editor' })
        .getAttribute('href');
      const link = new URL(href ?? '');
      expect(link.origin + link.pathname).toBe(`https://${DEMO_SHOP}/admin/themes/current/editor`);
      expect(link.searchParams.get('addAppBlockId')).toBe(`${apiKey}/track-order`);
    } finally {
      await context.close();
    }
  }, 90_000);

  for (const width of [DESKTOP.width, MOBILE.width])
    it(`axe finds nothing on the board and the list at ${width} px; screenshots`, async () => {
      const { context, page, app } = await open(width);
      try {
        await boardCounts(app);
        await screenshot(page, 'overview-board', 'en', width);
        expect(await violations(page)).toEqual([]);
        await app.locator('[data-count="in_transit"]').click();
        await rows(app);
        await screenshot(page, 'overview-list', 'en', width);
        expect(await violations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }, 90_000);
});
