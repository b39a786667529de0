// Admin GraphQL calls through Shopify's client, with our own retry loop: Retry-After, THROTTLED and a total time budget.
import { createAdminApiClient } from '@shopify/admin-api-client';
import { z } from 'zod';
import type { Clock, Fetch, Logger } from '../core/ports.js';
import { ADMIN_API_VERSION } from './api-version.js';
import { backoffMs, retryAfterMs, throttleWaitMs } from './retry-delay.js';
import { UpstreamError } from './upstream-error.js';

export type Sleep = (ms: number) => Promise<void>;
/** A signal that aborts after `ms`; injected so tests decide when an attempt times out. */
export type TimeoutSignal = (ms: number) => AbortSignal;

export interface AdminGraphqlOptions {
  shop: string;
  accessToken: string;
  /** Replaces Shopify's URL (local emulators); the client still builds headers and body. */
  endpoint: string | undefined;
  budgetMs: number;
  maxAttempts?: number;
}

export interface AdminGraphqlDeps {
  fetch: Fetch;
  clock: Clock;
  sleep: Sleep;
  timeoutSignal: TimeoutSignal;
  logger: Logger;
}

/** Per call: the request's signal (a client that hangs up stops the work) and its logger. */
export interface AdminCallOptions {
  signal?: AbortSignal;
  logger?: Logger;
}

export type AdminQuery = <T>(
  document: string,
  variables: Record<string, unknown>,
  schema: z.ZodType<T>,
  options?: AdminCallOptions,
) => Promise<T>;

const RETRIED_STATUSES = new Set([429, 503]);

const EnvelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.object({
        message: z.string().optional(),
        extensions: z.object({ code: z.string().optional() }).loose().optional(),
      }),
    )
    .optional(),
  extensions: z
    .object({
      cost: z
        .object({
          requestedQueryCost: z.number().optional(),
          throttleStatus: z
            .object({ currentlyAvailable: z.number(), restoreRate: z.number() })
            .loose()
            .optional(),
        })
        .loose()
        .optional(),
    })
    .loose()
    .optional(),
});

type Attempt<T> =
  | { ok: true; value: T }
  | { ok: false; waitMs: number | undefined; error: UpstreamError };

export function createAdminGraphql(
  options: AdminGraphqlOptions,
  deps: AdminGraphqlDeps,
): AdminQuery {
  const { endpoint } = options;
  const client = createAdminApiClient({
    storeDomain: options.shop,
    apiVersion: ADMIN_API_VERSION,
    accessToken: options.accessToken,
    customFetchApi: (url, init) => deps.fetch(endpoint ?? url, init as RequestInit),
  });
  const maxAttempts = options.maxAttempts ?? 4;

  async function attempt<T>(
    document: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    remainingMs: number,
    call: AdminCallOptions,
  ): Promise<Attempt<T>> {
    const timeout = deps.timeoutSignal(remainingMs);
    const signal = call.signal ? AbortSignal.any([timeout, call.signal]) : timeout;
    let response: Response;
    try {
      response = await client.fetch(document, { variables, signal });
    } catch (cause) {
      if (call.signal?.aborted)
        throw new UpstreamError('aborted', 'the client went away', { cause });
      const fault = signal.aborted ? 'timeout' : 'network';
      throw new UpstreamError(
        fault,
        fault === 'timeout' ? `no answer in ${remainingMs} ms` : 'request failed',
        { cause },
      );
    }
    if (RETRIED_STATUSES.has(response.status)) {
      await response.body?.cancel().catch(() => {});
      const error = new UpstreamError('status', `HTTP ${response.status}`, {
        httpStatus: response.status,
      });
      return {
        ok: false,
        waitMs: retryAfterMs(response.headers.get('retry-after'), deps.clock()),
        error,
      };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new UpstreamError('status', `HTTP ${response.status}`, { httpStatus: response.status });
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (cause) {
      throw new UpstreamError(signal.aborted ? 'timeout' : 'malformed', 'body is not JSON', {
        cause,
      });
    }
    const envelope = EnvelopeSchema.safeParse(json);
    if (!envelope.success) throw new UpstreamError('malformed', 'unexpected envelope');
    const { errors, extensions } = envelope.data;
    if (errors?.length) {
      if (errors.some((e) => e.extensions?.code === 'THROTTLED')) {
        const cost = extensions?.cost;
        const waitMs =
          cost?.throttleStatus && cost.requestedQueryCost !== undefined
            ? throttleWaitMs(cost.requestedQueryCost, cost.throttleStatus)
            : undefined;
        return { ok: false, waitMs, error: new UpstreamError('throttled', 'THROTTLED') };
      }
      const codes = errors.map((e) => e.extensions?.code ?? 'unknown').join(',');
      // Shopify answers a field it may not show (a missing scope, protected customer data) with an
      // error beside otherwise good data and null in that field. Data that still fits the schema is
      // used, so one optional field cannot take every lookup down; the log tells the developer.
      const partial = schema.safeParse(envelope.data.data);
      if (!partial.success || envelope.data.data == null) {
        throw new UpstreamError('graphql', `errors ${codes}`);
      }
      (call.logger ?? deps.logger).warn({ event: 'admin_partial_data', codes });
      return { ok: true, value: partial.data };
    }
    const data = schema.safeParse(envelope.data.data);
    if (!data.success) throw new UpstreamError('malformed', 'data does not match the schema');
    return { ok: true, value: data.data };
  }

  return async (document, variables, schema, call = {}) => {
    const logger = call.logger ?? deps.logger;
    const deadline = deps.clock() + options.budgetMs;
    for (let n = 1; ; n++) {
      const remaining = deadline - deps.clock();
      if (remaining <= 0) throw new UpstreamError('budget', `no time left after ${n - 1} attempts`);
      const result = await attempt(document, variables, schema, remaining, call);
      if (result.ok) return result.value;
      const wait = result.waitMs ?? backoffMs(n);
      // Waiting past the deadline only to fail is worse than failing now with Retry-After.
      if (n >= maxAttempts || deps.clock() + wait >= deadline) throw result.error;
      logger.warn({
        event: 'admin_retry',
        attempt: n,
        fault: result.error.fault,
        waitMs: wait,
      });
      await deps.sleep(wait);
    }
  };
}
