// The local Shopify app proxy: signs the query as Shopify does, strips cookies, forwards, renders Liquid answers.
import { signAppProxyQuery } from '../src/server/auth/app-proxy-signature.js';

export interface AppProxyOptions {
  /** The app's client secret; the same one the proxy verifies with. */
  secret: string;
  /** The shop's myshopify.com domain, sent as `shop`. */
  shop: string;
  /** The storefront path the proxy is mounted at, sent as `path_prefix`, e.g. `/apps/track`. */
  pathPrefix: string;
  /** Where the app's proxy URL points, e.g. `/proxy` (shopify.app.toml `[app_proxy] url`). */
  upstreamPrefix: string;
  /** The app's handler; called in-process with the request Shopify would send it. */
  upstream: (request: Request) => Promise<Response>;
  /** Unix seconds, sent as `timestamp`. */
  nowSeconds: () => number;
}

/** What the storefront knows about the shopper behind one request. */
export interface ProxiedShopper {
  /** The path after the prefix, starting with `/` (e.g. `/lookup`). */
  subpath: string;
  clientIp: string;
  /** From the storefront session; empty when nobody is logged in. */
  customerId: string | null;
  /** Renders an `application/liquid` answer in the shop's theme. */
  renderLiquid: (source: string) => Promise<string>;
}

/** Parameters Shopify sets itself; a shopper's own copies are dropped so they cannot be smuggled in. */
const SHOPIFY_PARAMS = ['shop', 'logged_in_customer_id', 'path_prefix', 'timestamp', 'signature'];
/** Never forwarded: cookies (Shopify strips them), and hop-by-hop or recomputed headers. */
const DROPPED_REQUEST_HEADERS = [
  'cookie',
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'x-forwarded-for',
];

export function createAppProxy(options: AppProxyOptions) {
  return async function forward(request: Request, shopper: ProxiedShopper): Promise<Response> {
    const query = new URL(request.url).searchParams;
    for (const key of SHOPIFY_PARAMS) query.delete(key);
    query.append('shop', options.shop);
    query.append('logged_in_customer_id', shopper.customerId ?? '');
    query.append('path_prefix', options.pathPrefix);
    query.append('timestamp', String(options.nowSeconds()));
    query.append('signature', signAppProxyQuery(query, options.secret));

    const headers = new Headers(request.headers);
    for (const name of DROPPED_REQUEST_HEADERS) headers.delete(name);
    headers.set('x-forwarded-for', shopper.clientIp);

    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const upstreamRequest = new Request(
      `http://app-proxy.internal${options.upstreamPrefix}${shopper.subpath}?${query}`,
      {
        method: request.method,
        headers,
        body: hasBody ? await request.arrayBuffer() : undefined,
        redirect: 'manual',
      },
    );

    let answer: Response;
    try {
      answer = await options.upstream(upstreamRequest);
    } catch {
      return new Response(
        '<!doctype html><title>Error</title><p>The app could not be reached.</p>',
        {
          status: 502,
          headers: { 'content-type': 'text/html; charset=utf-8' },
        },
      );
    }

    if ((answer.headers.get('content-type') ?? '').toLowerCase().startsWith('application/liquid')) {
      const html = await shopper.renderLiquid(await answer.text());
      return new Response(html, {
        status: answer.status,
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      });
    }
    const passed = new Headers(answer.headers);
    passed.delete('set-cookie');
    return new Response(answer.body, { status: answer.status, headers: passed });
  };
}
