import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadAdminSchema } from '../../src/shopify/admin-schema.js';
import { actualCost, requestedCost } from './admin-cost.js';

const schema = loadAdminSchema();

function requested(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const op = getOperationAST(document);
  if (!op) throw new Error('no operation');
  return requestedCost(schema, document, op, variables);
}

function actual(query: string, data: unknown): number {
  const document = parse(query);
  const op = getOperationAST(document);
  if (!op) throw new Error('no operation');
  return actualCost(schema, document, op, {}, data);
}

describe('requested query cost', () => {
  it('charges 1 for an object and nothing for its scalars', () => {
    expect(requested('{ shop { name currencyCode ianaTimezone } }')).toBe(1);
  });

  it('charges a connection 2 plus its size times one node', () => {
    expect(requested('{ orders(first: 10) { nodes { name } } }')).toBe(12);
    expect(requested('{ orders(last: 3) { nodes { name } } }')).toBe(5);
  });

  it('prices edges { node } like nodes and pageInfo at nothing', () => {
    expect(
      requested(
        '{ orders(first: 10) { edges { cursor node { name } } pageInfo { hasNextPage } } }',
      ),
    ).toBe(12);
  });

  it('multiplies nested connections', () => {
    expect(
      requested('{ orders(first: 10) { nodes { lineItems(first: 5) { nodes { name } } } } }'),
    ).toBe(2 + 10 * (1 + 2 + 5));
  });

  it('multiplies sized lists by their size, without the connection overhead', () => {
    expect(
      requested(
        '{ orders(first: 2) { nodes { fulfillments(first: 5) { trackingInfo(first: 3) { number } } } } }',
      ),
    ).toBe(2 + 2 * (1 + 5 * (1 + 3)));
  });

  it('reads sizes from variables', () => {
    const q = 'query ($n: Int) { orders(first: $n) { nodes { name } } }';
    expect(requested(q, { n: 4 })).toBe(6);
  });

  it('takes the dearest member of an interface', () => {
    const q =
      '{ orders(first: 1) { nodes { events(first: 5) { nodes { id ... on CommentEvent { author { name } } ... on BasicEvent { id } } } } } }';
    expect(requested(q)).toBe(2 + 1 * (1 + 2 + 5 * (1 + 1)));
  });
});

describe('actual query cost', () => {
  it('counts what came back, not what was asked for', () => {
    const q = '{ orders(first: 10) { nodes { name lineItems(first: 5) { nodes { name } } } } }';
    const data = {
      orders: {
        nodes: [
          { name: '#1', lineItems: { nodes: [{ name: 'a' }, { name: 'b' }] } },
          { name: '#2', lineItems: { nodes: [] } },
        ],
      },
    };
    expect(actual(q, data)).toBe(2 + (1 + 2 + 2) + (1 + 2));
  });

  it('charges nothing for a null object', () => {
    expect(actual('{ customer(id: "gid://shopify/Customer/1") { id } }', { customer: null })).toBe(
      0,
    );
  });
});
