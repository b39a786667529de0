// How long to wait before retrying a refused Admin call: what Shopify says first, a capped backoff otherwise.

const BASE_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 4000;

/** `Retry-After` in seconds (Shopify sends seconds; an HTTP date is honoured too). */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export interface ThrottleStatus {
  currentlyAvailable: number;
  restoreRate: number;
}

/** Time for the leaky bucket to refill enough for the query's requested cost. */
export function throttleWaitMs(requestedCost: number, status: ThrottleStatus): number | undefined {
  if (!(status.restoreRate > 0)) return undefined;
  const missing = Math.max(0, requestedCost - status.currentlyAvailable);
  return Math.ceil((missing / status.restoreRate) * 1000);
}

/** 250 ms, 500 ms, 1 s... for attempt 1, 2, 3..., capped. */
export function backoffMs(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
}
