import { type DocumentNode, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadAdminSchema } from './admin-schema.js';
import { ALL_ADMIN_DOCUMENTS } from './order-lookup-query.js';

describe("every GraphQL document in src/ is valid against Shopify's 2026-10 Admin schema", () => {
  const schema = loadAdminSchema();

  it.each(Object.entries(ALL_ADMIN_DOCUMENTS))('%s validates', (_name, source) => {
    const doc: DocumentNode = parse(source);
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  });

  it('rejects a document with a field Shopify does not have (the check can fail)', () => {
    const doc = parse('query { orders(first: 1) { nodes { name notARealField } } }');
    expect(validate(schema, doc).length).toBeGreaterThan(0);
  });
});
