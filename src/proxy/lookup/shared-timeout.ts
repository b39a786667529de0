// One timeout signal shared by all requests starting within the same short window.
import type { TimeoutSignal } from '../../shopify/admin-client.js';

/**
 * Creating an AbortSignal per request is costly on Node 20 (each is registered for transfer and
 * carries its own timer). Requests starting in the same `windowMs` share one, so each gets between
 * `ms - windowMs` and `ms` of time: close enough for a carrier budget of seconds.
 */
export function sharedTimeout(
  timeoutSignal: TimeoutSignal,
  clock: () => number,
  windowMs = 50,
): TimeoutSignal {
  let windowStart = Number.NEGATIVE_INFINITY;
  let windowBudget = -1;
  let current: AbortSignal | undefined;
  return (ms) => {
    const now = clock();
    if (!current || ms !== windowBudget || now - windowStart >= windowMs || current.aborted) {
      current = timeoutSignal(ms);
      windowStart = now;
      windowBudget = ms;
    }
    return current;
  };
}
