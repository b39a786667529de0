// Product recommendations for a tracked order: Storefront's RELATED then COMPLEMENTARY picks, merged, cached and time-boxed.
import { LRUCache } from 'lru-cache';
import type { Clock, Logger } from '../core/ports.js';
import type { StorefrontQuery } from '../shopify/storefront-client.js';
import {
  PRODUCT_RECOMMENDATIONS_QUERY,
  RecommendationsDataSchema,
  type RecommendedProduct,
} from '../shopify/storefront-documents.js';

/** One card the widget draws (the public contract of GET /proxy/recommendations). */
export interface RecommendationCard {
  title: string;
  /** Storefront-relative: `/products/<handle>`. */
  url: string;
  image: { url: string; width: number | null; height: number | null; alt: string } | null;
  /** A decimal string as Shopify sends it (`"29.0"`), in the market's currency. */
  price: { amount: string; currencyCode: string };
}

/** The shopper's market: Storefront `CountryCode` and `LanguageCode` values, or undefined for the shop's default. */
export interface Market {
  country: string | undefined;
  language: string | undefined;
}

/** Cards for one product of the order, with the GID they were recommended under kept for de-duplication. */
interface Pick {
  id: string;
  card: RecommendationCard;
}

export interface RecommenderOptions {
  /** At most this many cards in an answer. */
  maxCards?: number;
  cacheMax: number;
  cacheTtlMs: number;
  /** Longest the widget's call may wait for Shopify before it gets an empty list. */
  budgetMs: number;
}

export interface RecommenderDeps {
  /** A Storefront client for the shop, or null when the shop has no Storefront token. */
  storefront: (shop: string) => Promise<StorefrontQuery | null>;
  clock: Clock;
  /** A signal that aborts after `ms`; injected so tests decide when time is up. */
  timeoutSignal: (ms: number) => AbortSignal;
  logger: Logger;
}

export interface RecommendCall {
  /** The request's signal: a shopper who leaves stops the calls. */
  signal?: AbortSignal;
  /** Overrides the budget (the no-JS page waits 300 ms at most). */
  budgetMs?: number;
  logger?: Logger;
}

export interface Recommendations {
  /**
   * Up to `maxCards` cards for products recommended for `productIds` (GIDs), without those
   * products themselves. Never throws: no token, a failure, an empty store or the time running out
   * all give `[]` (or the cards already known).
   */
  recommend(
    shop: string,
    productIds: readonly string[],
    market: Market,
    call?: RecommendCall,
  ): Promise<RecommendationCard[]>;
}

const INTENTS = ['RELATED', 'COMPLEMENTARY'] as const;

/** `123` or `gid://shopify/Product/123` → the GID; undefined for anything else. */
export function productGid(input: string): string | undefined {
  const id = /^(?:gid:\/\/shopify\/Product\/)?(\d{1,20})$/.exec(input.trim())?.[1];
  return id ? `gid://shopify/Product/${id}` : undefined;
}

// Storefront LanguageCode values for a locale's region where the language has regional variants.
const REGIONAL = new Set(['PT_BR', 'PT_PT', 'ZH_CN', 'ZH_TW']);

/**
 * A storefront locale (`pt-BR`, `de`, `nb-NO`) → a Storefront `LanguageCode` (`PT_BR`, `DE`, `NB`);
 * undefined when it is malformed. Values Shopify does not know make the call fail, which gives an
 * empty list, never an error.
 */
export function storefrontLanguage(locale: string | undefined): string | undefined {
  const match = /^([a-z]{2,3})(?:[-_]([a-z]{2}))?$/i.exec(locale?.trim() ?? '');
  if (!match?.[1]) return undefined;
  const primary = match[1].toUpperCase();
  const regional = match[2] ? `${primary}_${match[2].toUpperCase()}` : '';
  if (REGIONAL.has(regional)) return regional;
  return primary === 'PT' ? 'PT_PT' : primary === 'ZH' ? 'ZH_CN' : primary;
}

/** An ISO 3166-1 alpha-2 country (`de`, `US`) → `DE`; undefined when malformed. */
export function storefrontCountry(country: string | undefined): string | undefined {
  const value = country?.trim().toUpperCase() ?? '';
  return /^[A-Z]{2}$/.test(value) ? value : undefined;
}

function toCard(product: RecommendedProduct): Pick {
  const image = product.featuredImage;
  return {
    id: product.id,
    card: {
      title: product.title,
      url: `/products/${encodeURIComponent(product.handle)}`,
      image: image
        ? {
            url: image.url,
            width: image.width ?? null,
            height: image.height ?? null,
            alt: image.altText ?? product.title,
          }
        : null,
      price: {
        amount: product.priceRange.minVariantPrice.amount,
        currencyCode: product.priceRange.minVariantPrice.currencyCode,
      },
    },
  };
}

export function createRecommendations(
  options: RecommenderOptions,
  deps: RecommenderDeps,
): Recommendations {
  const maxCards = options.maxCards ?? 4;
  // Keyed by shop, product, language and country: prices and titles depend on the market.
  const cache = new LRUCache<string, Pick[]>({
    max: options.cacheMax,
    ttl: options.cacheTtlMs,
    // Ask the injected clock every time, rather than lru-cache's timer-refreshed copy of it.
    ttlResolution: 0,
    perf: { now: deps.clock },
  });
  // Calls under way, so the widget and a second tab share one set of Storefront requests.
  const pending = new Map<string, Promise<Pick[] | null>>();

  async function picksFor(
    query: StorefrontQuery,
    productId: string,
    market: Market,
    signal: AbortSignal,
    logger: Logger,
  ): Promise<Pick[] | null> {
    const picks: Pick[] = [];
    for (const intent of INTENTS) {
      try {
        const data = await query(
          PRODUCT_RECOMMENDATIONS_QUERY,
          { productId, intent, country: market.country, language: market.language },
          RecommendationsDataSchema,
          signal,
        );
        for (const product of data.productRecommendations ?? []) {
          if (product.availableForSale !== false) picks.push(toCard(product));
        }
      } catch (error) {
        // Only the fault is logged: the product id is a catalogue id, but nothing else is needed.
        const fault = (error as { fault?: unknown }).fault;
        if (!signal.aborted) logger.warn({ event: 'recommendations_failed', intent, fault });
        return null;
      }
      if (picks.length >= maxCards * 2) break;
    }
    return picks;
  }

  return {
    async recommend(shop, productIds, market, call = {}) {
      const logger = call.logger ?? deps.logger;
      const ids = [...new Set(productIds)];
      if (ids.length === 0) return [];
      const key = (id: string) =>
        `${shop}\u0000${id}\u0000${market.language ?? ''}\u0000${market.country ?? ''}`;
      const lists = new Map<string, Pick[]>();
      const missing = ids.filter((id) => {
        const hit = cache.get(key(id));
        if (hit) lists.set(id, hit);
        return !hit;
      });

      if (missing.length > 0) {
        const query = await deps.storefront(shop).catch(() => null);
        if (query) {
          const budget = deps.timeoutSignal(call.budgetMs ?? options.budgetMs);
          const signal = call.signal ? AbortSignal.any([budget, call.signal]) : budget;
          const timedOut = new Promise<void>((resolve) => {
            if (signal.aborted) resolve();
            else signal.addEventListener('abort', () => resolve(), { once: true });
          });
          const fetches = missing.map((id) => {
            const k = key(id);
            let promise = pending.get(k);
            if (!promise) {
              promise = picksFor(query, id, market, signal, logger).then((picks) => {
                // Failures are not cached: the next shopper tries again.
                if (picks) cache.set(k, picks);
                return picks;
              });
              pending.set(k, promise);
              void promise.finally(() => pending.delete(k));
            }
            return promise.then((picks) => {
              if (picks) lists.set(id, picks);
            });
          });
          await Promise.race([Promise.all(fetches), timedOut]);
        }
      }

      // Round-robin across the order's products, so each one contributes; first seen wins.
      const seen = new Set(ids);
      const cards: RecommendationCard[] = [];
      const queues = ids.map((id) => [...(lists.get(id) ?? [])]);
      while (cards.length < maxCards && queues.some((q) => q.length > 0)) {
        for (const queue of queues) {
          const pick = queue.shift();
          if (!pick || seen.has(pick.id)) continue;
          seen.add(pick.id);
          cards.push(pick.card);
          if (cards.length >= maxCards) break;
        }
      }
      return cards;
    },
  };
}
