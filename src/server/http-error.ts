// The one error the HTTP edge answers with: it knows its status (from the shared code table) and becomes a JSON Response.
import {
  ERROR_STATUS,
  type ErrorBody,
  type ErrorCode,
  type FieldIssue,
} from '../contract/errors.js';

export interface HttpErrorOptions {
  fields?: FieldIssue[];
  /** Seconds; sent both as `Retry-After` and in the body. */
  retryAfter?: number;
  /** method_not_allowed: the methods the path takes, sent as `Allow`. */
  allow?: readonly string[];
  cause?: unknown;
}

export class HttpError extends Error {
  override readonly name: string = 'HttpError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldIssue[] | undefined;
  readonly retryAfter: number | undefined;
  readonly allow: readonly string[] | undefined;

  constructor(code: ErrorCode, message: string, options: HttpErrorOptions = {}) {
    // An HttpError is an answer, not a fault: it needs no stack, and capturing one costs every
    // refused request (bad signatures, floods over the limits) several microseconds.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message, { cause: options.cause });
    Error.stackTraceLimit = stackTraceLimit;
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.fields = options.fields;
    this.allow = options.allow;
    this.retryAfter =
      options.retryAfter === undefined ? undefined : Math.max(1, Math.ceil(options.retryAfter));
  }

  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { code: this.code, message: this.message };
    if (this.fields) error.fields = this.fields;
    if (this.retryAfter !== undefined) error.retryAfter = this.retryAfter;
    return { error };
  }

  toResponse(extraHeaders: Record<string, string> = {}): Response {
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...extraHeaders,
    };
    if (this.retryAfter !== undefined) headers['retry-after'] = String(this.retryAfter);
    if (this.allow) headers.allow = this.allow.join(', ');
    return new Response(JSON.stringify(this.toBody()), { status: this.status, headers });
  }
}

/** Shopper-facing messages: plain, the same whatever went wrong inside. */
export const MESSAGES = {
  invalid_signature: 'This request did not come through the store.',
  invalid_hmac: 'The webhook signature (X-Shopify-Hmac-Sha256) does not match the body.',
  invalid_session: 'The session token is missing, expired or not for this app.',
  shop_not_installed: "This store's order tracking is not set up yet.",
  invalid_input: 'Please check the highlighted fields.',
  order_not_found: 'We could not find an order with that number and email.',
  not_found: 'There is nothing here.',
  method_not_allowed: 'This method is not allowed here.',
  payload_too_large: 'The request is too large.',
  unsupported_media_type: 'Send JSON or a form.',
  rate_limited: 'Too many attempts. Please wait a moment and try again.',
  upstream_unavailable: 'Order tracking is unavailable right now. Please try again shortly.',
  shopify_unauthorized: 'The Shopify Admin API refused the configured access token.',
  database_unavailable: 'The database does not answer.',
  internal_error: 'Something went wrong. Please try again.',
} as const satisfies Record<ErrorCode, string>;

/** An HttpError with the standard message for its code. */
export function httpError(code: ErrorCode, options?: HttpErrorOptions): HttpError {
  return new HttpError(code, MESSAGES[code], options);
}
