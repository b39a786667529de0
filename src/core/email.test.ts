import { describe, expect, it } from 'vitest';
import {
  constantTimeEqual,
  EMAIL_MAX_LENGTH,
  EMAIL_NORMALISATION_VERSION,
  normalizeEmail,
  parseEmail,
} from './email.js';

describe('parseEmail accepts addresses and normalises them', () => {
  it.each([
    ['a@b.co', 'a@b.co'],
    ['  Jane.Doe@Example.COM ', 'jane.doe@example.com'],
    ['jane+orders@example.co.uk', 'jane+orders@example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['first_last-1@sub.example-shop.com', 'first_last-1@sub.example-shop.com'],
    ['a..b@me.com', 'a..b@me.com'],
    ['user@xn--p1ai.xn--p1ai', 'user@xn--p1ai.xn--p1ai'],
    ['jürgen@müller.de', 'jürgen@xn--mller-kva.de'],
    ['ａ＠ｂ．ｃｏｍ', 'a@b.com'],
    ['\u3000a@b.com\n', 'a@b.com'],
    [`${'l'.repeat(64)}@example.com`, `${'l'.repeat(64)}@example.com`],
  ])('%j as %j', (input, value) => {
    expect(parseEmail(input)).toEqual({ ok: true, value });
  });

  it('accepts an address of exactly the maximum length', () => {
    const domain = `${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}.com`;
    const email = `${'l'.repeat(EMAIL_MAX_LENGTH - domain.length - 1)}@${domain}`;
    expect(email).toHaveLength(EMAIL_MAX_LENGTH);
    expect(parseEmail(email)).toEqual({ ok: true, value: email });
  });
});

describe('parseEmail rejects', () => {
  it.each(['', '   ', '\n\t'])('empty input %j as required', (input) => {
    expect(parseEmail(input)).toEqual({ ok: false, issue: 'required' });
  });

  it.each([
    [
      'a whole address over 254 characters',
      `a@${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}.com`,
    ],
    ['a local part over 64 characters', `${'l'.repeat(65)}@example.com`],
  ])('%s as too_long', (_why, input) => {
    expect(parseEmail(input)).toEqual({ ok: false, issue: 'too_long' });
  });

  it.each([
    ['no @', 'jane.example.com'],
    ['nothing before @', '@example.com'],
    ['nothing after @', 'jane@'],
    ['two @', 'jane@doe@example.com'],
    ['no top-level domain', 'jane@localhost'],
    ['a one-letter top-level domain', 'jane@example.c'],
    ['a numeric top-level domain', 'jane@10.0.0.1'],
    ['a space inside', 'jane doe@example.com'],
    ['a space in the domain', 'jane@exa mple.com'],
    ['a tab inside', 'jane\t@example.com'],
    ['a null character', 'jane\u0000@example.com'],
    ['a control character', 'ja\u0007ne@example.com'],
    ['an IP address behind a hex label', 'jane@1.2.3.0x4'],
    ['a percent escape in the domain', 'jane@ex%61mple.com'],
    ['a domain label over 63 characters in ASCII form', `jane@${'å'.repeat(60)}.no`],
    ['a full-width @ twice', 'jane＠doe＠example.com'],
    ['a leading dot', '.jane@example.com'],
    ['a trailing dot before @', 'jane.@example.com'],
    ['an empty domain label', 'jane@example..com'],
    ['a trailing dot', 'jane@example.com.'],
    ['a domain label starting with a hyphen', 'jane@-example.com'],
    ['a domain label ending with a hyphen', 'jane@example-.com'],
    ['an underscore in the domain', 'jane@ex_ample.com'],
    ['quotes', '"jane"@example.com'],
    ['angle brackets', '<jane@example.com>'],
    ['a display name', 'Jane <jane@example.com>'],
    ['a comma list', 'a@b.com,c@d.com'],
    ['a semicolon', 'a@b.com;'],
    ['a bracketed IP', 'jane@[10.0.0.1]'],
    ['a backslash', 'ja\\ne@example.com'],
    ['a domain label over 63 characters', `jane@${'d'.repeat(64)}.com`],
  ])('%s as invalid_format', (_why, input) => {
    expect(parseEmail(input)).toEqual({ ok: false, issue: 'invalid_format' });
  });
});

describe('constantTimeEqual', () => {
  it.each([
    ['', ''],
    ['a@b.com', 'a@b.com'],
    ['jürgen@müller.de', 'jürgen@müller.de'],
  ])('is true for equal strings %j', (a, b) => {
    expect(constantTimeEqual(a, b)).toBe(true);
  });

  it.each([
    ['a@b.com', 'a@b.con'],
    ['a@b.com', 'b@b.com'],
    ['a@b.com', 'a@b.co'],
    ['a@b.co', 'a@b.com'],
    ['', 'a'],
    ['a', 'a\u0000'],
    ['A@b.com', 'a@b.com'],
  ])('is false for %j and %j', (a, b) => {
    expect(constantTimeEqual(a, b)).toBe(false);
  });
});

describe('normalizeEmail', () => {
  it.each([
    [' Jane.Doe@Example.COM\n', 'jane.doe@example.com'],
    ['ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'jane@example.com'],
    ['not an address', 'not an address'],
  ])('folds %j to %j, the value parseEmail returns for valid input', (input, folded) => {
    expect(normalizeEmail(input)).toBe(folded);
  });

  it('makes a stored address equal to what the shopper typed in another form', () => {
    const typed = parseEmail('  ＪＡＮＥ@example.com ');
    expect(typed.ok && constantTimeEqual(normalizeEmail('Jane@Example.com'), typed.value)).toBe(
      true,
    );
  });
});

describe('normalizeEmail puts internationalised domains in one form', () => {
  it.each([
    ['ola@blåbær.no', 'ola@xn--blbr-roah.no'],
    ['ola@xn--blbr-roah.no', 'ola@xn--blbr-roah.no'],
    ['OLA@BLÅBÆR.NO', 'ola@xn--blbr-roah.no'],
    ['Ola@XN--BLBR-ROAH.NO', 'ola@xn--blbr-roah.no'],
    ['jürgen@müller.de', 'jürgen@xn--mller-kva.de'],
    ['ivan@пример.рф', 'ivan@xn--e1afmkfd.xn--p1ai'],
    ['taro@例え.jp', 'taro@xn--r8jz45g.jp'],
    ['hans@straße.de', 'hans@xn--strae-oqa.de'],
    ['anne@ÆRØ.dk', 'anne@xn--r-3fa9c.dk'],
    ['taro@例え。jp', 'taro@xn--r8jz45g.jp'],
    ['ola@blåbær．no', 'ola@xn--blbr-roah.no'],
  ])('%j → %j', (input, folded) => {
    expect(normalizeEmail(input)).toBe(folded);
    expect(parseEmail(input)).toEqual({ ok: true, value: folded });
  });

  it.each([
    ['ola@blåbær.no', 'ola@xn--blbr-roah.no'],
    ['kari@example.no\u200b', 'KARI@EXAMPLE.NO'],
    ['\u200ekari@example.no', 'kari@example.no'],
    ['ｋａｒｉ＠ｅｘａｍｐｌｅ．ｎｏ', 'kari@example.no'],
  ])('%j and %j are the same address', (a, b) => {
    expect(normalizeEmail(a)).toBe(normalizeEmail(b));
  });

  it.each([
    ['ola@blåbær.no', 'ola@blabaer.no'],
    ['ola@blåbær.no', 'öla@blåbær.no'],
    ['jürgen@müller.de', 'jurgen@müller.de'],
  ])('%j and %j stay different addresses', (a, b) => {
    expect(normalizeEmail(a)).not.toBe(normalizeEmail(b));
  });

  it('leaves text that has no valid domain as typed, lower-cased', () => {
    expect(normalizeEmail('Jane@Exa Mple')).toBe('jane@exa mple');
    expect(normalizeEmail('Jane@')).toBe('jane@');
  });

  it('is at version 2 (format characters and IDNA domains)', () => {
    expect(EMAIL_NORMALISATION_VERSION).toBe(2);
  });
});

describe('parseEmail drops format characters and other whitespace from copy-paste', () => {
  it.each([
    ['a zero-width space after', 'kari@example.no\u200b'],
    ['a zero-width space inside', 'kari\u200b@example.no'],
    ['a left-to-right mark before', '\u200ekari@example.no'],
    ['a bidi override', '\u202ekari@example.no\u202c'],
    ['a byte-order mark before', '\ufeffkari@example.no'],
    ['a soft hyphen in the domain', 'kari@exam\u00adple.no'],
    ['a word joiner', 'kari@example\u2060.no'],
    ['a zero-width joiner', 'ka\u200dri@example.no'],
    ['no-break spaces around', '\u00a0kari@example.no\u00a0'],
    ['a full-width @', 'kari＠example.no'],
  ])('%s', (_why, input) => {
    expect(parseEmail(input)).toEqual({ ok: true, value: 'kari@example.no' });
  });
});
