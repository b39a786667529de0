// One guarded JSON request to a carrier: abortable, status-classified, size-capped and zod-checked.
import type { z } from 'zod';
import type { Fetch } from '../core/ports.js';
import { abortFault, untilAborted } from './abort.js';
import { CarrierFault } from './carrier-fault.js';

const MAX_BODY_CHARS = 2_000_000;

export interface JsonRequest<T> {
  carrier: string;
  fetch: Fetch;
  url: string;
  init?: RequestInit;
  signal: AbortSignal;
  schema: z.ZodType<T>;
  /** Statuses that mean "no such shipment" rather than a fault (e.g. DHL's 404). */
  notFoundStatuses?: readonly number[];
}

export type JsonResult<T> = { kind: 'ok'; data: T } | { kind: 'not_found' };

export async function requestJson<T>(request: JsonRequest<T>): Promise<JsonResult<T>> {
  const { carrier, signal } = request;
  try {
    signal.throwIfAborted();
    // A fetch that ignores its signal must not hold the lookup hostage.
    return await untilAborted(send(request), signal);
  } catch (error) {
    if (error instanceof CarrierFault) throw error;
    if (signal.aborted) throw abortFault(carrier, signal, error);
    throw new CarrierFault(carrier, 'network', undefined, { cause: error });
  }
}

async function send<T>(request: JsonRequest<T>): Promise<JsonResult<T>> {
  const { carrier, fetch, url, init, signal, schema, notFoundStatuses = [] } = request;
  const response = await fetch(url, {
    ...init,
    headers: { accept: 'application/json', ...init?.headers },
    signal,
  });
  if (notFoundStatuses.includes(response.status)) {
    await response.body?.cancel().catch(() => {});
    return { kind: 'not_found' };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    if (response.status === 429) throw new CarrierFault(carrier, 'rate_limited', 429);
    if (response.status >= 500) throw new CarrierFault(carrier, 'server_error', response.status);
    throw new CarrierFault(carrier, 'http_error', response.status);
  }
  const text = await response.text();
  if (text.length > MAX_BODY_CHARS) throw new CarrierFault(carrier, 'malformed', response.status);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CarrierFault(carrier, 'malformed', response.status, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new CarrierFault(carrier, 'malformed', response.status, { cause: parsed.error });
  }
  return { kind: 'ok', data: parsed.data };
}
