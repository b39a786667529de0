// Error body shared by proxy and widget: `{ error: { code, message, ... } }`, discriminated by a stable code.
import { z } from 'zod';

/** Every code the proxy may answer with, and the HTTP status it comes with. */
export const ERROR_STATUS = {
  invalid_signature: 401,
  invalid_input: 400,
  order_not_found: 404,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  upstream_unavailable: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];
export const ErrorCodeSchema = z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]);

/** Codes worth retrying as they are (the widget offers "try again"). */
export const RETRYABLE_CODES: readonly ErrorCode[] = [
  'rate_limited',
  'upstream_unavailable',
  'internal_error',
];

export const FieldIssueSchema = z.object({
  field: z.string().max(50),
  /** Stable machine-readable reason, e.g. `required`, `too_long`, `invalid_format`. */
  issue: z.string().max(50),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string().max(500),
    /** invalid_input: which fields were wrong and why. */
    fields: z.array(FieldIssueSchema).optional(),
    /** rate_limited, upstream_unavailable: seconds to wait (same as the Retry-After header). */
    retryAfter: z.number().int().nonnegative().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
