// Every error code the app answers with and its HTTP status: zod-free, so the widget can import it.

/** Every code the app may answer with, and the HTTP status it comes with. */
export const ERROR_STATUS = {
  invalid_signature: 401,
  invalid_hmac: 401,
  invalid_session: 401,
  invalid_input: 400,
  order_not_found: 404,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  shop_not_installed: 403,
  rate_limited: 429,
  upstream_unavailable: 503,
  shopify_unauthorized: 503,
  database_unavailable: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** Codes only `GET /readyz` answers (for operators and load balancers); a shopper never sees them. */
export const READINESS_CODES: readonly ErrorCode[] = [
  'shopify_unauthorized',
  'database_unavailable',
];

/** Codes only Shopify's own calls get (webhook deliveries); a shopper never sees them. */
export const SHOPIFY_CALLER_CODES: readonly ErrorCode[] = ['invalid_hmac'];

/** Codes only the embedded admin's `/api/*` calls get; a shopper never sees them. */
export const ADMIN_CODES: readonly ErrorCode[] = ['invalid_session'];

/** Codes a lookup may answer the widget with: each has a shopper-facing message. */
export const SHOPPER_CODES: readonly ErrorCode[] = ERROR_CODES.filter(
  (code) =>
    !READINESS_CODES.includes(code) &&
    !SHOPIFY_CALLER_CODES.includes(code) &&
    !ADMIN_CODES.includes(code),
);

/** Codes worth retrying as they are (the widget offers "try again"). */
export const RETRYABLE_CODES: readonly ErrorCode[] = [
  'rate_limited',
  'upstream_unavailable',
  'internal_error',
];
