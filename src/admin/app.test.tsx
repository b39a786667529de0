// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from './api.js';
import { App, addBlockLink, parseRoute } from './app.js';
import { createI18n } from './i18n.js';
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };

afterEach(cleanup);

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const ONBOARDING_DONE = {
  block: { state: 'added', themeName: 'Dawn', files: ['templates/page.track.json'] },
  proxy: { state: 'answering', url: 'https://alpha.example/apps/track/ping' },
};

/** `calls` records every call but the board's onboarding check, which answers `onboarding`. */
function fakeApi(
  answer: (path: string, init?: RequestInit) => Response,
  onboarding: unknown = ONBOARDING_DONE,
) {
  const calls: { path: string; init?: RequestInit }[] = [];
  const api = createApi(async (path, init) => {
    if (path === '/api/onboarding') return json(onboarding);
    calls.push({ path, init });
    return answer(path, init);
  });
  return { api, calls };
}

const COUNTS = {
  label_created: 4,
  in_transit: 120,
  out_for_delivery: 7,
  ready_for_pickup: 3,
  attempted_delivery: 2,
  delayed: 5,
  delivered: 900,
  failure: 1,
  returned_to_sender: 1,
  cancelled: 0,
  unknown: 0,
  unfulfilled: 12,
  on_hold: 2,
  scheduled: 1,
  stalled: 9,
};

const ROW = {
  kind: 'shipment',
  id: 'gid://shopify/Fulfillment/1',
  orderGid: 'gid://shopify/Order/77',
  orderName: '#1077',
  processedAt: '2026-11-20T10:00:00.000Z',
  status: 'in_transit',
  stalled: true,
  carrierName: 'Bring',
  carrierCode: 'bring',
  trackingNumber: '70712345678901234',
  trackingUrl: 'https://tracking.bring.com/tracking/70712345678901234',
  lastEvent: {
    status: 'IN_TRANSIT',
    at: '2026-11-22T10:00:00.000Z',
    message: 'Sorted at terminal',
  },
  lastActivityAt: '2026-11-22T10:00:00.000Z',
  destinationCountryCode: 'NO',
  shippedAt: '2026-11-21T10:00:00.000Z',
  estimatedDeliveryAt: null,
  deliveredAt: null,
  daysInTransit: 9,
  fulfillAt: null,
};

const props = (api: ReturnType<typeof createApi>, hash: string, locale: 'en' | 'nb' = 'en') => ({
  api,
  i18n: createI18n(locale),
  shop: 'alpha.myshopify.com',
  apiKey: 'key123',
  route: parseRoute(hash),
});

async function axeViolations(container: Element) {
  const result = await axe.run(container as HTMLElement, {
    rules: { 'color-contrast': { enabled: false } },
  });
  return result.violations.map((v) => v.id);
}

describe('status board', () => {
  it('shows every count, each linking to the list filtered by it', async () => {
    const { api, calls } = fakeApi(() =>
      json({ counts: COUNTS, oldestUnfulfilledAt: null, timeZone: 'UTC' }),
    );
    const { container } = render(<App {...props(api, '#board?from=2026-11-01')} />);
    await screen.findByText('Delayed');
    expect(calls[0]?.path).toBe('/api/overview?from=2026-11-01');
    const link = (label: string) => screen.getByText(label).closest('a')?.getAttribute('href');
    expect(link('Delayed')).toBe('#shipments?status=delayed&from=2026-11-01');
    expect(link('Stalled')).toBe('#shipments?stalled=true&from=2026-11-01');
    expect(link('Waiting to be fulfilled')).toBe('#shipments?status=unfulfilled&from=2026-11-01');
    expect(container.querySelector('[data-count="in_transit"]')?.textContent).toBe('120');
    expect(container.querySelector('[data-count="delivered"]')?.textContent).toBe('900');
    expect(screen.getByText('Add block in the theme editor').getAttribute('href')).toBe(
      addBlockLink('alpha.myshopify.com', 'key123'),
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  it('says so when there are no orders yet', async () => {
    const zero = Object.fromEntries(Object.keys(COUNTS).map((k) => [k, 0]));
    const { api } = fakeApi(() =>
      json({ counts: zero, oldestUnfulfilledAt: null, timeZone: 'UTC' }),
    );
    render(<App {...props(api, '')} />);
    await screen.findByText(en.board.empty);
  });

  it('shows loading, then an error with a retry that loads again', async () => {
    let fail = true;
    const { api, calls } = fakeApi(() =>
      fail
        ? json({ error: { code: 'internal_error', message: 'x' } }, 500)
        : json({ counts: COUNTS, oldestUnfulfilledAt: null, timeZone: 'UTC' }),
    );
    render(<App {...props(api, '')} />);
    for (const status of screen.getAllByRole('status'))
      expect(status.textContent).toBe(en.app.loading);
    await screen.findByRole('alert');
    fail = false;
    fireEvent.click(screen.getByText(en.app.retry));
    await screen.findByText('Delayed');
    expect(calls).toHaveLength(2);
  });

  it('shows whether the block is on the live theme and the proxy answers', async () => {
    const counts = () => json({ counts: COUNTS, oldestUnfulfilledAt: null, timeZone: 'UTC' });
    const done = render(<App {...props(fakeApi(counts).api, '')} />);
    await screen.findByText('The block is on your live theme (Dawn).', { exact: false });
    expect(screen.getByText(en.onboarding.proxyOk, { exact: false })).toBeTruthy();
    expect(screen.getAllByText(en.onboarding.state.done)).toHaveLength(2);
    expect(await axeViolations(done.container)).toEqual([]);
    cleanup();
    const missing = {
      block: { state: 'missing', themeName: 'Dawn', files: [] },
      proxy: { state: 'not_answering', url: 'https://alpha.example/apps/track/ping' },
    };
    render(<App {...props(fakeApi(counts, missing).api, '', 'nb')} />);
    await screen.findByText('Blokken ligger ikke i det publiserte temaet (Dawn) ennå.', {
      exact: false,
    });
    expect(screen.getByText(nb.onboarding.proxyFailed, { exact: false })).toBeTruthy();
    expect(screen.getAllByText(nb.onboarding.state.todo)).toHaveLength(2);
    expect(screen.getByText(nb.onboarding.addBlock).getAttribute('href')).toBe(
      addBlockLink('alpha.myshopify.com', 'key123'),
    );
  });

  it('speaks Norwegian', async () => {
    const { api } = fakeApi(() =>
      json({ counts: COUNTS, oldestUnfulfilledAt: null, timeZone: 'UTC' }),
    );
    render(<App {...props(api, '', 'nb')} />);
    await screen.findByText(nb.status.delayed);
    expect(screen.getByText(nb.app.title)).toBeTruthy();
  });
});

describe('shipment list', () => {
  it('asks for the filters in the hash and shows each shipment with its links', async () => {
    const { api, calls } = fakeApi(() => json({ shipments: [ROW], nextCursor: 'c2' }));
    const { container } = render(<App {...props(api, '#shipments?status=in_transit&q=1077')} />);
    await screen.findByText('#1077');
    expect(calls[0]?.path).toBe('/api/shipments?status=in_transit&q=1077');
    expect(screen.getByText('#1077').getAttribute('href')).toBe(
      'https://alpha.myshopify.com/admin/orders/77',
    );
    expect(screen.getByText('70712345678901234').getAttribute('href')).toBe(ROW.trackingUrl);
    expect(screen.getAllByText('Stalled').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByText(en.list.more));
    await waitFor(() =>
      expect(calls[1]?.path).toBe('/api/shipments?status=in_transit&q=1077&cursor=c2'),
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  it('writes a search into the hash', async () => {
    const { api } = fakeApi(() => json({ shipments: [], nextCursor: null }));
    render(<App {...props(api, '#shipments')} />);
    await screen.findByText(en.list.empty);
    const input = screen.getByLabelText(en.list.search) as HTMLInputElement;
    input.value = 'RR123456789NO';
    fireEvent.submit(input.closest('form') as HTMLFormElement);
    expect(window.location.hash).toBe('#shipments?q=RR123456789NO&sort=shippedAt&dir=desc');
  });

  it('downloads the CSV of the current filter', async () => {
    const { api, calls } = fakeApi((path) =>
      path.startsWith('/api/shipments.csv')
        ? new Response('\uFEFFOrder\r\n', { headers: { 'content-type': 'text/csv' } })
        : json({ shipments: [ROW], nextCursor: null }),
    );
    const saved: string[] = [];
    render(
      <App
        {...props(api, '#shipments?carrier=bring')}
        download={(_blob, name) => saved.push(name)}
      />,
    );
    await screen.findByText('#1077');
    fireEvent.click(screen.getByText(en.list.download));
    await waitFor(() => expect(saved).toEqual(['shipments.csv']));
    expect(calls.at(-1)?.path).toBe('/api/shipments.csv?carrier=bring&locale=en');
  });
});

describe('settings', () => {
  const SETTINGS = {
    carriers: {
      bring: { configured: true },
      postnord: { configured: false },
      dhl: { configured: false },
      seventeenTrack: { configured: false },
    },
    writeBack: false,
    stalledAfterDays: 5,
    stalledAfterDaysByClass: { express: 3, postal: 7, other: 5 },
  };

  it('loads and saves the stalled thresholds, carrier keys typed in and write-back', async () => {
    const { api, calls } = fakeApi((_path, init) =>
      init?.method === 'PUT'
        ? json({
            ...SETTINGS,
            carriers: { ...SETTINGS.carriers, dhl: { configured: true } },
            writeBack: true,
            stalledAfterDaysByClass: { express: 2, postal: 7, other: 5 },
          })
        : json(SETTINGS),
    );
    const { container } = render(<App {...props(api, '#settings')} />);
    const express = (await screen.findByLabelText(/Express carriers/)) as HTMLInputElement;
    expect(express.value).toBe('3');
    expect(
      screen.getByText(`${en.settings.carrier.bring}: ${en.settings.configured}`),
    ).toBeTruthy();
    express.value = '2';
    const keys = container.querySelectorAll<HTMLInputElement>('input[type=password]');
    const dhl = [...keys].find((input) => input.name === 'dhl-key') as HTMLInputElement;
    dhl.value = 'dhl-api-key';
    const writeBack = screen.getByLabelText(/Add carrier milestones/) as HTMLInputElement;
    writeBack.checked = true;
    fireEvent.submit(express.closest('form') as HTMLFormElement);
    await screen.findByText(en.settings.saved);
    // Untouched key fields are not sent: the keys saved stay.
    expect(JSON.parse(String(calls[1]?.init?.body))).toEqual({
      carriers: { dhl: { key: 'dhl-api-key' } },
      writeBack: true,
      stalledAfterDaysByClass: { express: 2, postal: 7, other: 5 },
    });
    await screen.findByText(`${en.settings.carrier.dhl}: ${en.settings.configured}`);
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe('locale files', () => {
  const keys = (node: unknown, prefix = ''): string[] =>
    typeof node === 'object' && node !== null
      ? Object.entries(node).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
      : [prefix.slice(0, -1)];
  it('nb has exactly the keys of en, each translated', () => {
    expect(keys(nb).sort()).toEqual(keys(en).sort());
    const same = keys(en).filter((k) => {
      const get = (o: unknown) =>
        k.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], o);
      return get(en) === get(nb);
    });
    // Words that are the same in both languages (carriers' names among them).
    expect(same.sort()).toEqual(
      [
        'csv.status',
        'list.statusColumn',
        'list.statusFilter',
        'settings.carrier.bring',
        'settings.carrier.postnord',
        'settings.carrier.dhl',
      ].sort(),
    );
  });
});
