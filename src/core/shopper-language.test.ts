import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHIPPED_LANGUAGES, sameLanguage, shopperLanguage } from './shopper-language.js';

describe('shopperLanguage', () => {
  it.each([
    ['nb', 'nb'],
    ['nb-NO', 'nb'],
    ['no', 'nb'],
    ['nn', 'nb'],
    ['pt-BR', 'pt'],
    ['pt-PT', 'pt'],
    ['de', 'de'],
    ['EN', 'en'],
    ['en-US', 'en'],
    ['ja', 'ja'],
    ['sv_SE', 'sv'],
  ])('%j → %j', (locale, language) => {
    expect(shopperLanguage(locale)).toBe(language);
  });

  it.each([undefined, null, '', 'xx', 'zh-CN', 'ko', '../en', 'en;drop', 'e'])(
    '%j → nothing',
    (locale) => {
      expect(shopperLanguage(locale)).toBeUndefined();
    },
  );

  it('ships exactly the languages the theme extension has locale files for', () => {
    const dir = fileURLToPath(new URL('../../theme-extension/locales/', import.meta.url));
    const files = readdirSync(dir).filter((f) => !f.includes('.schema.'));
    const languages = new Set(files.map((f) => (f.split(/[.-]/)[0] ?? '').toLowerCase()));
    expect([...languages].sort()).toEqual([...SHIPPED_LANGUAGES].sort());
  });
});

describe('sameLanguage', () => {
  it.each([
    ['nb', 'no', true],
    ['nn', 'nb', true],
    ['en', 'EN', true],
    ['pt', 'pt-BR', true],
    ['sv', 'da', false],
    ['en', 'nb', false],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameLanguage(a, b)).toBe(same);
  });
});
