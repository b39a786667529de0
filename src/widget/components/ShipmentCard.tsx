// One shipment: status, delivery date up front, carrier and tracking number, its events and items.
import type { Shipment } from '../../contract/tracking-view.js';
import { formatDateTime, formatDay } from '../format.js';
import { interpolate, lookup, type Strings } from '../strings.js';
import { CopyButton } from './CopyButton.js';
import { LineItems } from './LineItems.js';

export interface ShipmentCardProps {
  shipment: Shipment;
  /** 1-based position and count, for "Shipment 2 of 3". */
  index: number;
  total: number;
  strings: Strings;
  locale: string;
  showLineItems?: boolean;
  showEvents?: boolean;
  /** Opens the event history by default (the full layout). */
  eventsOpen?: boolean;
  /** Given in the browser only; without it no copy button is drawn. */
  onCopy?: (text: string) => Promise<unknown>;
}

const statusText = (status: string, strings: Strings): string =>
  lookup(strings, `status.${status}`) ?? strings['status.unknown'];

/** Only web links reach an href: a carrier URL like `javascript:` is dropped. */
const safeUrl = (url?: string): string | undefined =>
  url && /^https?:\/\//i.test(url) ? url : undefined;

export function ShipmentCard({
  strings,
  locale,
  shipment: s,
  index,
  total,
  showLineItems = true,
  showEvents = true,
  eventsOpen = false,
  onCopy,
}: ShipmentCardProps) {
  const url = safeUrl(s.trackingUrl);
  const delivered = s.status === 'delivered';
  const when = delivered
    ? s.deliveredAt
    : s.status === 'cancelled'
      ? undefined
      : s.estimatedDeliveryAt;
  return (
    <article class={`track-order__shipment track-order__shipment--${s.status}`}>
      <h4 class="track-order__shipment-title">
        {total > 1
          ? interpolate(strings['result.shipment_n'], { n: index, total })
          : strings['result.shipment']}
      </h4>
      <p class="track-order__status">{statusText(s.status, strings)}</p>
      {when && (
        <p class="track-order__eta">
          <span>{strings[delivered ? 'result.delivered_on' : 'result.estimated_delivery']}</span>{' '}
          <strong>
            <time dateTime={when}>{formatDay(when, locale)}</time>
          </strong>
        </p>
      )}
      {s.stalled && !delivered && <p class="track-order__note">{strings['result.stalled']}</p>}
      {s.liveTracking === 'unavailable' && (
        <p class="track-order__note">{strings['result.live_unavailable']}</p>
      )}
      {(s.carrier || s.trackingNumber) && (
        <dl class="track-order__facts">
          {s.carrier && (
            <>
              <dt>{strings['result.carrier']}</dt>
              <dd>{s.carrier.name}</dd>
            </>
          )}
          {s.trackingNumber && (
            <>
              <dt>{strings['result.tracking_number']}</dt>
              <dd>
                <code>{s.trackingNumber}</code>
                {onCopy && <CopyButton text={s.trackingNumber} strings={strings} onCopy={onCopy} />}
              </dd>
            </>
          )}
        </dl>
      )}
      {url && (
        <a class="track-order__link" href={url} target="_blank" rel="noopener noreferrer">
          {strings['result.carrier_link']}
          <span class="track-order__sr"> {strings['result.new_window']}</span>
        </a>
      )}
      {showEvents &&
        (s.events.length > 0 ? (
          <details class="track-order__events" open={eventsOpen}>
            <summary>{interpolate(strings['result.history'], { count: s.events.length })}</summary>
            <ol>
              {s.events.map((e, i) => {
                const label = statusText(e.status, strings);
                // Carriers often repeat the status as the message ("Delivered Delivered").
                const message =
                  e.message && e.message.toLowerCase() !== label.toLowerCase() ? e.message : '';
                return (
                  <li key={i}>
                    <time dateTime={e.at}>{formatDateTime(e.at, locale)}</time>{' '}
                    <strong>{label}</strong>
                    {message && <span> {message}</span>}
                    {e.location && <span class="track-order__place"> {e.location}</span>}
                  </li>
                );
              })}
            </ol>
          </details>
        ) : (
          <p class="track-order__muted">{strings['result.no_events']}</p>
        ))}
      {showLineItems && (
        <LineItems items={s.lineItems} title={strings['result.items']} strings={strings} />
      )}
    </article>
  );
}
