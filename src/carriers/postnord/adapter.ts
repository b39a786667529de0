// PostNord Track & Trace: GET findByIdentifier.json?id=<number>&locale=<language> with the apikey query parameter.
import { z } from 'zod';
import type { TrackingEvent } from '../../contract/tracking-view.js';
import { countryTimeZone } from '../../core/zoned-time.js';
import { type CarrierAdapter, type LiveTracking, NOT_FOUND } from '../adapter.js';
import { carrierTime, cleanText, joinLocation, newestFirst } from '../event-text.js';
import { requestJson } from '../http.js';
import { carrierLanguage } from '../language.js';
import { mapStatus, newestKnownStatus, type StatusTable } from '../status-map.js';

export const POSTNORD_TRACKING_URL =
  'https://api2.postnord.com/rest/shipment/v5/trackandtrace/findByIdentifier.json';

export interface PostNordSettings {
  key: string;
  url?: string;
}

const text = z.string().nullish();

const PostNordEventSchema = z.object({
  eventTime: text,
  eventCode: text,
  status: text,
  eventDescription: text,
  location: z
    .object({ displayName: text, name: text, city: text, country: text, countryCode: text })
    .nullish(),
});

const PostNordItemSchema = z.object({
  itemId: text,
  status: text,
  estimatedTimeOfArrival: text,
  deliveryDate: text,
  events: z.array(PostNordEventSchema).nullish(),
});

const PostNordShipmentSchema = z.object({
  shipmentId: text,
  status: text,
  estimatedTimeOfArrival: text,
  deliveryDate: text,
  items: z.array(PostNordItemSchema).nullish(),
});

export const PostNordResponseSchema = z.object({
  TrackingInformationResponse: z.object({
    shipments: z.array(PostNordShipmentSchema).nullish(),
  }),
});
export type PostNordResponse = z.infer<typeof PostNordResponseSchema>;

/** PostNord's item statuses. "Available for delivery" means waiting at the service point or locker. */
const POSTNORD_STATUSES: StatusTable = {
  CREATED: 'label_created',
  INFORMED: 'label_created',
  EN_ROUTE: 'in_transit',
  DELAYED: 'delayed',
  EXPECTED_DELAY: 'delayed',
  STOPPED: 'delayed',
  AVAILABLE_FOR_DELIVERY: 'ready_for_pickup',
  AVAILABLE_FOR_DELIVERY_PAR_LOC: 'ready_for_pickup',
  DELIVERY_IMPOSSIBLE: 'failure',
  DELIVERY_REFUSED: 'failure',
  DELIVERED: 'delivered',
  RETURNED: 'returned_to_sender',
};

/** PostNord's `locale` values: English and the four Nordic languages it operates in. */
const POSTNORD_LANGUAGES: Readonly<Record<string, string>> = {
  en: 'en',
  sv: 'sv',
  da: 'da',
  nb: 'no',
  fi: 'fi',
};

/** PostNord sends local times without an offset; where the event's country is unknown, Sweden's. */
export const POSTNORD_HOME_ZONE = 'Europe/Stockholm';

export function createPostNordAdapter(settings: PostNordSettings): CarrierAdapter {
  return {
    name: 'postnord',
    async track(trackingNumber, { fetch, signal, language }) {
      const asked = carrierLanguage(language, POSTNORD_LANGUAGES);
      const url = new URL(settings.url ?? POSTNORD_TRACKING_URL);
      url.searchParams.set('id', trackingNumber);
      url.searchParams.set('locale', asked.param);
      url.searchParams.set('apikey', settings.key);
      const result = await requestJson({
        carrier: 'postnord',
        fetch,
        url: url.toString(),
        signal,
        schema: PostNordResponseSchema,
        notFoundStatuses: [404],
      });
      return result.kind === 'ok' ? parsePostNordResponse(result.data, asked.language) : NOT_FOUND;
    },
  };
}

/** `language`: the language PostNord was asked to write in, stamped on each event's text. */
export function parsePostNordResponse(response: PostNordResponse, language = 'en'): LiveTracking {
  const shipment = response.TrackingInformationResponse.shipments?.[0];
  if (!shipment) return NOT_FOUND;
  const items = shipment.items ?? [];
  const events = newestFirst(
    items.flatMap((item) => (item.events ?? []).flatMap((e) => toEvent(e, language))),
  );
  const item = items[0];
  const summary = mapStatus(POSTNORD_STATUSES, item?.status ?? shipment.status);
  const tracking: LiveTracking = {
    found: true,
    status: summary === 'unknown' ? newestKnownStatus(events) : summary,
    events,
  };
  const raw = cleanText(item?.status ?? shipment.status, 100);
  if (raw) tracking.rawStatus = raw;
  const eta = carrierTime(
    item?.estimatedTimeOfArrival ?? shipment.estimatedTimeOfArrival,
    POSTNORD_HOME_ZONE,
  );
  if (eta) tracking.estimatedDeliveryAt = eta;
  const deliveredAt =
    carrierTime(item?.deliveryDate ?? shipment.deliveryDate, POSTNORD_HOME_ZONE) ??
    events.find((event) => event.status === 'delivered')?.at;
  if (deliveredAt && tracking.status === 'delivered') tracking.deliveredAt = deliveredAt;
  return tracking;
}

function toEvent(event: z.infer<typeof PostNordEventSchema>, language: string): TrackingEvent[] {
  const zone = countryTimeZone(event.location?.countryCode) ?? POSTNORD_HOME_ZONE;
  const at = carrierTime(event.eventTime, zone);
  if (!at) return [];
  const result: TrackingEvent = {
    status: mapStatus(POSTNORD_STATUSES, event.status),
    at,
    source: 'carrier',
  };
  const rawStatus = cleanText(event.status ?? event.eventCode, 100);
  if (rawStatus) result.rawStatus = rawStatus;
  const message = cleanText(event.eventDescription, 1000);
  if (message) {
    result.message = message;
    result.messageLanguage = language;
  }
  const place = event.location;
  const location = place?.displayName
    ? joinLocation(place.displayName, place.country ?? place.countryCode)
    : joinLocation(place?.city, place?.country ?? place?.countryCode);
  if (location) result.location = location;
  return [result];
}
