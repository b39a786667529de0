// Trust boundary for Shopify's webhook deliveries: the X-Shopify-Hmac-Sha256 header over the raw body.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Base64 of a 32-byte digest: 43 characters and one `=`. Anything else is refused before decoding. */
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

/**
 * True when `header` is the base64 HMAC-SHA256 of exactly `rawBody`, keyed with the app's client
 * secret (Shopify's documented webhook signature). The body must be the bytes as received, before
 * any JSON parsing; the comparison is constant-time. A missing or malformed header is false.
 * Source: shopify.dev, "Verify webhooks" (HMAC-SHA256, base64, client secret).
 */
export function verifyWebhookHmac(
  rawBody: Uint8Array,
  header: string | undefined | null,
  apiSecret: string,
): boolean {
  if (!header || apiSecret === '') return false;
  const given = header.trim();
  if (!BASE64_SHA256.test(given)) return false;
  const expected = createHmac('sha256', apiSecret).update(rawBody).digest();
  const received = Buffer.from(given, 'base64');
  return received.length === expected.length && timingSafeEqual(received, expected);
}
