// GET /proxy/recommendations: up to four products to show under a tracked order, from the Storefront API; never an error for Shopify's faults.
import type { Context } from 'hono';
import type { FieldIssue } from '../../contract/errors.js';
import type { TrackingView } from '../../contract/tracking-view.js';
import type { Fetch, Logger } from '../../core/ports.js';
import {
  createRecommendations,
  type Market,
  productGid,
  type Recommendations,
  storefrontCountry,
  storefrontLanguage,
} from '../../recommendations/recommend.js';
import { createStorefrontGraphql } from '../../shopify/storefront-client.js';
import { envStorefrontToken, type StorefrontTokenSource } from '../../shopify/storefront-token.js';
import { verifyRequest } from '../auth/app-proxy-request.js';
import type { Env } from '../config.js';
import type { AppEnv, RouteDeps } from '../context.js';
import { httpError } from '../http-error.js';
import type { PageRecommendations } from '../page/recommendations.js';
import { jsonResponse } from '../responses.js';

/** Product ids one request may name (an order's line items, de-duplicated). */
export const MAX_PRODUCT_IDS = 10;
/** How long the widget's call waits for Shopify; the timeline is already drawn by then. */
export const RECOMMENDATIONS_BUDGET_MS = 800;
/** Catalogue picks change slowly; ten minutes keeps a busy store's calls low. */
const CACHE_TTL_MS = 10 * 60_000;
const CACHE_MAX = 5000;

export interface RecommendationWiring {
  fetch: Fetch;
  clock: () => number;
  timeoutSignal: (ms: number) => AbortSignal;
  logger: Logger;
  /** Replaces the custom app's `SHOPIFY_STOREFRONT_TOKEN` (installed shops: the sealed token). */
  tokens?: StorefrontTokenSource;
}

/**
 * The recommender the proxy uses: Storefront calls to `https://{shop}` (or `SHOPIFY_API_ORIGIN`)
 * with the shop's public token; a shop without one gets empty lists.
 */
export function recommendationsFromEnv(
  env: Env,
  shop: string,
  wiring: RecommendationWiring,
): Recommendations {
  const tokens = wiring.tokens ?? envStorefrontToken(shop, env.SHOPIFY_STOREFRONT_TOKEN);
  const apiOrigin = env.SHOPIFY_API_ORIGIN?.trim() || undefined;
  return createRecommendations(
    { cacheMax: CACHE_MAX, cacheTtlMs: CACHE_TTL_MS, budgetMs: RECOMMENDATIONS_BUDGET_MS },
    {
      storefront: async (asked) => {
        const publicToken = await tokens(asked);
        return publicToken
          ? createStorefrontGraphql({ shop: asked, publicToken, apiOrigin }, wiring)
          : null;
      },
      clock: wiring.clock,
      timeoutSignal: wiring.timeoutSignal,
      logger: wiring.logger,
    },
  );
}

export interface RecommendationsQuery {
  productIds: string[];
  market: Market;
}

/** Reads `products`, `locale` and `country`; throws invalid_input naming the fields that are wrong. */
export function recommendationsQuery(params: URLSearchParams): RecommendationsQuery {
  const issues: FieldIssue[] = [];
  const raw = params.get('products') ?? '';
  const parts = raw.split(',').filter((part) => part.trim() !== '');
  const ids = parts.map(productGid);
  if (parts.length === 0) issues.push({ field: 'products', issue: 'required' });
  else if (parts.length > MAX_PRODUCT_IDS) issues.push({ field: 'products', issue: 'too_many' });
  else if (ids.some((id) => id === undefined))
    issues.push({ field: 'products', issue: 'invalid_format' });

  const locale = params.get('locale') ?? undefined;
  const language = locale ? storefrontLanguage(locale) : undefined;
  if (locale && !language) issues.push({ field: 'locale', issue: 'invalid_format' });
  const countryText = params.get('country') ?? undefined;
  const country = countryText ? storefrontCountry(countryText) : undefined;
  if (countryText && !country) issues.push({ field: 'country', issue: 'invalid_format' });

  if (issues.length > 0) throw httpError('invalid_input', { fields: issues });
  return { productIds: ids.filter((id): id is string => !!id), market: { language, country } };
}

/** What the no-JS page waits for recommendations: those in the cache, or those this quick. */
export const PAGE_BUDGET_MS = 300;

/**
 * Recommendations for the no-JS timeline page, when the block posted its heading (the setting is
 * on): cached ones, or those Shopify gives within PAGE_BUDGET_MS; otherwise none. Never throws.
 */
export async function pageRecommendations(
  deps: RouteDeps,
  shop: string,
  view: TrackingView,
  raw: { locale: string | undefined },
  formText: string,
  call: { signal: AbortSignal; logger: Logger },
): Promise<PageRecommendations | undefined> {
  const form = new URLSearchParams(formText);
  const heading = form.get('recommendations')?.trim().slice(0, 200);
  if (!heading) return undefined;
  const ids = view.order.lineItems.flatMap((item) => (item.productId ? [item.productId] : []));
  const productIds = [...new Set(ids)].slice(0, MAX_PRODUCT_IDS);
  if (productIds.length === 0) return undefined;
  const market = {
    language: storefrontLanguage(raw.locale),
    country: storefrontCountry(form.get('country') ?? undefined),
  };
  const cards = await deps.recommendations.recommend(shop, productIds, market, {
    ...call,
    budgetMs: PAGE_BUDGET_MS,
  });
  return { heading, cards };
}

export function proxyRecommendations(deps: RouteDeps) {
  return async (c: Context<AppEnv>): Promise<Response> => {
    const request = c.req.raw;
    const params = new URL(request.url).searchParams;
    const signed = verifyRequest(params, deps.config.apiSecret, deps.expectedShop, deps.clock());
    c.get('fields').shop = signed.shop;
    const log = c.get('log').child({ shop: signed.shop });
    c.set('log', log);
    const query = recommendationsQuery(params);
    const products = await deps.recommendations.recommend(
      signed.shop,
      query.productIds,
      query.market,
      {
        signal: request.signal,
        logger: log,
      },
    );
    return jsonResponse({ products });
  };
}
