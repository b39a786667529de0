// The lazily loaded recommendations chunk: asks the proxy for products related to the tracked order and draws them below it, in plain DOM.
import type { RecommendationCard } from '../recommendations/recommend.js';
import { formatPrice } from './recommend-format.js';

export type { RecommendationCard };

/** The part of a TrackingView this chunk reads. */
export interface ViewItems {
  order: { lineItems: { productId?: string }[] };
}

/** Numeric ids of the order's products, de-duplicated, at most 10 (the proxy's limit). */
export function productIds(view: ViewItems): string[] {
  const ids = view.order.lineItems.map(
    (item) => /^gid:\/\/shopify\/Product\/(\d+)$/.exec(item.productId ?? '')?.[1],
  );
  return [...new Set(ids.filter((id): id is string => !!id))].slice(0, 10);
}

const isCards = (body: unknown): body is { products: RecommendationCard[] } =>
  Array.isArray((body as { products?: unknown } | null)?.products);

/** GET {proxy}/recommendations; any failure is an empty list. */
export async function fetchCards(
  fetch: (url: string, init?: RequestInit) => Promise<Response>,
  proxyPath: string,
  ids: string[],
  locale: string,
  country: string | undefined,
): Promise<RecommendationCard[]> {
  const query = new URLSearchParams({ products: ids.join(','), locale });
  if (country) query.set('country', country);
  try {
    const response = await fetch(`${proxyPath}/recommendations?${query}`, {
      headers: { accept: 'application/json' },
    });
    const body: unknown = response.ok ? await response.json() : null;
    return isCards(body) ? body.products.slice(0, 4) : [];
  } catch {
    return [];
  }
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The section: a heading and a list of cards (image, title link, price). `root` is the storefront's
 * locale prefix (`/fr/` or `/`), put before each product path. Only http(s) image URLs are used.
 */
export function drawCards(
  cards: RecommendationCard[],
  options: { heading: string; locale: string; root: string; id: string },
): HTMLElement {
  const section = el('section', 'track-order__recs');
  const heading = el('h3', 'track-order__subtitle', options.heading);
  heading.id = `${options.id}-recs`;
  section.setAttribute('aria-labelledby', heading.id);
  const list = el('ul', 'track-order__recs-list');
  const prefix = options.root.replace(/\/+$/, '');
  for (const card of cards) {
    const item = el('li', 'track-order__rec');
    const image = card.image;
    if (image && /^https?:\/\//.test(image.url)) {
      const img = el('img', 'track-order__rec-img');
      img.src = image.url;
      img.alt = image.alt;
      img.loading = 'lazy';
      img.decoding = 'async';
      if (image.width && image.height) {
        img.width = image.width;
        img.height = image.height;
      }
      item.append(img);
    }
    const link = el('a', 'track-order__rec-title', card.title);
    link.href = `${prefix}${card.url}`;
    item.append(
      link,
      el(
        'p',
        'track-order__rec-price',
        formatPrice(card.price.amount, card.price.currencyCode, options.locale),
      ),
    );
    list.append(item);
  }
  section.append(heading, list);
  return section;
}

/** The timeline each block shows now, so late cards for an earlier one are dropped. */
const latest = new WeakMap<HTMLElement, ViewItems>();

/**
 * Entry called by the loader once a timeline is drawn in the block `root`: fetches the cards and,
 * if there are any and the same timeline still shows, puts them after the block's form host.
 * Nothing is reserved beforehand, so nothing moves when there are none.
 */
export async function show(root: HTMLElement, view: ViewItems): Promise<void> {
  const d = root.dataset;
  const ids = productIds(view);
  latest.set(root, view);
  if (ids.length === 0) return;
  const locale = d.locale || document.documentElement.lang || 'en';
  const cards = await fetchCards(
    (url, init) => fetch(url, init),
    d.proxy ?? '/apps/track',
    ids,
    locale,
    d.country || undefined,
  );
  const host = root.querySelector('.track-order__host');
  const form = host?.querySelector('form');
  // The shopper went back to the form, or looked up another order, while the cards were coming.
  if (cards.length === 0 || !host || !form?.hidden || latest.get(root) !== view) return;
  host.parentElement?.querySelector(':scope > .track-order__recs')?.remove();
  host.after(
    drawCards(cards, {
      heading: d.recommendHeading ?? '',
      locale,
      root: d.root ?? '/',
      id: form.id.replace(/-form$/, ''),
    }),
  );
}
