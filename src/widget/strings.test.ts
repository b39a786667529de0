// Strings from locale files, interpolation, and the retryable codes the widget mirrors from the contract.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RETRYABLE_CODES } from '../contract/errors.js';
import { RETRYABLE } from './api.js';
import { englishStrings, interpolate, STRING_KEYS, stringsFromLocale } from './strings.js';

const locale = (lang: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../../theme-extension/locales/${lang}.json`, import.meta.url), 'utf8'),
  );

describe('strings', () => {
  it('builds every key from a locale file', () => {
    const nb = stringsFromLocale(locale('nb'));
    expect(Object.keys(nb).sort()).toEqual([...STRING_KEYS].sort());
    expect(nb['form.submit']).toBe('Spor bestilling');
  });

  it('falls back to English per key for a partial or broken file', () => {
    const partial = stringsFromLocale({ track_order: { form: { submit: 'Verfolgen' } } });
    expect(partial['form.submit']).toBe('Verfolgen');
    expect(partial['form.email']).toBe('Email');
    expect(stringsFromLocale('not json at all')).toEqual(englishStrings());
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Shipment {n} of {total}', { n: 1, total: 2 })).toBe('Shipment 1 of 2');
    expect(interpolate('Order {name}', {})).toBe('Order {name}');
  });

  it("retries exactly the contract's retryable codes, plus a network failure", () => {
    expect([...RETRYABLE].sort()).toEqual([...RETRYABLE_CODES, 'network'].sort());
  });
});
