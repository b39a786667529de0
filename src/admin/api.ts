// The admin's calls to the app's /api: App Bridge's fetch adds the session token to each.
import type { ShipmentListRow } from '../overview/shipments.js';

export type { ShipmentListRow };

export interface OverviewBody {
  counts: Record<string, number>;
  oldestUnfulfilledAt: string | null;
  timeZone: string;
}
export interface ShipmentsBody {
  shipments: ShipmentListRow[];
  nextCursor: string | null;
}
export interface CarrierRow {
  carrierCode: string | null;
  carrierName: string | null;
  destinationCountryCode: string | null;
  shipments: number;
  delivered: number;
  medianDays: number | null;
  p90Days: number | null;
  onTimeShare: number | null;
  exceptionShare: number;
}
export interface AnalyticsBody {
  days: { date: string; found: number; notFound: number }[];
}
export type { OnboardingStatus as OnboardingBody } from '../overview/onboarding.js';

/** The carriers a shop can give keys for (GET /api/settings `carriers`). */
export const CARRIER_IDS = ['bring', 'postnord', 'dhl', 'seventeenTrack'] as const;
export type CarrierId = (typeof CARRIER_IDS)[number];

export interface SettingsBody {
  carriers: Record<CarrierId, { configured: boolean }>;
  writeBack: boolean;
  /** Every class's threshold after a save of one number; `other`'s otherwise. */
  stalledAfterDays: number;
  stalledAfterDaysByClass: { express: number; postal: number; other: number };
}

/** Raised for any answer that is not 2xx; `code` is the API's stable error code when it sent one. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`API answered ${status} ${code}`);
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface AdminApi {
  get<T>(path: string): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  blob(path: string): Promise<Blob>;
}

export function createApi(fetchFn: FetchLike): AdminApi {
  const check = async (response: Response) => {
    if (response.ok) return response;
    let code = 'internal_error';
    try {
      const body = (await response.json()) as { error?: { code?: string } };
      code = body.error?.code ?? code;
    } catch {
      // Not JSON: keep the generic code.
    }
    throw new ApiError(response.status, code);
  };
  return {
    async get(path) {
      return (await (await check(await fetchFn(path))).json()) as never;
    },
    async put(path, body) {
      const response = await fetchFn(path, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await (await check(response)).json()) as never;
    },
    async blob(path) {
      return (await check(await fetchFn(path))).blob();
    },
  };
}

/** Query string of the non-empty values, in a stable order. */
export function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}
