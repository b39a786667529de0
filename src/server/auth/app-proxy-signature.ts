// Shopify app proxy signatures: sign and verify a query string exactly as Shopify's reference does.
import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';

/** Shopify's JS library allows 90 seconds of clock difference; so do we. */
export const SIGNATURE_MAX_AGE_SECONDS = 90;

/*
 * `signature`, `shop` and `timestamp` must appear at most once: a repeat could smuggle a second
 * value past the check.
 */

/**
 * UTF-16 code units sort as UTF-8 bytes do, except that code points from U+E000 up sort below
 * surrogate pairs in UTF-16 and above them in UTF-8: only messages holding either need bytes.
 */
const WIDE = /[\uD800-\uFFFF]/;

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

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
  return messageOf(group(params).values);
}

interface Grouped {
  /** Values of each key but `signature`, in order of first appearance. */
  values: Map<string, string[]>;
  /** How often each of the single keys appeared. */
  signatures: number;
  shops: number;
  timestamps: number;
}

/** One pass over the parameters: grouping, and the counts the repeat check needs. */
function group(params: URLSearchParams): Grouped {
  const grouped: Grouped = { values: new Map(), signatures: 0, shops: 0, timestamps: 0 };
  params.forEach((value, key) => {
    if (key === 'signature') {
      grouped.signatures++;
      return;
    }
    if (key === 'shop') grouped.shops++;
    else if (key === 'timestamp') grouped.timestamps++;
    const list = grouped.values.get(key);
    if (list) list.push(value);
    else grouped.values.set(key, [value]);
  });
  return grouped;
}

function messageOf(values: Map<string, string[]>): string {
  const pairs: string[] = [];
  for (const [key, list] of values)
    pairs.push(`${key}=${list.length === 1 ? list[0] : list.join(',')}`);
  pairs.sort(compareUnits);
  const message = pairs.join('');
  if (!WIDE.test(message)) return message;
  pairs.sort(compareBytes);
  return pairs.join('');
}

/** The last secret's key: a deployment has one, and preparing it anew costs on every request. */
let lastSecret: string | undefined;
let lastKey: KeyObject | undefined;

function hmac(message: string, secret: string): Buffer {
  if (secret !== lastSecret || !lastKey) {
    lastKey = createSecretKey(Buffer.from(secret, 'utf8'));
    lastSecret = secret;
  }
  return createHmac('sha256', lastKey).update(message, 'utf8').digest();
}

/** Hex HMAC-SHA256 of the app proxy message, as Shopify puts it in `signature`. */
export function signAppProxyQuery(params: URLSearchParams, secret: string): string {
  return hmac(appProxyMessage(params), secret).toString('hex');
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
  const grouped = group(params);
  if (grouped.signatures > 1 || grouped.shops > 1 || grouped.timestamps > 1) {
    return { ok: false, reason: 'repeated_parameter' };
  }
  const given = params.get('signature');
  if (!given) return { ok: false, reason: 'missing_signature' };

  // Anything but 64 hex digits (either case) is garbage; the digits are compared as the bytes they
  // spell, in time independent of content.
  if (!HEX_SHA256.test(given)) return { ok: false, reason: 'bad_signature' };
  const same = timingSafeEqual(hmac(messageOf(grouped.values), secret), Buffer.from(given, 'hex'));
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

function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
