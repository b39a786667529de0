// Failures the local Admin API can be told to produce, and the answers Shopify gives for each.
import { z } from 'zod';
import type { ThrottleStatus } from './admin-bucket.js';

// How many requests a fault affects; left out, it lasts until cleared.
const Count = z.number().int().positive().optional();

export const FaultSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('throttle'), count: Count }),
    z.object({
      kind: z.literal('status'),
      status: z
        .union([z.literal(429), z.literal(500), z.literal(502), z.literal(503)])
        .default(503),
      retryAfter: z.number().nonnegative().max(3600).optional(),
      count: Count,
    }),
    z.object({ kind: z.literal('slow'), ms: z.number().int().min(0).max(60_000), count: Count }),
    z.object({ kind: z.literal('malformed'), count: Count }),
  ])
  .nullable();

export type Fault = z.input<typeof FaultSchema>;
export type ParsedFault = z.output<typeof FaultSchema>;

export const RATE_LIMIT_DOCS = 'https://shopify.dev/api/usage/rate-limits';

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

/** HTTP 200 with a THROTTLED error, as Shopify answers when the bucket lacks the points. */
export function throttledResponse(cost: CostExtension): Response {
  return jsonResponse(200, {
    errors: [
      {
        message: 'Throttled',
        extensions: { code: 'THROTTLED', documentation: RATE_LIMIT_DOCS },
      },
    ],
    extensions: { cost },
  });
}

/** The answer for an HTTP-status fault, with the body each status has on Shopify. */
export function statusResponse(status: 429 | 500 | 502 | 503, retryAfter?: number): Response {
  const headers: Record<string, string> = {};
  if (retryAfter !== undefined) headers['retry-after'] = retryAfter.toFixed(1);
  if (status === 429) {
    if (retryAfter === undefined) headers['retry-after'] = '2.0';
    return jsonResponse(
      429,
      {
        errors:
          'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
      },
      headers,
    );
  }
  if (status === 502) {
    return new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', {
      status,
      headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
    });
  }
  const message = status === 500 ? 'Internal Server Error' : 'Service Unavailable';
  return jsonResponse(status, { errors: message }, headers);
}

/** A 200 whose JSON body is cut off mid-way, as a broken connection or proxy can leave it. */
export function malformedResponse(): Response {
  return new Response('{"data":{"orders":{"nodes":[{"name":"#10', {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
