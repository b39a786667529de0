// Checks a request's app-proxy signature and that it is for the store this deployment serves.

import { normaliseShop } from '../config.js';
import { httpError } from '../http-error.js';
import { verifyAppProxyQuery } from './app-proxy-signature.js';

export interface SignedContext {
  shop: string;
  /** Shopify's numeric customer id when a customer is logged in; trusted only because it is signed. */
  customerId: string | null;
  /** The storefront path the proxy is mounted at (e.g. `/apps/track`), when it is a plain path. */
  pathPrefix: string | null;
}

/**
 * Custom-app mode (`expectedShop` set): a request signed for another store is refused like a bad
 * signature, since the secret may be shared. App mode (`expectedShop` undefined): every store that
 * installed the app signs with its secret, and the signed shop is the one whose orders are read.
 */
export function verifyRequest(
  query: URLSearchParams,
  secret: string,
  expectedShop: string | undefined,
  nowMs: number,
): SignedContext {
  const result = verifyAppProxyQuery(query, secret, Math.floor(nowMs / 1000));
  if (!result.ok) throw httpError('invalid_signature');
  // Shopify sends the shop as configured; only another spelling needs normalising to compare.
  const shop = normaliseShop(result.shop);
  if (!shop || (expectedShop !== undefined && shop !== expectedShop)) {
    throw httpError('invalid_signature');
  }
  const id = result.loggedInCustomerId;
  const prefix = result.pathPrefix;
  return {
    shop,
    customerId: id && /^\d{1,20}$/.test(id) ? id : null,
    pathPrefix: prefix && /^\/[\w\-/]{1,100}$/.test(prefix) ? prefix.replace(/\/+$/, '') : null,
  };
}
