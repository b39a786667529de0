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

/** Takes over the block `root` (an element with `data-track-order`). Returns false if it cannot. */
export function mount(root: HTMLElement, options: MountOptions = {}): boolean {
  const app = root.querySelector<HTMLElement>('[data-track-order-app]');
  const form = app?.querySelector('form');
  const json = root.querySelector('[data-track-order-strings]')?.textContent;
  if (!app || !form || !json) return false;
  const d = root.dataset;
  const field = (name: string) =>
    (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
  const config: WidgetConfig = {
    proxyPath: d.proxy ?? '/apps/track',
    locale: d.locale || document.documentElement.lang || 'en',
    signedIn: d.signedIn === 'true',
    showLineItems: d.lineItems !== 'false',
    showEvents: d.events !== 'false',
    layout: root.classList.contains('track-order--compact') ? 'compact' : 'full',
    idPrefix: form.id.replace(/-form$/, ''),
    returnTo: field('return_to'),
    contactUrl: contactHref(d.contact),
  };
  const active = document.activeElement as HTMLInputElement | null;
  // The shopper was typing when the chunk arrived: keep them where they were.
  const focused = form.contains(active) ? active?.id : '';
  const caret = active?.selectionStart;
  render(
    <TrackOrderApp
      config={config}
      strings={JSON.parse(json) as Strings}
      fetch={fetchImpl}
      initial={{ orderNumber: field('orderNumber'), email: field('email') }}
      submitNow={options.submit}
      copy={(text) => navigator.clipboard.writeText(text)}
    />,
    app,
  );
  const again = focused && (document.getElementById(focused) as HTMLInputElement | null);
  if (again && again !== document.activeElement) {
    again.focus();
    if (caret != null) again.setSelectionRange(caret, caret);
  }
  return true;
}
