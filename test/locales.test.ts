// Every storefront locale holds every key the widget needs, stays under Shopify's 15 KB, and matches the block.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STRING_KEYS } from '../src/widget/strings.js';

const dir = fileURLToPath(new URL('../theme-extension/locales/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const storefront = files.filter((f) => !f.endsWith('.schema.json'));
const REQUIRED = ['nb', 'da', 'sv', 'fi', 'de', 'fr', 'es', 'it', 'nl', 'pt-BR', 'ja'];

function leaves(node: unknown, prefix = ''): Record<string, unknown> {
  if (typeof node !== 'object' || node === null) return { [prefix]: node };
  return Object.assign(
    {},
    ...Object.entries(node).map(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k)),
  );
}

const read = (file: string): Record<string, unknown> =>
  leaves(JSON.parse(readFileSync(dir + file, 'utf8')));
const english = read('en.default.json');
const placeholders = (text: unknown) =>
  String(text)
    .match(/\{\w+\}/g)
    ?.sort() ?? [];

describe('storefront locales', () => {
  it('include English and every required language', () => {
    const langs = storefront.map((f) => f.replace(/(\.default)?\.json$/, ''));
    expect(langs).toContain('en');
    for (const lang of REQUIRED) expect(langs).toContain(lang);
  });

  it('hold exactly the keys the widget declares, under track_order', () => {
    const keys = Object.keys(english).map((k) => k.replace(/^track_order\./, ''));
    expect(keys.sort()).toEqual([...STRING_KEYS].sort());
  });

  for (const file of storefront) {
    it(`${file} has every key, each a non-empty string with the same placeholders as English`, () => {
      const strings = read(file);
      expect(Object.keys(strings).sort()).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(strings)) {
        expect(typeof text === 'string' && text.trim() !== '', `${file} ${key}`).toBe(true);
        expect(placeholders(text), `${file} ${key}`).toEqual(placeholders(english[key]));
      }
    });
  }

  it('are each at most 15 KB, the limit Shopify sets for a locale file', () => {
    for (const file of files) expect(statSync(dir + file).size, file).toBeLessThanOrEqual(15_000);
  });

  it('are all passed to the widget by the block, one JSON entry per key', () => {
    const snippet = readFileSync(
      fileURLToPath(
        new URL('../theme-extension/snippets/track-order-strings.liquid', import.meta.url),
      ),
      'utf8',
    );
    const entries = [
      ...snippet.matchAll(/"([\w.]+)":\{\{ 'track_order\.([\w.]+)' \| t \| json \}\}/g),
    ];
    expect(entries.map((m) => m[1])).toEqual([...STRING_KEYS]);
    for (const m of entries) expect(m[2]).toBe(m[1]);
  });
});
