import { describe, expect, it } from 'vitest';
import { compileOrderSearch, nameMatches, searchTokens } from './admin-search.js';
import { seedOrders } from './seed-orders.js';

const orders = seedOrders(new Date('2026-11-26T12:00:00Z'));
const names = (query: string | null) => orders.filter(compileOrderSearch(query)).map((o) => o.name);

describe('name: search', () => {
  it('splits names into lower-case tokens', () => {
    expect(searchTokens('#1001-A')).toEqual(['1001', 'a']);
    expect(searchTokens('#NO-1042')).toEqual(['no', '1042']);
  });

  it('matches by token, so 1001 finds #1001 and #1001-A', () => {
    expect(names('name:1001')).toEqual(['#1001', '#1001-A']);
  });

  it('matches the full name with or without the hash', () => {
    expect(names('name:#1001')).toEqual(['#1001', '#1001-A']);
    expect(names('name:1001-A')).toEqual(['#1001-A']);
    expect(names('name:#1001-a')).toEqual(['#1001-A']);
  });

  it('matches a merchant prefix name by its number or in full, in any case', () => {
    expect(names('name:1042')).toEqual(['#NO-1042']);
    expect(names('name:no-1042')).toEqual(['#NO-1042']);
    expect(names('name:"#NO-1042"')).toEqual(['#NO-1042']);
  });

  it('does not match part of a token', () => {
    expect(nameMatches('#1001', '100')).toBe(false);
    expect(nameMatches('#10011', '1001')).toBe(false);
    expect(names('name:1')).toEqual([]);
  });

  it('needs the tokens in order', () => {
    expect(nameMatches('#1001-A', 'A-1001')).toBe(false);
  });
});

describe('other search terms', () => {
  it('matches email exactly, ignoring case', () => {
    expect(names('email:ADA@example.com')).toEqual(['#1001', '#1014', '#1019']);
    expect(names('email:ada@example')).toEqual([]);
  });

  it('combines terms with an implicit or explicit AND', () => {
    expect(names('name:1001 email:grace@example.com')).toEqual(['#1001-A']);
    expect(names('name:1001 AND email:ada@example.com')).toEqual(['#1001']);
  });

  it('matches plain terms against name, email and customer name', () => {
    expect(names('1014')).toEqual(['#1014']);
    expect(names('Hopper')).toEqual(['#1001-A']);
  });

  it('matches confirmation_number: exactly, ignoring case', () => {
    const first = orders[0];
    const code = first?.confirmationNumber ?? '';
    expect(code).toMatch(/^[A-Z][A-Z0-9]{8}$/);
    expect(names(`confirmation_number:${code}`)).toEqual([first?.name]);
    expect(names(`confirmation_number:${code.toLowerCase()}`)).toEqual([first?.name]);
    expect(names(`confirmation_number:${code.slice(0, 8)}`)).toEqual([]);
  });

  it('matches by customer id', () => {
    expect(names('customer_id:7001')).toEqual(['#1001', '#1014', '#1019']);
  });

  it('matches every order when the query is missing or empty', () => {
    expect(names(null)).toHaveLength(orders.length);
    expect(names('  ')).toHaveLength(orders.length);
  });

  it.each([
    'name:1001 OR name:1002',
    'NOT name:1001',
    '-name:1001',
    'name:100*',
    'created_at:>2020-01-01',
    'financial_status:paid',
    '(name:1001)',
    'name: 1001',
    'name:"unclosed',
  ])('matches nothing for syntax it does not model: %s', (query) => {
    expect(names(query)).toEqual([]);
  });
});
