// Shopify app proxy signatures: sign and verify a query string exactly as Shopify's reference does.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Shopify's JS library allows 90 seconds of clock difference; so do we. */
export const SIGNATURE_MAX_AGE_SECONDS = 90;

/** Keys that must appear at most once: a repeat could smuggle a second value past the check. */
const SINGLE_KEYS = ['signature', 'shop', 'timestamp'] as const;

export type SignatureFailure =
  | 'missing_signature'
  | 'repeated_parameter'
  | 'bad_signature'
  | 'missing_timestamp'
  | 'stale_timestamp';

export type SignatureResult =
  | { ok: true; shop: string; loggedInCustomerId: string | null; pathPrefix: string | null }
  | { ok: false; reason: SignatureFailure };

/**
 * The message Shopify signs: every parameter but `signature` as `key=value` (repeated keys' values
 * joined by `,`), the whole strings sorted by byte order, concatenated with no separator.
 * Byte order, not localeCompare: `a-b=1` sorts before `a=1`, as in Shopify's Ruby reference.
 */
export function appProxyMessage(params: URLSearchParams): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === 'signature') continue;
    const list = grouped.get(key);
    if (list) list.push(value);
    else grouped.set(key, [value]);
  }
  const pairs = [...grouped].map(([key, values]) => `${key}=${values.join(',')}`);
  pairs.sort(compareBytes);
  return pairs.join('');
}

/** Hex HMAC-SHA256 of the app proxy message, as Shopify puts it in `signature`. */
export function signAppProxyQuery(params: URLSearchParams, secret: string): string {
  return createHmac('sha256', secret).update(appProxyMessage(params), 'utf8').digest('hex');
}

/**
 * Verifies a forwarded app-proxy query. `nowSeconds` is injected so tests control time.
 * Only after `ok` may `shop` and `logged_in_customer_id` be trusted.
 */
export function verifyAppProxyQuery(
  params: URLSearchParams,
  secret: string,
  nowSeconds: number,
): SignatureResult {
  for (const key of SINGLE_KEYS) {
    if (params.getAll(key).length > 1) return { ok: false, reason: 'repeated_parameter' };
  }
  const given = params.get('signature');
  if (!given) return { ok: false, reason: 'missing_signature' };

  const expected = Buffer.from(signAppProxyQuery(params, secret), 'utf8');
  const actual = Buffer.from(given.toLowerCase(), 'utf8');
  // Lengths differ only for garbage; comparing equal-length buffers keeps timing independent of content.
  const same = expected.length === actual.length && timingSafeEqual(expected, actual);
  if (!same) return { ok: false, reason: 'bad_signature' };

  const timestamp = params.get('timestamp');
  if (!timestamp || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'missing_timestamp' };
  if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_MAX_AGE_SECONDS) {
    return { ok: false, reason: 'stale_timestamp' };
  }
  const shop = params.get('shop');
  if (!shop) return { ok: false, reason: 'bad_signature' };
  const customer = params.get('logged_in_customer_id');
  return {
    ok: true,
    shop,
    loggedInCustomerId: customer ? customer : null,
    pathPrefix: params.get('path_prefix'),
  };
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
