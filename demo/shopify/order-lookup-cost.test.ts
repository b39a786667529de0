import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadAdminSchema } from '../../src/shopify/admin-schema.js';
import { ALL_ADMIN_DOCUMENTS } from '../../src/shopify/order-lookup-query.js';
import { requestedCost } from './admin-cost.js';
import { MAX_QUERY_COST } from './admin-emulator.js';

describe("the project's Admin queries stay under Shopify's single-query cost ceiling", () => {
  const schema = loadAdminSchema();

  it.each(Object.entries(ALL_ADMIN_DOCUMENTS))('%s', (_name, source) => {
    const document = parse(source);
    const op = getOperationAST(document);
    if (!op) throw new Error('no operation');
    const cost = requestedCost(schema, document, op, {
      query: 'name:1001',
      id: 'gid://shopify/Customer/1',
    });
    expect(cost).toBeLessThanOrEqual(MAX_QUERY_COST);
  });
});
