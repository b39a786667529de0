// Recommendation cards on the no-JS page: the same markup and classes the lazy chunk draws in the browser.
import type { RecommendationCard } from '../../recommendations/recommend.js';
import { formatPrice } from '../../widget/recommend-format.js';

export interface PageRecommendations {
  /** The block's heading setting (or its translated default), as posted; escaped when drawn. */
  heading: string;
  cards: RecommendationCard[];
}

export function Recommendations({
  heading,
  cards,
  locale,
}: PageRecommendations & { locale: string }) {
  if (cards.length === 0) return null;
  return (
    <section class="track-order__recs" aria-labelledby="track-order-recs">
      <h3 class="track-order__subtitle" id="track-order-recs">
        {heading}
      </h3>
      <ul class="track-order__recs-list">
        {cards.map((card) => (
          <li class="track-order__rec" key={card.url}>
            {card.image && /^https?:\/\//.test(card.image.url) && (
              <img
                class="track-order__rec-img"
                src={card.image.url}
                alt={card.image.alt}
                width={card.image.width ?? undefined}
                height={card.image.height ?? undefined}
                loading="lazy"
                decoding="async"
              />
            )}
            <a class="track-order__rec-title" href={card.url}>
              {card.title}
            </a>
            <p class="track-order__rec-price">
              {formatPrice(card.price.amount, card.price.currencyCode, locale)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
