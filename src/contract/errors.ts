// Error body shared by proxy and widget: `{ error: { code, message, ... } }`, discriminated by a stable code.
import { z } from 'zod';

import { ERROR_CODES, type ErrorCode } from './codes.js';

export {
  ADMIN_CODES,
  ERROR_CODES,
  ERROR_STATUS,
  type ErrorCode,
  READINESS_CODES,
  RETRYABLE_CODES,
  SHOPIFY_CALLER_CODES,
  SHOPPER_CODES,
} from './codes.js';

export const ErrorCodeSchema = z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]);

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
