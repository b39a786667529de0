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
 * A request signed for another store is refused like a bad signature: the app's secret is shared by
 * every store that installs it, so a valid signature for shop B must not open shop A's orders.
 */
export function verifyRequest(
  query: URLSearchParams,
  secret: string,
  expectedShop: string,
  nowMs: number,
): SignedContext {
  const result = verifyAppProxyQuery(query, secret, Math.floor(nowMs / 1000));
  if (!result.ok) throw httpError('invalid_signature');
  // Shopify sends the shop as configured; only another spelling needs normalising to compare.
  if (result.shop !== expectedShop && normaliseShop(result.shop) !== expectedShop) {
    throw httpError('invalid_signature');
  }
  const id = result.loggedInCustomerId;
  const prefix = result.pathPrefix;
  return {
    shop: expectedShop,
    customerId: id && /^\d{1,20}$/.test(id) ? id : null,
    pathPrefix: prefix && /^\/[\w\-/]{1,100}$/.test(prefix) ? prefix.replace(/\/+$/, '') : null,
  };
}
