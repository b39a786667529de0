// Loads Shopify's published 2026-10 Storefront schema (introspection shipped in @shopify/dev-mcp) for tests and the demo.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { STOREFRONT_API_VERSION } from './api-version.js';

let cached: GraphQLSchema | undefined;

/** Path of the gzipped introspection JSON inside the installed dev dependency. */
export function storefrontSchemaPath(version = STOREFRONT_API_VERSION): string {
  const require = createRequire(import.meta.url);
  const file = join('@shopify', 'dev-mcp', 'dist', 'data', `storefront-graphql_${version}.json.gz`);
  for (const dir of require.resolve.paths('@shopify/dev-mcp') ?? []) {
    if (existsSync(join(dir, file))) return join(dir, file);
  }
  throw new Error(
    `Shopify Storefront schema ${version} not found: install the dev dependency @shopify/dev-mcp`,
  );
}

/** The Storefront schema as graphql-js sees it (built once per process). */
export function loadStorefrontSchema(): GraphQLSchema {
  if (cached) return cached;
  const json = JSON.parse(gunzipSync(readFileSync(storefrontSchemaPath())).toString('utf8')) as
    | { data: IntrospectionQuery }
    | IntrospectionQuery;
  cached = buildClientSchema('data' in json ? json.data : json);
  return cached;
}
