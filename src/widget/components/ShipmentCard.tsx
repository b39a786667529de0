// One shipment: status, delivery date up front, carrier and tracking number, its events and items.
import type { Shipment, TrackingEvent } from '../../contract/tracking-view.js';
import { Contact } from '../contact.js';
import { dayOf, formatDateTime, formatDay } from '../format.js';
import { interpolate, lookup, type Strings } from '../strings.js';
import { LineItems } from './LineItems.js';

export interface ShipmentCardProps {
  shipment: Shipment;
  /** 1-based position and count, for "Shipment 2 of 3". */
  index: number;
  total: number;
  strings: Strings;
  locale: string;
  /** IANA zone for times; undefined is the browser's (the shopper's own). */
  timeZone?: string | undefined;
  /** Now, in ms since the epoch: decides whether an estimated date has passed. */
  now: number;
  /** The store's contact page (already checked), offered on bad news. */
  contactUrl?: string | undefined;
  showLineItems?: boolean;
  showEvents?: boolean;
  /** Opens the event history by default (the full layout). */
  eventsOpen?: boolean;
  /** Shows only this many of the latest events, with a button for the rest; all when undefined. */
  fewEvents?: number | undefined;
  /** Draws a copy button by the tracking number (`data-copy`), which the widget makes work. */
  copy?: boolean | undefined;
  /** Keeps element ids unique when a page holds several blocks. */
  idPrefix?: string;
}

const statusText = (status: string, strings: Strings): string =>
  lookup(strings, `status.${status}`) ?? strings['status.unknown'];

/** Only web links reach an href: a carrier URL like `javascript:` is dropped. */
const safeUrl = (url?: string): string | undefined =>
  url && /^https?:\/\//i.test(url) ? url : undefined;

/** Case, accents, punctuation and spacing aside, in any script: "Levert." equals "levert". */
const normalise = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();

/** A language's primary subtag; `no` (Norwegian) is written as Bokmål, the storefront's `nb`. */
const language = (tag: string): string => {
  const primary = tag.split(/[-_]/)[0]?.toLowerCase() ?? '';
  return primary === 'no' ? 'nb' : primary;
};

/**
 * The carrier's own text for an event, or '' when it is in another language than the page (the
 * status wording alone then) or only restates the status in the page's words.
 */
export function eventMessage(event: TrackingEvent, label: string, locale: string): string {
  const { message, messageLanguage } = event;
  if (!message || (messageLanguage && language(messageLanguage) !== language(locale))) return '';
  return normalise(message) === normalise(label) ? '' : message;
}

// Statuses whose bad news is explained with what it means for the shopper.
const PROBLEMS = ['failure', 'attempted_delivery', 'returned_to_sender', 'cancelled'];

/**
 * The history list. Past `few` events the rest are drawn `hidden` (marked `data-more`) with a button
 * whose `data-label` holds the other label: the widget toggles both, so the server can draw it.
 */
function Events({
  events,
  few,
  strings,
  locale,
  timeZone,
  id,
}: Pick<ShipmentCardProps, 'strings' | 'locale' | 'timeZone'> & {
  events: TrackingEvent[];
  few?: number | undefined;
  id: string;
}) {
  const cut = few !== undefined && events.length > few;
  return (
    <>
      <ol id={id}>
        {events.map((e, i) => {
          const label = statusText(e.status, strings);
          const message = eventMessage(e, label, locale);
          const more = cut && i >= few;
          return (
            <li key={i} hidden={more} data-more={more ? '' : undefined}>
              <time dateTime={e.at}>{formatDateTime(e.at, locale, timeZone)}</time>{' '}
              <strong>{label}</strong>
              {message && <span> {message}</span>}
              {e.location && <span class="track-order__place"> {e.location}</span>}
            </li>
          );
        })}
      </ol>
      {cut && (
        <button
          type="button"
          class="track-order__more"
          aria-expanded="false"
          aria-controls={id}
          data-label={strings['result.show_fewer']}
        >
          {interpolate(strings['result.show_all'], { count: events.length })}
        </button>
      )}
    </>
  );
}

export function ShipmentCard({
  strings,
  locale,
  timeZone,
  now,
  contactUrl,
  shipment: s,
  index,
  total,
  showLineItems = true,
  showEvents = true,
  eventsOpen = false,
  fewEvents,
  copy,
  idPrefix = 'track-order',
}: ShipmentCardProps) {
  const url = safeUrl(s.trackingUrl);
  const delivered = s.status === 'delivered';
  const problem = PROBLEMS.includes(s.status);
  const when = delivered ? s.deliveredAt : problem ? undefined : s.estimatedDeliveryAt;
  // An estimate whose day has passed is not shown as if still expected.
  const eta = when && formatDay(when, locale, timeZone);
  const day = !delivered && when && dayOf(when, timeZone);
  const late = day && day < (dayOf(now, timeZone) ?? day);
  return (
    <article class={`track-order__shipment track-order__shipment--${s.status}`}>
      <h4 class="track-order__shipment-title">
        {total > 1
          ? interpolate(strings['result.shipment_n'], { n: index, total })
          : strings['result.shipment']}
      </h4>
      <p class="track-order__status">{statusText(s.status, strings)}</p>
      {late ? (
        <p class="track-order__note">{interpolate(strings['result.late'], { date: eta || '' })}</p>
      ) : (
        when && (
          <p class="track-order__eta">
            <span>{strings[delivered ? 'result.delivered_on' : 'result.estimated_delivery']}</span>{' '}
            <strong>
              <time dateTime={when}>{eta}</time>
            </strong>
          </p>
        )
      )}
      {problem && (
        <Contact
          href={contactUrl}
          strings={strings}
          text={lookup(strings, `problem.${s.status}`)}
        />
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
                {copy && (
                  <button type="button" class="track-order__copy" data-copy={s.trackingNumber}>
                    {strings['result.copy']}
                  </button>
                )}
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
            <Events
              events={s.events}
              few={fewEvents}
              strings={strings}
              locale={locale}
              timeZone={timeZone}
              id={`${idPrefix}-events-${index}`}
            />
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
