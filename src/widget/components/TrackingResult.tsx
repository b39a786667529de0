// The whole answer for one order: heading, notes, milestones, then each shipment. Props in, JSX out.
import type { Ref } from 'preact';
import type { TrackingView } from '../../contract/tracking-view.js';
import { Contact } from '../contact.js';
import { formatDate } from '../format.js';
import { interpolate, type Strings } from '../strings.js';
import { LineItems } from './LineItems.js';
import { Milestones } from './Milestones.js';
import { ShipmentCard } from './ShipmentCard.js';

export interface TrackingResultProps {
  view: TrackingView;
  strings: Strings;
  /** BCP 47 tag for Intl, e.g. `nb`, `pt-BR`. */
  locale: string;
  /** IANA zone for times: the shop's on the server-rendered page; undefined is the shopper's own. */
  timeZone?: string | undefined;
  /** Now in ms since the epoch (injected; defaults to the clock): has an estimate passed? */
  now?: number | undefined;
  /** The store's contact page, already checked (contactHref); offered with bad news. */
  contactUrl?: string | undefined;
  showLineItems?: boolean;
  showEvents?: boolean;
  layout?: 'compact' | 'full';
  /** Shows this many of each shipment's latest events, with a button for the rest; all when undefined. */
  fewEvents?: number | undefined;
  /** The widget moves focus here once the result is drawn. */
  headingRef?: Ref<HTMLHeadingElement>;
  /** Draws copy buttons by tracking numbers (`data-copy`), for the widget to make work. */
  copy?: boolean | undefined;
  /** Keeps element ids unique when a page holds several blocks. */
  idPrefix?: string;
}

// The core marks an order with nothing to ship (Shopify's FULFILLMENT_NOT_REQUIRED) this way.
const isDigital = (view: TrackingView): boolean =>
  view.milestones.some((m) => m.key === 'fulfillment' && m.detail === 'not_required');

/** A payment that was voided or expired: the order will not ship as it stands. */
const paymentFailed = (view: TrackingView): boolean =>
  view.milestones.some(
    (m) => m.key === 'payment' && (m.detail === 'voided' || m.detail === 'expired'),
  );

export function TrackingResult({
  strings,
  locale,
  timeZone,
  now = Date.now(),
  contactUrl,
  view,
  showLineItems = true,
  showEvents = true,
  layout = 'full',
  fewEvents,
  headingRef,
  copy,
  idPrefix = 'track-order',
}: TrackingResultProps) {
  const { order, shipments } = view;
  const digital = isDigital(view);
  const note = order.cancelled
    ? strings['result.cancelled']
    : digital
      ? strings['result.digital']
      : shipments.length === 0
        ? strings['result.not_shipped']
        : undefined;
  const help = order.cancelled
    ? strings['problem.order_cancelled']
    : paymentFailed(view)
      ? strings['problem.payment']
      : undefined;
  return (
    <section class="track-order__result" aria-labelledby={`${idPrefix}-result`}>
      <h3
        class="track-order__result-title"
        id={`${idPrefix}-result`}
        tabIndex={-1}
        ref={headingRef}
      >
        {interpolate(strings['result.heading'], { name: order.name })}
      </h3>
      <p class="track-order__muted">
        {interpolate(strings['form.placed'], {
          date: formatDate(order.processedAt, locale, timeZone),
        })}
      </p>
      {note && <p class="track-order__note">{note}</p>}
      {help && <Contact href={contactUrl} strings={strings} text={help} />}
      <Milestones
        milestones={view.milestones}
        strings={strings}
        locale={locale}
        timeZone={timeZone}
      />
      {view.unshippedLineItems && (
        <LineItems
          items={view.unshippedLineItems}
          title={strings['result.unshipped']}
          strings={strings}
          level="h4"
        />
      )}
      {shipments.map((s, i) => (
        <ShipmentCard
          key={i}
          shipment={s}
          index={i + 1}
          total={shipments.length}
          strings={strings}
          locale={locale}
          timeZone={timeZone}
          now={now}
          contactUrl={contactUrl}
          showLineItems={showLineItems}
          showEvents={showEvents}
          eventsOpen={layout === 'full'}
          fewEvents={fewEvents}
          copy={copy}
          idPrefix={idPrefix}
        />
      ))}
      {showLineItems && shipments.length === 0 && (
        <LineItems
          items={order.lineItems}
          title={strings['result.order_items']}
          strings={strings}
          level="h4"
        />
      )}
    </section>
  );
}
