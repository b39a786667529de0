// The whole answer for one order: heading, notes, milestones, then each shipment. Props in, JSX out.
import type { Ref } from 'preact';
import type { TrackingView } from '../../contract/tracking-view.js';
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
  showLineItems?: boolean;
  showEvents?: boolean;
  layout?: 'compact' | 'full';
  /** The widget moves focus here once the result is drawn. */
  headingRef?: Ref<HTMLHeadingElement>;
  onCopy?: (text: string) => Promise<unknown>;
  /** Keeps element ids unique when a page holds several blocks. */
  idPrefix?: string;
}

const isDigital = (view: TrackingView): boolean =>
  view.order.fulfillmentStatus === 'FULFILLMENT_NOT_REQUIRED' ||
  view.milestones.some((m) => m.key === 'fulfillment' && m.detail === 'not_required');

export function TrackingResult({
  strings,
  locale,
  view,
  showLineItems = true,
  showEvents = true,
  layout = 'full',
  headingRef,
  onCopy,
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
        {interpolate(strings['form.placed'], { date: formatDate(order.processedAt, locale) })}
      </p>
      {note && <p class="track-order__note">{note}</p>}
      <Milestones milestones={view.milestones} strings={strings} locale={locale} />
      {shipments.map((s, i) => (
        <ShipmentCard
          key={i}
          shipment={s}
          index={i + 1}
          total={shipments.length}
          strings={strings}
          locale={locale}
          showLineItems={showLineItems}
          showEvents={showEvents}
          eventsOpen={layout === 'full'}
          onCopy={onCopy}
        />
      ))}
      {showLineItems && shipments.length === 0 && (
        <LineItems
          items={order.lineItems}
          title={strings['result.order_items']}
          strings={strings}
        />
      )}
    </section>
  );
}
