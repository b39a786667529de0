// Routes @shopify/shopify-api's process-global fetch through the calling app's own fetch and origin.
import { AsyncLocalStorage } from 'node:async_hooks';
import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import type { Fetch } from '../core/ports.js';

/** The fetch a call to Shopify goes through, and the origin standing in for `https://{shop}`. */
export interface ShopifyTransport {
  fetch: Fetch;
  /** `SHOPIFY_API_ORIGIN`; undefined = Shopify itself. */
  origin: string | undefined;
}

const current = new AsyncLocalStorage<ShopifyTransport>();
let installed = false;

/**
 * The library keeps one fetch for the whole process (`setAbstractFetchFunc`); several apps (tests,
 * the demo) live in one process with different fetches. So the global fetch reads the transport of
 * the call in progress from async-local storage, and a library call made outside `withTransport`
 * fails instead of reaching the internet.
 */
function install(): void {
  if (installed) return;
  installed = true;
  setAbstractFetchFunc(async (input, init) => {
    const transport = current.getStore();
    if (!transport) throw new Error('Shopify call outside withTransport');
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return transport.fetch(rewriteOrigin(url, transport.origin), init);
  });
}

/** Runs `work` with its Shopify calls going through `transport`. */
export function withTransport<T>(transport: ShopifyTransport, work: () => Promise<T>): Promise<T> {
  install();
  return current.run(transport, work);
}

/** `https://{shop}/admin/…` → `{origin}/admin/…`; Shopify's path and query are kept. */
export function rewriteOrigin(url: string, origin: string | undefined): string {
  if (!origin) return url;
  const parsed = new URL(url);
  return `${origin}${parsed.pathname}${parsed.search}`;
}

/** The Admin GraphQL URL for a shop, honouring `SHOPIFY_API_ORIGIN`. */
export function adminGraphqlUrl(shop: string, version: string, origin: string | undefined): string {
  return rewriteOrigin(`https://${shop}/admin/api/${version}/graphql.json`, origin);
}
