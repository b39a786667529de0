// Where the Storefront API's public token comes from: made at install through the Admin API, or the custom app's setting.
import type { AdminQuery } from './admin-client.js';
import {
  STOREFRONT_TOKEN_CREATE_MUTATION,
  StorefrontTokenCreateDataSchema,
} from './storefront-documents.js';

/** The shop's public Storefront token, or null when it has none (recommendations then stay empty). */
export type StorefrontTokenSource = (shop: string) => Promise<string | null>;

/** Title the token gets in the shop's admin (Settings → Apps → the app's Storefront tokens). */
export const STOREFRONT_TOKEN_TITLE = 'Track your order: recommendations';

export class StorefrontTokenError extends Error {
  override readonly name = 'StorefrontTokenError';
}

/**
 * Creates a public Storefront access token for `shop` with the app's Admin access (`storefrontAccessTokenCreate`;
 * the app needs the `unauthenticated_read_product_listings` scope). Called once at install; the caller
 * seals and stores the token. Returns the token text. Throws StorefrontTokenError on user errors or
 * an answer without a token; the Admin client's UpstreamError passes through.
 */
export async function createStorefrontToken(shop: string, admin: AdminQuery): Promise<string> {
  const data = await admin(
    STOREFRONT_TOKEN_CREATE_MUTATION,
    { input: { title: STOREFRONT_TOKEN_TITLE } },
    StorefrontTokenCreateDataSchema,
  );
  const result = data.storefrontAccessTokenCreate;
  const token = result?.storefrontAccessToken?.accessToken;
  if (!token) {
    const reasons = result?.userErrors.map((e) => e.message).join('; ') || 'no token returned';
    throw new StorefrontTokenError(`storefrontAccessTokenCreate for ${shop}: ${reasons}`);
  }
  return token;
}

/** Custom-app mode: the one shop's token from `SHOPIFY_STOREFRONT_TOKEN`, or none. */
export function envStorefrontToken(shop: string, token: string | undefined): StorefrontTokenSource {
  const value = token?.trim() || null;
  return async (asked) => (asked === shop ? value : null);
}
