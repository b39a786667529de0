import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ORDER_NUMBER_MAX_LENGTH,
  type OrderNumber,
  orderNameMatches,
  parseOrderNumber,
} from './order-number.js';

describe('parseOrderNumber accepts what shoppers type', () => {
  it.each([
    ['#1001', '1001'],
    ['1001', '1001'],
    [' #1001 ', '1001'],
    ['\t1001\n', '1001'],
    ['# 1001', '1001'],
    ['NO-1001', 'NO-1001'],
    ['1001-A', '1001-A'],
    ['#EU1001', 'EU1001'],
    ['#1001-A', '1001-A'],
    ['SHOP_1001', 'SHOP_1001'],
    ['1001.2', '1001.2'],
    ['2024/1001', '2024/1001'],
    ['eu1001', 'eu1001'],
    ['＃１００１', '1001'],
    ['\u30001001\u3000', '1001'],
    ['ÅS-1001', 'ÅS-1001'],
    ['1'.repeat(ORDER_NUMBER_MAX_LENGTH), '1'.repeat(ORDER_NUMBER_MAX_LENGTH)],
    [`#${'1'.repeat(ORDER_NUMBER_MAX_LENGTH)}`, '1'.repeat(ORDER_NUMBER_MAX_LENGTH)],
  ])('%j becomes %j with a name: search', (input, bare) => {
    expect(parseOrderNumber(input)).toEqual({
      ok: true,
      value: { bare, searchQuery: `name:${bare}` },
    });
  });
});

describe('parseOrderNumber rejects', () => {
  it.each(['', ' ', '\t\n', '#', ' # ', '\u3000'])('empty input %j as required', (input) => {
    expect(parseOrderNumber(input)).toEqual({ ok: false, issue: 'required' });
  });

  it.each([
    '1'.repeat(ORDER_NUMBER_MAX_LENGTH + 1),
    `#${'A'.repeat(ORDER_NUMBER_MAX_LENGTH + 1)}`,
    'x'.repeat(10_000),
  ])('input over the length limit as too_long (%#)', (input) => {
    expect(parseOrderNumber(input)).toEqual({ ok: false, issue: 'too_long' });
  });

  it.each([
    ['a space inside', '1001 1002'],
    ['a field search', 'email:a@b.com'],
    ['a colon', 'name:1001'],
    ['a wildcard', '1001*'],
    ['a lone wildcard', '*'],
    ['double quotes', '"1001"'],
    ['single quotes', "'1001'"],
    ['parentheses', '(1001)'],
    ['a backslash', '1001\\'],
    ['a leading minus (negation)', '-1001'],
    ['a hash-then-minus negation', '#-1001'],
    ['a trailing separator', '1001-'],
    ['doubled separators', '1001--A'],
    ['a leading underscore', '_1001'],
    ['OR as the whole input', 'OR'],
    ['AND as the whole input', 'AND'],
    ['NOT as the whole input', 'NOT'],
    ['lower-case not as the whole input', 'not'],
    ['a comma', '1001,1002'],
    ['less-than', '<1001'],
    ['greater-than', '>1001'],
    ['an equals sign', '=1001'],
    ['two hashes', '##1001'],
    ['a hash inside', '10#01'],
    ['a null character', '1001\u0000'],
    ['a control character inside', '10\u000701'],
    ['a zero-width space', '1001\u200b'],
    ['a right-to-left override', '\u202e1001'],
    ['an ampersand', '1001&1002'],
    ['a pipe', '1001|1002'],
    ['a plus', '+1001'],
    ['a tilde', '~1001'],
    ['an emoji', '1001🙂'],
    ['a full-width colon', 'name：1001'],
  ])('%s as invalid_format', (_why, input) => {
    expect(parseOrderNumber(input)).toEqual({ ok: false, issue: 'invalid_format' });
  });
});

describe('parseOrderNumber on any input', () => {
  it('never throws and only ever produces a search of letters, digits and inner separators', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (input) => {
        const result = parseOrderNumber(input);
        if (!result.ok) return;
        const { bare, searchQuery } = result.value;
        expect(searchQuery).toBe(`name:${bare}`);
        expect(bare).toMatch(/^[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}._/-]*$/u);
        expect(bare).not.toMatch(/[\s:*"'()\\,<>]/u);
        expect([...bare].length).toBeLessThanOrEqual(ORDER_NUMBER_MAX_LENGTH);
      }),
      { numRuns: 2000 },
    );
  });
});

function parsed(input: string): OrderNumber {
  const result = parseOrderNumber(input);
  if (!result.ok) throw new Error(`test input ${input} should parse`);
  return result.value;
}

describe('orderNameMatches', () => {
  it.each([
    ['#1001', '1001'],
    ['#1001', '#1001'],
    ['1001', '#1001'],
    ['#EU1001', 'eu1001'],
    ['NO-1001', 'no-1001'],
    ['#1001-A', '#1001-a'],
  ])('matches Order.name %j for input %j', (name, input) => {
    expect(orderNameMatches(name, parsed(input))).toBe(true);
  });

  it.each([
    ['#1001-A', '1001'],
    ['#1001', '1001-A'],
    ['#10011', '1001'],
    ['#1001', '100'],
    ['##1001', '1001'],
    ['EU1001', '1001'],
    ['', '1001'],
  ])('does not match Order.name %j for input %j', (name, input) => {
    expect(orderNameMatches(name, parsed(input))).toBe(false);
  });

  it('never matches an empty number, even against an empty name', () => {
    expect(orderNameMatches('#', { bare: '', searchQuery: 'name:' })).toBe(false);
  });
});
