// The widget's two calls to the app proxy, with fetch injected; every failure becomes data.
import type { ErrorCode } from '../contract/errors.js';
import type { OrderListItem, TrackingView } from '../contract/tracking-view.js';
import type { LookupInput } from './validate.js';

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

function seconds(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.ceil(n) : undefined;
}

async function failureFrom(response: Response): Promise<Failure> {
  let error: Record<string, unknown> = {};
  try {
    const body: unknown = await response.json();
    const inner = (body as { error?: unknown } | null)?.error;
    if (inner && typeof inner === 'object') error = inner as Record<string, unknown>;
  } catch {
    // A body that is not JSON (a theme's error page, say) still has a status to go by.
  }
  const code =
    typeof error.code === 'string'
      ? error.code
      : response.status === 429
        ? 'rate_limited'
        : response.status === 503
          ? 'upstream_unavailable'
          : 'internal_error';
  const failure: Failure = { code };
  const wait = seconds(error.retryAfter) ?? seconds(response.headers.get('retry-after'));
  if (wait !== undefined) failure.retryAfter = wait;
  if (Array.isArray(error.fields)) failure.fields = error.fields as Failure['fields'];
  return failure;
}

async function call<T>(
  fetch: FetchLike,
  url: string,
  init: RequestInit,
  accept: (body: unknown) => body is T,
): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { accept: 'application/json', ...init.headers },
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, failure: { code: 'network' } };
  }
  if (!response.ok) return { ok: false, failure: await failureFrom(response) };
  try {
    const body: unknown = await response.json();
    if (accept(body)) return { ok: true, value: body };
  } catch {
    // Falls through: a 200 that is not our JSON means something between us and the proxy broke.
  }
  return { ok: false, failure: { code: 'internal_error' } };
}

const isView = (body: unknown): body is TrackingView => {
  const v = body as TrackingView | null;
  return !!v?.order && Array.isArray(v.milestones) && Array.isArray(v.shipments);
};

const isOrderList = (body: unknown): body is { orders: OrderListItem[] } =>
  Array.isArray((body as { orders?: unknown } | null)?.orders);

/** POST {proxy}/lookup. A signed-in customer may leave the email out for their own orders. */
export function lookupOrder(
  fetch: FetchLike,
  proxyPath: string,
  input: LookupInput,
): Promise<Outcome<TrackingView>> {
  const body: Partial<LookupInput> = { orderNumber: input.orderNumber.trim() };
  if (input.email.trim()) body.email = input.email.trim();
  return call(
    fetch,
    `${proxyPath}/lookup`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    isView,
  );
}

/** GET {proxy}/orders: a signed-in customer's recent orders. */
export async function fetchOrders(
  fetch: FetchLike,
  proxyPath: string,
): Promise<Outcome<OrderListItem[]>> {
  const outcome = await call(fetch, `${proxyPath}/orders`, { method: 'GET' }, isOrderList);
  return outcome.ok ? { ok: true, value: outcome.value.orders } : outcome;
}
