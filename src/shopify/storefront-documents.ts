// GraphQL documents for the Storefront API (recommendations) and the Admin mutation that makes its token; all validated against Shopify's 2026-10 schemas in tests.
import { z } from 'zod';

/**
 * Products Shopify recommends for one product, in the shopper's market (`@inContext` sets the
 * currency of `price` and the language of `title`/`altText`). `$intent` is RELATED or
 * COMPLEMENTARY. Only public catalogue fields: no customer data is sent or read.
 */
export const PRODUCT_RECOMMENDATIONS_QUERY = /* GraphQL */ `
  query TrackRecommendations(
    $productId: ID!
    $intent: ProductRecommendationIntent
    $country: CountryCode
    $language: LanguageCode
  ) @inContext(country: $country, language: $language) {
    productRecommendations(productId: $productId, intent: $intent) {
      id
      title
      handle
      availableForSale
      featuredImage {
        url(transform: { maxWidth: 360, maxHeight: 360 })
        width
        height
        altText
      }
      priceRange {
        minVariantPrice {
          amount
          currencyCode
        }
      }
    }
  }
`;

/** Admin mutation: a public Storefront token for this app on the shop (scope unauthenticated_read_product_listings). */
export const STOREFRONT_TOKEN_CREATE_MUTATION = /* GraphQL */ `
  mutation TrackStorefrontTokenCreate($input: StorefrontAccessTokenInput!) {
    storefrontAccessTokenCreate(input: $input) {
      storefrontAccessToken {
        id
        accessToken
      }
      userErrors {
        field
        message
      }
    }
  }
`;

/** Every Storefront document the project sends, for schema validation. */
export const ALL_STOREFRONT_DOCUMENTS = { PRODUCT_RECOMMENDATIONS_QUERY } as const;

const Str = z.string().max(5000);

export const RecommendedProductSchema = z.object({
  id: Str,
  title: Str,
  handle: Str,
  availableForSale: z.boolean().nullish(),
  featuredImage: z
    .object({
      url: Str,
      width: z.number().int().nullish(),
      height: z.number().int().nullish(),
      altText: Str.nullish(),
    })
    .nullish(),
  priceRange: z.object({
    minVariantPrice: z.object({ amount: Str, currencyCode: Str }),
  }),
});
export type RecommendedProduct = z.infer<typeof RecommendedProductSchema>;

/** `data` of PRODUCT_RECOMMENDATIONS_QUERY: null when the product is unknown to the storefront. */
export const RecommendationsDataSchema = z.object({
  productRecommendations: z.array(RecommendedProductSchema).nullable(),
});

/** `data` of STOREFRONT_TOKEN_CREATE_MUTATION. */
export const StorefrontTokenCreateDataSchema = z.object({
  storefrontAccessTokenCreate: z
    .object({
      storefrontAccessToken: z.object({ id: Str, accessToken: Str }).nullish(),
      userErrors: z.array(z.object({ message: Str })),
    })
    .nullish(),
});
