// Bring / Posten Norge Tracking API v2: GET tracking.json?q=<number> with Mybring API headers.
import { z } from 'zod';
import type { TrackingEvent } from '../../contract/tracking-view.js';
import { countryTimeZone } from '../../core/zoned-time.js';
import { type CarrierAdapter, type LiveTracking, NOT_FOUND } from '../adapter.js';
import { CarrierFault } from '../carrier-fault.js';
import {
  carrierTime,
  cleanText,
  dottedDateToIso,
  joinLocation,
  newestFirst,
} from '../event-text.js';
import { requestJson } from '../http.js';
import { carrierLanguage } from '../language.js';
import { mapStatus, newestKnownStatus, type StatusTable } from '../status-map.js';

export const BRING_TRACKING_URL = 'https://api.bring.com/tracking/api/v2/tracking.json';

export interface BringSettings {
  uid: string;
  key: string;
  url?: string;
  clientUrl?: string;
}

const text = z.string().nullish();

const BringEventSchema = z.object({
  description: text,
  status: text,
  dateIso: text,
  city: text,
  countryCode: text,
  country: text,
});

const BringPackageSchema = z.object({
  packageNumber: text,
  dateOfEstimatedDelivery: text,
  dateOfDelivery: text,
  eventSet: z.array(BringEventSchema).nullish(),
});

const BringConsignmentSchema = z.object({
  consignmentId: text,
  packageSet: z.array(BringPackageSchema).nullish(),
  error: z.object({ code: z.union([z.number(), z.string()]).nullish(), message: text }).nullish(),
});

export const BringResponseSchema = z.object({
  consignmentSet: z.array(BringConsignmentSchema),
});
export type BringResponse = z.infer<typeof BringResponseSchema>;

/** Bring's documented event statuses. NOTIFICATION_SENT and the home-delivery bookings say nothing about where the parcel is. */
const BRING_STATUSES: StatusTable = {
  PRE_NOTIFIED: 'label_created',
  HANDED_IN: 'in_transit',
  COLLECTED: 'in_transit',
  IN_TRANSIT: 'in_transit',
  TERMINAL: 'in_transit',
  INTERNATIONAL: 'in_transit',
  CUSTOMS: 'in_transit',
  TRANSPORT_TO_RECIPIENT: 'out_for_delivery',
  READY_FOR_PICKUP: 'ready_for_pickup',
  ATTEMPTED_DELIVERY: 'attempted_delivery',
  DEVIATION: 'delayed',
  DELIVERED: 'delivered',
  RETURN: 'returned_to_sender',
  DELIVERED_SENDER: 'returned_to_sender',
};

/** Bring's `lang` values: English and the Scandinavian languages its tracking pages are written in. */
const BRING_LANGUAGES: Readonly<Record<string, string>> = {
  en: 'en',
  nb: 'no',
  sv: 'sv',
  da: 'da',
};

/** Bring's `dateIso` carries an offset; should one come without, it is Norway's local time. */
export const BRING_HOME_ZONE = 'Europe/Oslo';

export function createBringAdapter(settings: BringSettings): CarrierAdapter {
  return {
    name: 'bring',
    async track(trackingNumber, { fetch, signal, language }) {
      const asked = carrierLanguage(language, BRING_LANGUAGES);
      const url = new URL(settings.url ?? BRING_TRACKING_URL);
      url.searchParams.set('q', trackingNumber);
      url.searchParams.set('lang', asked.param);
      const headers: Record<string, string> = {
        'X-MyBring-API-Uid': settings.uid,
        'X-MyBring-API-Key': settings.key,
      };
      if (settings.clientUrl) headers['X-Bring-Client-URL'] = settings.clientUrl;
      const result = await requestJson({
        carrier: 'bring',
        fetch,
        url: url.toString(),
        init: { headers },
        signal,
        schema: BringResponseSchema,
        notFoundStatuses: [404],
      });
      return result.kind === 'ok' ? parseBringResponse(result.data, asked.language) : NOT_FOUND;
    },
  };
}

/** `language`: the language Bring was asked to write in, stamped on each event's text. */
export function parseBringResponse(response: BringResponse, language = 'en'): LiveTracking {
  const consignments = response.consignmentSet;
  const failure = consignments.find((consignment) => consignment.error)?.error;
  const packages = consignments.flatMap((consignment) => consignment.packageSet ?? []);
  if (packages.length === 0) {
    const code = Number(failure?.code);
    if (code >= 500) throw new CarrierFault('bring', 'server_error', code);
    if (code === 429) throw new CarrierFault('bring', 'rate_limited', code);
    return NOT_FOUND;
  }
  const events = newestFirst(
    dedupe(packages.flatMap((pkg) => (pkg.eventSet ?? []).flatMap((e) => toEvent(e, language)))),
  );
  const first = packages[0];
  const delivered = events.find((event) => event.status === 'delivered');
  const tracking: LiveTracking = { found: true, status: newestKnownStatus(events), events };
  const raw = events[0]?.rawStatus;
  if (raw) tracking.rawStatus = raw;
  const eta = dottedDateToIso(first?.dateOfEstimatedDelivery);
  if (eta) tracking.estimatedDeliveryAt = eta;
  const deliveredAt = delivered?.at ?? dottedDateToIso(first?.dateOfDelivery);
  if (deliveredAt && tracking.status === 'delivered') tracking.deliveredAt = deliveredAt;
  return tracking;
}

function toEvent(event: z.infer<typeof BringEventSchema>, language: string): TrackingEvent[] {
  const at = carrierTime(event.dateIso, countryTimeZone(event.countryCode) ?? BRING_HOME_ZONE);
  if (!at) return [];
  const result: TrackingEvent = {
    status: mapStatus(BRING_STATUSES, event.status),
    at,
    source: 'carrier',
  };
  const rawStatus = cleanText(event.status, 100);
  if (rawStatus) result.rawStatus = rawStatus;
  const message = cleanText(event.description, 1000);
  if (message) {
    result.message = message;
    result.messageLanguage = language;
  }
  const location = joinLocation(titleCase(event.city), event.country ?? event.countryCode);
  if (location) result.location = location;
  return [result];
}

/** A consignment lists each package's copy of shared events; one is enough. */
function dedupe(events: TrackingEvent[]): TrackingEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    const key = `${event.rawStatus}|${event.at}|${event.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Bring writes cities in capitals ("SKIEN"); shoppers read "Skien". */
function titleCase(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return value
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}
