// DHL Shipment Tracking – Unified: GET /track/shipments?trackingNumber=<number> with the DHL-API-Key header.
import { z } from 'zod';
import type { ShipmentStatus, TrackingEvent } from '../../contract/tracking-view.js';
import { countryTimeZone } from '../../core/zoned-time.js';
import { type CarrierAdapter, type LiveTracking, NOT_FOUND } from '../adapter.js';
import { carrierTime, cleanText, joinLocation, newestFirst } from '../event-text.js';
import { requestJson } from '../http.js';
import { carrierLanguage } from '../language.js';
import { mapStatus, type StatusTable } from '../status-map.js';

export const DHL_TRACKING_URL = 'https://api-eu.dhl.com/track/shipments';

export interface DhlSettings {
  key: string;
  url?: string;
}

const text = z.string().nullish();

const DhlPlaceSchema = z
  .object({
    address: z.object({ addressLocality: text, countryCode: text, postalCode: text }).nullish(),
  })
  .nullish();

const DhlEventSchema = z.object({
  timestamp: text,
  location: DhlPlaceSchema,
  statusCode: text,
  status: text,
  description: text,
  remark: text,
});

const DhlShipmentSchema = z.object({
  id: text,
  service: text,
  destination: DhlPlaceSchema,
  status: DhlEventSchema.nullish(),
  estimatedTimeOfDelivery: text,
  estimatedDeliveryTimeFrame: z.object({ estimatedFrom: text, estimatedThrough: text }).nullish(),
  details: z.object({ proofOfDelivery: z.object({ timestamp: text }).nullish() }).nullish(),
  events: z.array(DhlEventSchema).nullish(),
});

export const DhlResponseSchema = z.object({ shipments: z.array(DhlShipmentSchema) });
export type DhlResponse = z.infer<typeof DhlResponseSchema>;

/** DHL's five status codes; the finer steps only appear as free text. */
const DHL_STATUSES: StatusTable = {
  'PRE-TRANSIT': 'label_created',
  TRANSIT: 'in_transit',
  DELIVERED: 'delivered',
  FAILURE: 'failure',
};

/**
 * DHL takes `language` (ISO 639-1) only as a preference and answers in English where a service has
 * no translation; German is the one other language its texts reliably come in.
 */
const DHL_LANGUAGES: Readonly<Record<string, string>> = { en: 'en', de: 'de' };

/** DHL sends local times without an offset; where the event's country is unknown, Germany's. */
export const DHL_HOME_ZONE = 'Europe/Berlin';

export function createDhlAdapter(settings: DhlSettings): CarrierAdapter {
  return {
    name: 'dhl',
    async track(trackingNumber, { fetch, signal, language }) {
      const asked = carrierLanguage(language, DHL_LANGUAGES);
      const url = new URL(settings.url ?? DHL_TRACKING_URL);
      url.searchParams.set('trackingNumber', trackingNumber);
      url.searchParams.set('language', asked.param);
      const result = await requestJson({
        carrier: 'dhl',
        fetch,
        url: url.toString(),
        init: { headers: { 'DHL-API-Key': settings.key } },
        signal,
        schema: DhlResponseSchema,
        notFoundStatuses: [404],
      });
      return result.kind === 'ok' ? parseDhlResponse(result.data, asked.language) : NOT_FOUND;
    },
  };
}

/** `language`: the language DHL was asked to write in, stamped on each event's text. */
export function parseDhlResponse(response: DhlResponse, language = 'en'): LiveTracking {
  const shipment = response.shipments[0];
  if (!shipment) return NOT_FOUND;
  const events = newestFirst((shipment.events ?? []).flatMap((e) => toEvent(e, language)));
  // Estimates and proof of delivery are about the destination.
  const destinationZone =
    countryTimeZone(shipment.destination?.address?.countryCode) ?? DHL_HOME_ZONE;
  const current = shipment.status ? statusOf(shipment.status) : 'unknown';
  const tracking: LiveTracking = { found: true, status: current, events };
  const raw = cleanText(shipment.status?.statusCode, 100);
  if (raw) tracking.rawStatus = raw;
  const eta = carrierTime(
    shipment.estimatedTimeOfDelivery ?? shipment.estimatedDeliveryTimeFrame?.estimatedThrough,
    destinationZone,
  );
  if (eta) tracking.estimatedDeliveryAt = eta;
  if (current === 'delivered') {
    const deliveredAt =
      carrierTime(shipment.details?.proofOfDelivery?.timestamp, destinationZone) ??
      carrierTime(shipment.status?.timestamp, zoneOf(shipment.status)) ??
      events.find((event) => event.status === 'delivered')?.at;
    if (deliveredAt) tracking.deliveredAt = deliveredAt;
  }
  return tracking;
}

/** "With delivery courier" is DHL's out-for-delivery, sent as a `transit` code with that text. */
function statusOf(event: DhlEvent): ShipmentStatus {
  const status = mapStatus(DHL_STATUSES, event.statusCode);
  const words = `${event.status ?? ''} ${event.description ?? ''}`;
  if (status === 'in_transit' && /out for delivery|with delivery courier/i.test(words)) {
    return 'out_for_delivery';
  }
  return status;
}

type DhlEvent = z.infer<typeof DhlEventSchema>;

/** The event location's zone when its country keeps one, else DHL's home zone. */
function zoneOf(event: DhlEvent | null | undefined): string {
  return countryTimeZone(event?.location?.address?.countryCode) ?? DHL_HOME_ZONE;
}

function toEvent(event: DhlEvent, language: string): TrackingEvent[] {
  const at = carrierTime(event.timestamp, zoneOf(event));
  if (!at) return [];
  const result: TrackingEvent = { status: statusOf(event), at, source: 'carrier' };
  const rawStatus = cleanText(event.statusCode, 100);
  if (rawStatus) result.rawStatus = rawStatus;
  const message = cleanText(event.description ?? event.status, 1000);
  if (message) {
    result.message = message;
    result.messageLanguage = language;
  }
  const address = event.location?.address;
  const location = joinLocation(address?.addressLocality, address?.countryCode);
  if (location) result.location = location;
  return [result];
}
