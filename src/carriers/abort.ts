// Waiting that respects an AbortSignal, and naming why the wait ended.
import { CarrierFault } from './carrier-fault.js';

/** Settles with `work` or rejects as soon as `signal` aborts, whichever comes first; `work` is not cancelled. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A time limit running out is a timeout; anything else aborting is the caller giving up. */
export function abortFault(carrier: string, signal: AbortSignal, cause: unknown): CarrierFault {
  const reason: unknown = signal.reason;
  const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
  return new CarrierFault(carrier, timedOut ? 'timeout' : 'aborted', undefined, { cause });
}
