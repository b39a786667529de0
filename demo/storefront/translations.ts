// Shopify's `t` filter for the demo: locale files with default-locale fallback, `{{ name }}` interpolation, plurals.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type Translations = {
  /** The locale asked for, e.g. `nb`. */
  locale: string;
  /** The locale whose file is marked `.default`, e.g. `en`. */
  defaultLocale: string;
  lookup(key: string): unknown;
};

type Dictionary = Record<string, unknown>;

/**
 * Reads `<locale>.json` (or `<locale>.default.json`) from a theme or extension `locales` folder,
 * falling back key by key to the `*.default.json` file, as the storefront does for missing strings.
 * Schema files (`*.schema.json`) hold editor strings and are never read here.
 */
export async function loadTranslations(dir: string, locale: string): Promise<Translations> {
  const files = (await readdir(dir)).filter(
    (name) => name.endsWith('.json') && !name.endsWith('.schema.json'),
  );
  const defaultFile = files.find((name) => name.endsWith('.default.json'));
  const defaultLocale = defaultFile ? defaultFile.replace('.default.json', '') : 'en';
  const wanted = files.find(
    (name) => name === `${locale}.json` || name === `${locale}.default.json`,
  );
  const read = async (name: string | undefined): Promise<Dictionary> =>
    name ? (JSON.parse(await readFile(join(dir, name), 'utf8')) as Dictionary) : {};
  const primary = await read(wanted);
  const fallback = wanted === defaultFile ? primary : await read(defaultFile);
  return {
    locale: wanted ? locale : defaultLocale,
    defaultLocale,
    lookup: (key) => dig(primary, key) ?? dig(fallback, key),
  };
}

/**
 * Resolves a key the way Liquid's `t` does: `{{ name }}` placeholders filled from `vars`, a plural
 * form picked by `count` when the entry is an object of `zero`/`one`/`other`..., and a visible
 * "translation missing" marker instead of an exception.
 */
export function translate(
  translations: Translations,
  key: string,
  vars: Record<string, unknown> = {},
): string {
  let entry = translations.lookup(key);
  if (entry && typeof entry === 'object' && 'count' in vars) {
    const count = Number(vars.count);
    const forms = entry as Dictionary;
    const rule = new Intl.PluralRules(translations.locale).select(count);
    entry = (count === 0 ? forms.zero : undefined) ?? forms[rule] ?? forms.other;
  }
  if (typeof entry !== 'string') return `Translation missing: ${translations.locale}.${key}`;
  return entry.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) =>
    name in vars ? String(vars[name] ?? '') : whole,
  );
}

function dig(dictionary: Dictionary, key: string): unknown {
  let node: unknown = dictionary;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Dictionary)[part];
  }
  return node ?? undefined;
}
