import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ORDER_NUMBER_MAX_LENGTH,
  ORDER_TEXT_MAX_LENGTH,
  type OrderNumber,
  orderMatches,
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
      value: { kind: 'name', bare, searchQuery: `name:${bare}` },
    });
  });
});

describe('parseOrderNumber reads every script’s decimal digits as ASCII', () => {
  it.each([
    ['Arabic-Indic', '١٠٠١', '1001'],
    ['Extended Arabic-Indic (Persian)', '۱۰۰۲', '1002'],
    ['Devanagari', '१००३', '1003'],
    ['Bengali', '১০০৪', '1004'],
    ['Thai', '๑๐๐๕', '1005'],
    ['Tamil', '௧௦௦௬', '1006'],
    ['Myanmar', '၁၀၀၇', '1007'],
    ['full-width', '１００８', '1008'],
    ['mathematical bold (an adjacent run of ten)', '𝟏𝟎𝟎𝟗', '1009'],
    ['mathematical monospace (the last of five runs)', '𝟷𝟶𝟷𝟶', '1010'],
    ['mixed scripts with a hash', '#١0٠1', '1001'],
    ['a prefix with Arabic-Indic digits', 'NO-١٠٠١', 'NO-1001'],
    ['every digit 0–9 in Arabic-Indic', '٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['every digit 0–9 in Devanagari', '०१२३४५६७८९', '0123456789'],
  ])('%s: %j → %j', (_script, input, bare) => {
    expect(parseOrderNumber(input)).toEqual({
      ok: true,
      value: { kind: 'name', bare, searchQuery: `name:${bare}` },
    });
  });
});

describe('parseOrderNumber drops invisible characters that copy-paste brings', () => {
  it.each([
    ['a zero-width space after', '1001\u200b'],
    ['a left-to-right mark before', '\u200e#1001'],
    ['a right-to-left mark inside', '#10\u200f01'],
    ['a byte-order mark before', '\ufeff1001'],
    ['a right-to-left override', '\u202e1001\u202c'],
    ['isolates around', '\u20661001\u2069'],
    ['a zero-width joiner and non-joiner', '10\u200d0\u200c1'],
    ['a soft hyphen', '10\u00ad01'],
    ['a word joiner', '#\u20601001'],
    ['no-break spaces around', '\u00a01001\u00a0'],
    ['a narrow no-break space and an em space', '\u202f#1001\u2003'],
  ])('%s', (_why, input) => {
    expect(parseOrderNumber(input)).toEqual({
      ok: true,
      value: { kind: 'name', bare: '1001', searchQuery: 'name:1001' },
    });
  });
});

describe('parseOrderNumber picks the one number out of pasted text', () => {
  it.each([
    ['Order #1004', '1004'],
    ['order 1004, thanks!', '1004'],
    ['No. 1005', '1005'],
    ['Ordre nr. 1005', '1005'],
    ['#1004 please', '1004'],
    ['Order # 1004', '1004'],
    ['Order: #1004.', '1004'],
    ['Bestellung Nr. NO-1001', 'NO-1001'],
    ['my order is 1001-A', '1001-A'],
    ['Hi, it’s order ١٠٠٦ from yesterday', '1006'],
    ['Bestilling\u00a0#1007', '1007'],
    ['  where is 1008?  ', '1008'],
    ['e-mail said 1009', '1009'],
  ])('%j → %j', (input, bare) => {
    expect(parseOrderNumber(input)).toEqual({
      ok: true,
      value: { kind: 'name', bare, searchQuery: `name:${bare}` },
    });
  });

  it.each([
    ['no number at all', 'my order please'],
    ['two numbers', 'order 1004 or 1005'],
    ['two numbers with hashes', '#1004 #1005'],
    ['a search field inside', 'order name:1004'],
    ['a wildcard inside', 'order 100*'],
    ['quotes around the number', 'order "1004"'],
    ['an OR between words', 'order OR 1004'],
    ['a negated number', 'order -1004'],
    ['brackets', 'order (1004)'],
    ['two hashes', 'order ##1004'],
    ['an emoji word', 'order 1004 🙂'],
    ['an email address beside it', 'order 1004 kari@example.no'],
  ])('%s: %j is invalid_format', (_why, input) => {
    expect(parseOrderNumber(input)).toEqual({ ok: false, issue: 'invalid_format' });
  });

  it('refuses pasted text longer than the text limit as too_long', () => {
    const text = `order 1004 ${'please '.repeat(20)}`;
    expect(text.length).toBeGreaterThan(ORDER_TEXT_MAX_LENGTH);
    expect(parseOrderNumber(text)).toEqual({ ok: false, issue: 'too_long' });
  });
});

describe('parseOrderNumber tells a confirmation code from an order name', () => {
  it.each([
    ['KX7P2M9QD', 'KX7P2M9QD'],
    ['kx7p2m9qd', 'KX7P2M9QD'],
    [' KX7P2M9QD\u200b', 'KX7P2M9QD'],
    ['ＫＸ７Ｐ２Ｍ９ＱＤ', 'KX7P2M9QD'],
    ['ABCDEFGHJ', 'ABCDEFGHJ'],
    ['A1B2C3D4E5F6', 'A1B2C3D4E5F6'],
    ['Confirmation KX7P2M9QD', 'KX7P2M9QD'],
    ['code: KX7P2M9QD, thanks', 'KX7P2M9QD'],
  ])('%j is the confirmation code %j', (input, bare) => {
    expect(parseOrderNumber(input)).toEqual({
      ok: true,
      value: { kind: 'confirmation_number', bare, searchQuery: `confirmation_number:${bare}` },
    });
  });

  it.each([
    ['digits only', '100100100'],
    ['a hash in front', '#KX7P2M9QD'],
    ['too short', 'KX7P2M9Q'],
    ['a separator inside', 'NO-1001234'],
    ['short prefix and number', 'EU1001'],
    ['non-ASCII letters', 'ÅX7P2M9QD'],
  ])('%s (%j) stays an order name', (_why, input) => {
    const result = parseOrderNumber(input);
    expect(result.ok && result.value.kind).toBe('name');
  });

  it('reads a code-shaped token longer than 12 as an order name', () => {
    const result = parseOrderNumber('KX7P2M9QDKX7P');
    expect(result.ok && result.value.searchQuery).toBe('name:KX7P2M9QDKX7P');
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
        const { kind, bare, searchQuery } = result.value;
        expect(searchQuery).toBe(`${kind}:${bare}`);
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
    expect(orderNameMatches('#', { kind: 'name', bare: '', searchQuery: 'name:' })).toBe(false);
  });
});

describe('orderMatches', () => {
  it.each([
    [{ name: '#1001', confirmationNumber: 'KX7P2M9QD' }, 'KX7P2M9QD', true],
    [{ name: '#1001', confirmationNumber: 'kx7p2m9qd' }, 'KX7P2M9QD', true],
    [{ name: '#1001', confirmationNumber: 'KX7P2M9QE' }, 'KX7P2M9QD', false],
    [{ name: '#1001', confirmationNumber: 'KX7P2M9QDX' }, 'KX7P2M9QD', false],
    [{ name: '#1001', confirmationNumber: null }, 'KX7P2M9QD', false],
    [{ name: 'KX7P2M9QD', confirmationNumber: null }, 'KX7P2M9QD', false],
    [{ name: '#1001', confirmationNumber: 'KX7P2M9QD' }, '1001', true],
    [{ name: '#1002', confirmationNumber: '1001' }, '1001', false],
  ])('order %j for input %j: %s', (order, input, expected) => {
    expect(orderMatches(order, parsed(input))).toBe(expected);
  });
});
