// Storefront GraphQL calls through Shopify's client with a public token: one attempt, the caller's signal, every fault one error.
import { createStorefrontApiClient } from '@shopify/storefront-api-client';
import { z } from 'zod';
import type { Fetch } from '../core/ports.js';
import { STOREFRONT_API_VERSION } from './api-version.js';

export interface StorefrontGraphqlOptions {
  /** `name.myshopify.com`. */
  shop: string;
  /** Public Storefront access token, sent as `X-Shopify-Storefront-Access-Token`. */
  publicToken: string;
  /** `SHOPIFY_API_ORIGIN`: replaces `https://{shop}` (emulators, tests); http allowed. */
  apiOrigin: string | undefined;
}

/** Why a Storefront call gave nothing; logged, never shown to shoppers. */
export type StorefrontFault = 'network' | 'aborted' | 'status' | 'graphql' | 'malformed';

export class StorefrontError extends Error {
  override readonly name = 'StorefrontError';
  readonly fault: StorefrontFault;
  constructor(fault: StorefrontFault, detail: string, options: { cause?: unknown } = {}) {
    super(`Storefront API ${fault}: ${detail}`, { cause: options.cause });
    this.fault = fault;
  }
}

/** Runs `document` and returns its `data` parsed by `schema`; throws StorefrontError. */
export type StorefrontQuery = <T>(
  document: string,
  variables: Record<string, unknown>,
  schema: z.ZodType<T>,
  signal: AbortSignal,
) => Promise<T>;

const EnvelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(z.object({ message: z.string().optional() }).loose()).optional(),
});

/** The Storefront endpoint: `{origin}/api/{version}/graphql.json`, Shopify's host unless redirected. */
export function storefrontEndpoint(shop: string, apiOrigin: string | undefined): string {
  const origin = apiOrigin ? apiOrigin.replace(/\/+$/, '') : `https://${shop}`;
  return `${origin}/api/${STOREFRONT_API_VERSION}/graphql.json`;
}

export function createStorefrontGraphql(
  options: StorefrontGraphqlOptions,
  deps: { fetch: Fetch },
): StorefrontQuery {
  const endpoint = storefrontEndpoint(options.shop, options.apiOrigin);
  const client = createStorefrontApiClient({
    storeDomain: options.shop,
    apiVersion: STOREFRONT_API_VERSION,
    publicAccessToken: options.publicToken,
    // The client builds headers and body; the URL is ours so SHOPIFY_API_ORIGIN applies.
    customFetchApi: (_url, init) => deps.fetch(endpoint, init as RequestInit),
  });

  return async (document, variables, schema, signal) => {
    let response: Response;
    try {
      response = await client.fetch(document, { variables, signal });
    } catch (cause) {
      throw new StorefrontError(signal.aborted ? 'aborted' : 'network', 'request failed', {
        cause,
      });
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new StorefrontError('status', `HTTP ${response.status}`);
    }
    const body: unknown = await response.json().catch(() => undefined);
    const envelope = EnvelopeSchema.safeParse(body);
    if (!envelope.success) throw new StorefrontError('malformed', 'not a GraphQL answer');
    if (envelope.data.errors?.length) {
      throw new StorefrontError('graphql', `${envelope.data.errors.length} error(s)`);
    }
    const data = schema.safeParse(envelope.data.data);
    if (!data.success) throw new StorefrontError('malformed', 'unexpected data shape');
    return data.data;
  };
}
