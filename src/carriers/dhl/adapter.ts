// DHL Shipment Tracking – Unified: GET /track/shipments?trackingNumber=<number> with the DHL-API-Key header.
import { z } from 'zod';
import type { ShipmentStatus, TrackingEvent } from '../../contract/tracking-view.js';
import { type CarrierAdapter, type LiveTracking, NOT_FOUND } from '../adapter.js';
import { cleanText, joinLocation, newestFirst, validTimestamp } from '../event-text.js';
import { requestJson } from '../http.js';
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

export function createDhlAdapter(settings: DhlSettings): CarrierAdapter {
  return {
    name: 'dhl',
    async track(trackingNumber, { fetch, signal }) {
      const url = new URL(settings.url ?? DHL_TRACKING_URL);
      url.searchParams.set('trackingNumber', trackingNumber);
      const result = await requestJson({
        carrier: 'dhl',
        fetch,
        url: url.toString(),
        init: { headers: { 'DHL-API-Key': settings.key } },
        signal,
        schema: DhlResponseSchema,
        notFoundStatuses: [404],
      });
      return result.kind === 'ok' ? parseDhlResponse(result.data) : NOT_FOUND;
    },
  };
}

export function parseDhlResponse(response: DhlResponse): LiveTracking {
  const shipment = response.shipments[0];
  if (!shipment) return NOT_FOUND;
  const events = newestFirst((shipment.events ?? []).flatMap(toEvent));
  const current = shipment.status ? statusOf(shipment.status) : 'unknown';
  const tracking: LiveTracking = { found: true, status: current, events };
  const raw = cleanText(shipment.status?.statusCode, 100);
  if (raw) tracking.rawStatus = raw;
  const eta = validTimestamp(
    shipment.estimatedTimeOfDelivery ?? shipment.estimatedDeliveryTimeFrame?.estimatedThrough,
  );
  if (eta) tracking.estimatedDeliveryAt = eta;
  if (current === 'delivered') {
    const deliveredAt =
      validTimestamp(shipment.details?.proofOfDelivery?.timestamp) ??
      validTimestamp(shipment.status?.timestamp) ??
      events.find((event) => event.status === 'delivered')?.at;
    if (deliveredAt) tracking.deliveredAt = deliveredAt;
  }
  return tracking;
}

/** "With delivery courier" is DHL's out-for-delivery, sent as a `transit` code with that text. */
function statusOf(event: z.infer<typeof DhlEventSchema>): ShipmentStatus {
  const status = mapStatus(DHL_STATUSES, event.statusCode);
  const words = `${event.status ?? ''} ${event.description ?? ''}`;
  if (status === 'in_transit' && /out for delivery|with delivery courier/i.test(words)) {
    return 'out_for_delivery';
  }
  return status;
}

function toEvent(event: z.infer<typeof DhlEventSchema>): TrackingEvent[] {
  const at = validTimestamp(event.timestamp);
  if (!at) return [];
  const result: TrackingEvent = { status: statusOf(event), at, source: 'carrier' };
  const rawStatus = cleanText(event.statusCode, 100);
  if (rawStatus) result.rawStatus = rawStatus;
  const message = cleanText(event.description ?? event.status, 1000);
  if (message) result.message = message;
  const address = event.location?.address;
  const location = joinLocation(address?.addressLocality, address?.countryCode);
  if (location) result.location = location;
  return [result];
}
