// The widget's timeline drawn on the proxy with the no-JS page's components, so the widget chunk need not carry them.
import { renderToString } from 'preact-render-to-string';
import type { ResultHtmlOptions } from '../../contract/result-html.js';
import type { TrackingView } from '../../contract/tracking-view.js';
import { TrackingResult } from '../../widget/components/TrackingResult.js';
import { contactHref } from '../../widget/contact.js';
import { stringsFor } from './locale-strings.js';

/** Events shown per shipment before "Show all": long histories would make a phone page very tall. */
export const FEW_EVENTS = 5;

/** The zone as Intl names it, or undefined when Intl does not know it. */
function validZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export interface ResultHtmlContext {
  /** The storefront locale the shopper posted (already checked); its strings file, else English. */
  locale: string | undefined;
  /** Now in ms since the epoch: decides whether an estimate has passed. */
  now: number;
  /** The shop's IANA zone, used when the shopper's is missing or unknown; then UTC. */
  shopTimeZone: string | undefined;
}

/**
 * The result section as the widget shows it (HTML text): in the shopper's zone, the latest
 * FEW_EVENTS events per shipment with the rest hidden behind a button, a copy button by each
 * tracking number. The widget inserts it and makes those two buttons work.
 */
export function renderResultHtml(
  view: TrackingView,
  options: ResultHtmlOptions,
  context: ResultHtmlContext,
): string {
  const locale = context.locale ?? 'en';
  return renderToString(
    <TrackingResult
      view={view}
      strings={stringsFor(locale)}
      locale={locale}
      timeZone={validZone(options.timeZone) ?? validZone(context.shopTimeZone) ?? 'UTC'}
      now={context.now}
      contactUrl={contactHref(options.contactUrl)}
      showLineItems={options.showLineItems}
      showEvents={options.showEvents}
      layout={options.layout}
      fewEvents={FEW_EVENTS}
      copy
      idPrefix={options.idPrefix}
    />,
  );
}
