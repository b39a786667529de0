// A local Storefront API on Shopify's published 2026-10 Storefront schema: product recommendations from the demo catalogue.
//
// Routes (anything else gives null):
//   POST /api/2026-10/graphql.json   header X-Shopify-Storefront-Access-Token; documents are parsed
//                                    and validated against the real schema and executed by graphql-js;
//                                    `@inContext(country:, language:)` picks the currency and titles
//   GET  /cdn/shop/files/<handle>.svg  the product pictures the answers link to
import {
  type DocumentNode,
  execute,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  getDirectiveValues,
  getOperationAST,
  getVariableValues,
  parse,
  validate,
} from 'graphql';
import { STOREFRONT_API_VERSION } from '../../src/shopify/api-version.js';
import { loadStorefrontSchema } from '../../src/shopify/storefront-schema.js';
import { CATALOGUE, type CatalogueProduct, MARKET_CURRENCIES } from './storefront-catalogue.js';

export const STOREFRONT_GRAPHQL_PATH = `/api/${STOREFRONT_API_VERSION}/graphql.json`;
const IMAGE_PREFIX = '/cdn/shop/files/';

export interface StorefrontEmulatorOptions {
  /** The public token the app must send (or, with `isValidToken`, any token it accepts). */
  accessToken: string;
  /** Accepts tokens issued elsewhere (the local Admin's storefrontAccessTokenCreate). */
  isValidToken?: (token: string) => boolean;
}

export interface StorefrontEmulator {
  handle(request: Request): Promise<Response | null>;
  /** GraphQL requests answered so far (tests check caching). */
  calls(): number;
}

interface Market {
  country: string | undefined;
  language: string | undefined;
  origin: string;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

const errors = (list: readonly GraphQLFormattedError[], status = 200) =>
  json({ errors: list }, status);

/** A product as the Storefront schema's `Product` type, in the market's currency and language. */
function storefrontProduct(p: CatalogueProduct, market: Market): Record<string, unknown> {
  const money = MARKET_CURRENCIES[market.country ?? ''] ?? { currency: 'EUR', rate: 1 };
  const amount = (p.priceEur * money.rate).toFixed(money.currency === 'JPY' ? 0 : 2);
  const title = (market.language && p.titles[market.language]) || p.title;
  return {
    __typename: 'Product',
    id: `gid://shopify/Product/${p.id}`,
    title,
    handle: p.handle,
    availableForSale: p.availableForSale,
    featuredImage: {
      url: `${market.origin}${IMAGE_PREFIX}${p.handle}.svg`,
      width: 360,
      height: 360,
      altText: p.alt,
    },
    priceRange: {
      minVariantPrice: { amount, currencyCode: money.currency },
      maxVariantPrice: { amount, currencyCode: money.currency },
    },
  };
}

function picture(p: CatalogueProduct): Response {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="360" viewBox="0 0 360 360"><rect width="360" height="360" fill="#f4f1ec"/><circle cx="180" cy="170" r="110" fill="${p.colour}"/></svg>`;
  return new Response(svg, {
    headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' },
  });
}

export function createStorefrontEmulator(options: StorefrontEmulatorOptions): StorefrontEmulator {
  const schema = loadStorefrontSchema();
  const inContext = schema.getDirective('inContext');
  let calls = 0;

  const resolver =
    (market: Market): GraphQLFieldResolver<unknown, unknown> =>
    (source, args, _context, info) => {
      if (info.parentType.name === 'QueryRoot' && info.fieldName === 'productRecommendations') {
        const id = /^gid:\/\/shopify\/Product\/(\d+)$/.exec(String(args.productId))?.[1];
        const product = CATALOGUE.find((p) => String(p.id) === id);
        if (!product) return null;
        const ids = args.intent === 'COMPLEMENTARY' ? product.complementary : product.related;
        return ids.flatMap((n) => {
          const found = CATALOGUE.find((p) => p.id === n);
          return found ? [storefrontProduct(found, market)] : [];
        });
      }
      const value = (source as Record<string, unknown> | null)?.[info.fieldName];
      return value === undefined ? null : value;
    };

  async function graphql(request: Request): Promise<Response> {
    if (request.method !== 'POST') return new Response(null, { status: 405 });
    const token = request.headers.get('x-shopify-storefront-access-token') ?? '';
    const accepted = token === options.accessToken || options.isValidToken?.(token) === true;
    if (!accepted) {
      return errors([{ message: 'Invalid Storefront access token' }], 401);
    }
    const body = (await request.json().catch(() => null)) as {
      query?: unknown;
      variables?: Record<string, unknown>;
    } | null;
    if (typeof body?.query !== 'string') return errors([{ message: 'No query given' }], 400);
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (error) {
      return errors([{ message: (error as Error).message }]);
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0) return errors(invalid.map((e) => e.toJSON()));
    calls += 1;
    const operation = getOperationAST(document);
    const coerced = operation
      ? getVariableValues(schema, operation.variableDefinitions ?? [], body.variables ?? {})
      : { coerced: {} };
    if ('errors' in coerced && coerced.errors) return errors(coerced.errors.map((e) => e.toJSON()));
    const context =
      operation && inContext && 'coerced' in coerced
        ? (getDirectiveValues(inContext, operation, coerced.coerced) ?? {})
        : {};
    const market: Market = {
      country: typeof context.country === 'string' ? context.country : undefined,
      language: typeof context.language === 'string' ? context.language : undefined,
      origin: new URL(request.url).origin,
    };
    const result = await execute({
      schema,
      document,
      variableValues: body.variables ?? {},
      fieldResolver: resolver(market),
    });
    return json({
      data: result.data ?? null,
      ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}),
    });
  }

  return {
    calls: () => calls,
    async handle(request) {
      const url = new URL(request.url);
      if (url.pathname === STOREFRONT_GRAPHQL_PATH) return graphql(request);
      if (url.pathname.startsWith(IMAGE_PREFIX)) {
        const handle = url.pathname.slice(IMAGE_PREFIX.length).replace(/\.svg$/, '');
        const product = CATALOGUE.find((p) => p.handle === handle);
        return product ? picture(product) : new Response('Not found', { status: 404 });
      }
      return null;
    },
  };
}
