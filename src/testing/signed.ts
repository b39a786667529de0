// Test helper: URLs signed the way Shopify's app proxy signs them.
import { signAppProxyQuery } from '../server/auth/app-proxy-signature.js';

export const SECRET = 'test-app-secret';
export const SHOP = 'demo-store.myshopify.com';
export const TOKEN = 'shpat_test_token_123';
/** 26 Nov 2026 12:00 UTC, in ms. */
export const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

export interface SignOptions {
  customerId?: string;
  shop?: string;
  nowMs?: number;
  secret?: string;
  extra?: Record<string, string>;
}

export function signedUrl(path: string, options: SignOptions = {}): string {
  const params = new URLSearchParams({
    ...options.extra,
    shop: options.shop ?? SHOP,
    logged_in_customer_id: options.customerId ?? '',
    path_prefix: '/apps/track',
    timestamp: String(Math.floor((options.nowMs ?? NOW) / 1000)),
  });
  params.set('signature', signAppProxyQuery(params, options.secret ?? SECRET));
  return `http://proxy.test${path}?${params}`;
}

export function lookupRequest(
  body: Record<string, unknown>,
  options: SignOptions & { ip?: string } = {},
): Request {
  return new Request(signedUrl('/proxy/lookup', options), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': options.ip ?? '203.0.113.7' },
    body: JSON.stringify(body),
  });
}

export function formRequest(
  fields: Record<string, string>,
  options: SignOptions & { ip?: string } = {},
): Request {
  return new Request(signedUrl('/proxy/lookup', options), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': options.ip ?? '203.0.113.7',
    },
    body: new URLSearchParams(fields).toString(),
  });
}
