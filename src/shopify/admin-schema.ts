// Loads Shopify's published 2026-10 Admin schema (introspection shipped in @shopify/dev-mcp) for tests and the demo.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { ADMIN_API_VERSION } from './api-version.js';

let cached: GraphQLSchema | undefined;

/** Path of the gzipped introspection JSON inside the installed dev dependency. */
export function adminSchemaPath(version = ADMIN_API_VERSION): string {
  // The package exports no package.json and no CommonJS entry, so look in the resolver's folders.
  const require = createRequire(import.meta.url);
  const file = join('@shopify', 'dev-mcp', 'dist', 'data', `admin_${version}.json.gz`);
  for (const dir of require.resolve.paths('@shopify/dev-mcp') ?? []) {
    if (existsSync(join(dir, file))) return join(dir, file);
  }
  throw new Error(
    `Shopify Admin schema ${version} not found: install the dev dependency @shopify/dev-mcp`,
  );
}

/** The Admin schema as graphql-js sees it (built once per process; about 40 MB of JSON). */
export function loadAdminSchema(): GraphQLSchema {
  if (cached) return cached;
  const json = JSON.parse(gunzipSync(readFileSync(adminSchemaPath())).toString('utf8')) as {
    data: IntrospectionQuery;
  };
  cached = buildClientSchema(json.data);
  return cached;
}
