// The widget's two calls to the app proxy, with fetch injected; every failure becomes data.
import type { ErrorCode } from '../contract/codes.js';
import type { ResultHtmlAnswer, ResultHtmlOptions } from '../contract/result-html.js';
import type { OrderListItem, TrackingView } from '../contract/tracking-view.js';
import type { LookupInput } from './field-issues.js';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * A proxy error code, or `network` when the proxy could not be reached at all. Codes are passed
 * on as sent: one this widget does not know gets the generic message.
 */
export type FailureCode = ErrorCode | 'network' | (string & {});

export interface Failure {
  code: FailureCode;
  retryAfter?: number;
  fields?: { field: string; issue: string }[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** Codes worth retrying as they are; mirrors the contract's RETRYABLE_CODES, plus `network`. */
export const RETRYABLE: readonly FailureCode[] = [
  'rate_limited',
  'upstream_unavailable',
  'internal_error',
  'network',
];

const JSON_TYPE = 'application/json';

function seconds(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.ceil(n) : undefined;
}

/** GET `url`, or POST `body` to it as JSON. */
async function call<T>(
  fetch: FetchLike,
  url: string,
  accept: (body: unknown) => body is T,
  body?: string,
): Promise<Outcome<T>> {
  let response: Response;
  try {
    // Credentials are left at fetch's default, same-origin: the app proxy is on the shop's domain.
    response = await fetch(
      url,
      body
        ? { method: 'POST', headers: { accept: JSON_TYPE, 'content-type': JSON_TYPE }, body }
        : { headers: { accept: JSON_TYPE } },
    );
  } catch {
    return { ok: false, failure: { code: 'network' } };
  }
  // A body that is not JSON (a theme's error page, say) reads as null; the status still tells.
  const data: unknown = await response.json().catch(() => null);
  if (response.ok) {
    // A 200 that is not our JSON means something between us and the proxy broke.
    return accept(data)
      ? { ok: true, value: data }
      : { ok: false, failure: { code: 'internal_error' } };
  }
  const error: { code?: unknown; retryAfter?: unknown; fields?: unknown } = Object(
    (data as { error?: unknown } | null)?.error,
  );
  const status = response.status;
  const failure: Failure = {
    code:
      typeof error.code === 'string'
        ? error.code
        : status === 429
          ? 'rate_limited'
          : status === 503
            ? 'upstream_unavailable'
            : 'internal_error',
  };
  const wait = seconds(error.retryAfter) ?? seconds(response.headers.get('retry-after'));
  if (wait !== undefined) failure.retryAfter = wait;
  if (Array.isArray(error.fields)) failure.fields = error.fields;
  return { ok: false, failure };
}

const isAnswer = (body: unknown): body is ResultHtmlAnswer => {
  const a = body as ResultHtmlAnswer | null;
  const v: TrackingView | undefined = a?.view;
  return (
    typeof a?.html === 'string' &&
    !!v?.order &&
    Array.isArray(v.milestones) &&
    Array.isArray(v.shipments)
  );
};

const isOrderList = (body: unknown): body is { orders: OrderListItem[] } =>
  Array.isArray((body as { orders?: unknown } | null)?.orders);

/**
 * POST {proxy}/lookup, asking for the timeline drawn as HTML (`html` options) beside the view. A
 * signed-in customer may leave the email out for their own orders.
 */
export function lookupOrder(
  fetch: FetchLike,
  proxyPath: string,
  input: LookupInput,
  locale: string,
  html: ResultHtmlOptions,
): Promise<Outcome<ResultHtmlAnswer>> {
  // The proxy trims both fields (an empty email is as good as none); the locale picks its strings
  // and lets carriers answer in the shopper's language.
  return call(fetch, `${proxyPath}/lookup`, isAnswer, JSON.stringify({ ...input, locale, html }));
}

/** GET {proxy}/orders: a signed-in customer's recent orders. */
export const fetchOrders = (
  fetch: FetchLike,
  proxyPath: string,
): Promise<Outcome<{ orders: OrderListItem[] }>> => call(fetch, `${proxyPath}/orders`, isOrderList);
