// 17TRACK aggregator API v2.2: gettrackinfo for a registered number; an unknown number is registered for next time.
import { z } from 'zod';
import type { ShipmentStatus, TrackingEvent } from '../../contract/tracking-view.js';
import type { Fetch } from '../../core/ports.js';
import { type CarrierAdapter, type LiveTracking, NOT_FOUND } from '../adapter.js';
import { CarrierFault } from '../carrier-fault.js';
import { cleanText, newestFirst, validTimestamp } from '../event-text.js';
import { requestJson } from '../http.js';
import { mapStatus, type StatusTable } from '../status-map.js';

export const SEVENTEENTRACK_API_URL = 'https://api.17track.net/track/v2.2';

/** 17TRACK's rejection code for a number nobody has registered yet. */
const NOT_REGISTERED = -18019902;

export interface SeventeenTrackSettings {
  key: string;
  url?: string;
}

const text = z.string().nullish();

const SeventeenEventSchema = z.object({
  time_iso: text,
  time_utc: text,
  description: text,
  location: text,
  stage: text,
  sub_status: text,
});

const TrackInfoSchema = z.object({
  latest_status: z.object({ status: text, sub_status: text }).nullish(),
  time_metrics: z
    .object({ estimated_delivery_date: z.object({ from: text, to: text }).nullish() })
    .nullish(),
  tracking: z
    .object({
      providers: z
        .array(
          z.object({
            provider: z.object({ name: text }).nullish(),
            events: z.array(SeventeenEventSchema).nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
});

const RejectionSchema = z.object({
  number: text,
  error: z.object({ code: z.number().nullish(), message: text }).nullish(),
});

export const SeventeenTrackResponseSchema = z.object({
  code: z.number(),
  data: z
    .object({
      accepted: z
        .array(z.object({ number: text, track_info: TrackInfoSchema.nullish() }))
        .nullish(),
      rejected: z.array(RejectionSchema).nullish(),
    })
    .nullish(),
});
export type SeventeenTrackResponse = z.infer<typeof SeventeenTrackResponseSchema>;

/** 17TRACK's main statuses. */
const MAIN_STATUSES: StatusTable = {
  INFORECEIVED: 'label_created',
  INTRANSIT: 'in_transit',
  AVAILABLEFORPICKUP: 'ready_for_pickup',
  OUTFORDELIVERY: 'out_for_delivery',
  DELIVERYFAILURE: 'attempted_delivery',
  DELIVERED: 'delivered',
  EXCEPTION: 'failure',
};

/** Sub-statuses that say more than their main status; the rest fall back to the main part. */
const SUB_STATUSES: StatusTable = {
  EXCEPTION_RETURNING: 'returned_to_sender',
  EXCEPTION_RETURNED: 'returned_to_sender',
  EXCEPTION_DELAYED: 'delayed',
  EXCEPTION_CANCEL: 'cancelled',
};

/** Stages 17TRACK puts on single events. */
const STAGES: StatusTable = {
  INFORECEIVED: 'label_created',
  PICKEDUP: 'in_transit',
  DEPARTURE: 'in_transit',
  ARRIVAL: 'in_transit',
  AVAILABLEFORPICKUP: 'ready_for_pickup',
  OUTFORDELIVERY: 'out_for_delivery',
  DELIVERED: 'delivered',
  RETURNING: 'returned_to_sender',
  RETURNED: 'returned_to_sender',
};

function statusFrom(status: string | null | undefined, subStatus: string | null | undefined) {
  const specific = mapStatus(SUB_STATUSES, subStatus);
  if (specific !== 'unknown') return specific;
  return mapStatus(MAIN_STATUSES, status ?? subStatus?.split('_')[0]);
}

export function createSeventeenTrackAdapter(settings: SeventeenTrackSettings): CarrierAdapter {
  const base = (settings.url ?? SEVENTEENTRACK_API_URL).replace(/\/+$/, '');
  const call = (operation: string, trackingNumber: string, fetch: Fetch, signal: AbortSignal) =>
    requestJson({
      carrier: '17track',
      fetch,
      url: `${base}/${operation}`,
      init: {
        method: 'POST',
        headers: { '17token': settings.key, 'content-type': 'application/json' },
        body: JSON.stringify([{ number: trackingNumber }]),
      },
      signal,
      schema: SeventeenTrackResponseSchema,
    });

  return {
    name: '17track',
    async track(trackingNumber, { fetch, signal }) {
      const result = await call('gettrackinfo', trackingNumber, fetch, signal);
      if (result.kind === 'not_found') return NOT_FOUND;
      const answer = result.data;
      if (answer.code !== 0) throw new CarrierFault('17track', 'http_error');
      const rejection = answer.data?.rejected?.[0]?.error?.code;
      if (rejection === NOT_REGISTERED) {
        // Registering starts 17TRACK's polling; events show up on a later lookup.
        await call('register', trackingNumber, fetch, signal);
        return NOT_FOUND;
      }
      return parseSeventeenTrackResponse(answer);
    },
  };
}

export function parseSeventeenTrackResponse(response: SeventeenTrackResponse): LiveTracking {
  const info = response.data?.accepted?.[0]?.track_info;
  if (!info) return NOT_FOUND;
  const providers = info.tracking?.providers ?? [];
  const events = newestFirst(
    providers.flatMap((provider) => (provider.events ?? []).flatMap(toEvent)),
  );
  const latest = info.latest_status;
  const status: ShipmentStatus = statusFrom(latest?.status, latest?.sub_status);
  const tracking: LiveTracking = {
    found: status !== 'unknown' || events.length > 0,
    status,
    events,
  };
  const raw = cleanText(latest?.sub_status ?? latest?.status, 100);
  if (raw) tracking.rawStatus = raw;
  const estimate = info.time_metrics?.estimated_delivery_date;
  const eta = validTimestamp(estimate?.to ?? estimate?.from);
  if (eta) tracking.estimatedDeliveryAt = eta;
  if (status === 'delivered') {
    const deliveredAt = events.find((event) => event.status === 'delivered')?.at;
    if (deliveredAt) tracking.deliveredAt = deliveredAt;
  }
  return tracking;
}

function toEvent(event: z.infer<typeof SeventeenEventSchema>): TrackingEvent[] {
  const at = validTimestamp(event.time_iso ?? event.time_utc);
  if (!at) return [];
  const fromSub = event.sub_status ? statusFrom(undefined, event.sub_status) : 'unknown';
  const status = fromSub !== 'unknown' ? fromSub : mapStatus(STAGES, event.stage);
  const result: TrackingEvent = { status, at, source: 'carrier' };
  const rawStatus = cleanText(event.sub_status ?? event.stage, 100);
  if (rawStatus) result.rawStatus = rawStatus;
  const message = cleanText(event.description, 1000);
  if (message) result.message = message;
  const location = cleanText(event.location, 300);
  if (location) result.location = location;
  return [result];
}
