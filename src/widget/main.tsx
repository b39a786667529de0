// The widget chunk's entry: takes over one block's form, reading its settings and strings from the Liquid.
import { render } from 'preact';
import type { FetchLike } from './api.js';
import { TrackOrderApp, type WidgetConfig } from './app.js';
import { contactHref } from './contact.js';
import type { Strings } from './strings.js';

let fetchImpl: FetchLike = (url, init) => fetch(url, init);

/** Replaces the fetch the widget uses; tests and demos pass a plain function. */
export function setFetch(f: FetchLike): void {
  fetchImpl = f;
}

export interface MountOptions {
  /** The shopper submitted before the chunk arrived: look the order up straight away. */
  submit?: boolean;
}

/**
 * Takes over the block `root` (an element with `data-track-order`): its Liquid form stays in place
 * and the widget draws errors and results beside it. Returns false if it cannot.
 */
export function mount(root: HTMLElement, options: MountOptions = {}): boolean {
  const form = root.querySelector('[data-track-order-app] form');
  const json = root.querySelector('[data-track-order-strings]')?.textContent;
  if (!(form instanceof HTMLFormElement) || !json) return false;
  const d = root.dataset;
  const config: WidgetConfig = {
    proxyPath: d.proxy ?? '/apps/track',
    locale: d.locale || document.documentElement.lang || 'en',
    signedIn: d.signedIn === 'true',
    result: {
      // The shopper's own zone: the proxy shows the times as the shopper lives them.
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      showLineItems: d.lineItems !== 'false',
      showEvents: d.events !== 'false',
      layout: root.classList.contains('track-order--compact') ? 'compact' : 'full',
      idPrefix: form.id.replace(/-form$/, ''),
      contactUrl: contactHref(d.contact),
    },
  };
  const out = document.createElement('div');
  form.before(out);
  render(
    <TrackOrderApp
      config={config}
      strings={JSON.parse(json) as Strings}
      fetch={fetchImpl}
      form={form}
      submitNow={options.submit}
      copy={(text) => navigator.clipboard.writeText(text)}
    />,
    out,
  );
  return true;
}
