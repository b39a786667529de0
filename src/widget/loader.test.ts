// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fakeWidget = new URL('./loader-test-widget.ts', import.meta.url).pathname;
const fakeRecommend = new URL('./loader-test-recommendations.ts', import.meta.url).pathname;
const g = globalThis as { widgetLog?: string[] };

function page(widgetUrl: string, search = '') {
  window.history.replaceState(null, '', `/pages/track${search}`);
  document.body.innerHTML = ['a', 'b']
    .map(
      (id) => `<div data-track-order id="${id}" data-widget="${widgetUrl}">
        <form action="/apps/track/lookup" method="post"><input name="orderNumber"><input name="email"><button>Go</button></form>
      </div>`,
    )
    .join('');
}

async function runLoader() {
  vi.resetModules();
  await import('./loader.js');
}

const settle = () => new Promise((r) => setTimeout(r, 50));

beforeEach(() => {
  g.widgetLog = [];
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('loader', () => {
  it('fetches nothing on page load, and imports the widget on the first focus', async () => {
    page(`${fakeWidget}?case=focus`);
    await runLoader();
    await settle();
    expect(g.widgetLog).toEqual([]);
    document
      .querySelector<HTMLInputElement>('#a input')
      ?.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await vi.waitFor(() => expect(g.widgetLog).toEqual(['loaded', 'mount a submit=false']));
  });

  it('takes over only the block the shopper touched, and each block once', async () => {
    page(`${fakeWidget}?case=pointer`);
    await runLoader();
    const form = document.querySelector('#b form') as HTMLFormElement;
    form.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    form.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    await vi.waitFor(() => expect(g.widgetLog).toContain('mount b submit=false'));
    await settle();
    expect(g.widgetLog?.filter((l) => l.startsWith('mount'))).toEqual(['mount b submit=false']);
  });

  it('holds a submit made before the widget arrived and hands it over', async () => {
    page(`${fakeWidget}?case=submit`);
    await runLoader();
    const form = document.querySelector('#a form') as HTMLFormElement;
    const event = new Event('submit', { cancelable: true });
    form.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(g.widgetLog).toContain('mount a submit=true'));
  });

  it('lets the native form submit when the widget cannot be imported', async () => {
    page('/missing/track-order-widget.js');
    await runLoader();
    const form = document.querySelector('#a form') as HTMLFormElement;
    const submitted: string[] = [];
    form.submit = () => submitted.push('native');
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(submitted).toEqual(['native']));
    // Once the import failed the loader steps aside: later submits are not held back.
    const later = new Event('submit', { cancelable: true });
    form.dispatchEvent(later);
    expect(later.defaultPrevented).toBe(false);
  });

  it('prefills the order number from ?order= without loading the widget', async () => {
    page(`${fakeWidget}?case=prefill`, '?order=%231001');
    await runLoader();
    expect(document.querySelector<HTMLInputElement>('#a [name=orderNumber]')?.value).toBe('#1001');
    await settle();
    expect(g.widgetLog).toEqual([]);
  });

  it('fetches the recommendations chunk only once a timeline is drawn, and clears old cards', async () => {
    page(`${fakeWidget}?case=recommend`);
    const root = document.querySelector<HTMLElement>('#a');
    if (root) root.dataset.recommend = `${fakeRecommend}?case=recommend`;
    await runLoader();
    await settle();
    expect(g.widgetLog).toEqual([]);
    const form = document.querySelector('#a form') as HTMLFormElement & {
      trackOrderView?: (view?: unknown) => void;
    };
    root?.insertAdjacentHTML('beforeend', '<section class="track-order__recs"></section>');
    form.trackOrderView?.({ order: { name: '#1001' } });
    // The previous cards go at once, before the chunk answers.
    expect(root?.querySelector('.track-order__recs')).toBeNull();
    await vi.waitFor(() => expect(g.widgetLog).toEqual(['recommend a #1001']));
    root?.insertAdjacentHTML('beforeend', '<section class="track-order__recs"></section>');
    form.trackOrderView?.(undefined);
    expect(root?.querySelector('.track-order__recs')).toBeNull();
    await settle();
    expect(g.widgetLog).toEqual(['recommend a #1001']);
  });

  it('never fetches the chunk for a block with recommendations off', async () => {
    page(`${fakeWidget}?case=off`);
    await runLoader();
    const form = document.querySelector('#b form') as HTMLFormElement & {
      trackOrderView?: (view?: unknown) => void;
    };
    form.trackOrderView?.({ order: { name: '#1001' } });
    await settle();
    expect(g.widgetLog).toEqual([]);
  });
});
