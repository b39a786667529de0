// The storefront strings for the server-rendered page, read from the theme extension's locale files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { englishStrings, type Strings, stringsFromLocale } from '../../widget/strings.js';

// A path from this file's folder: Vitest's DOM environments rewrite `new URL(…, import.meta.url)`.
const LOCALES_DIR = join(import.meta.dirname, '../../../theme-extension/locales/');

/** Locale tag (lower-case) → file name; only files that exist can ever be read. */
let files: Map<string, string> | undefined;
const loaded = new Map<string, Strings>();

function available(): Map<string, string> {
  if (files) return files;
  files = new Map();
  try {
    for (const name of readdirSync(LOCALES_DIR)) {
      const match = /^([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)(\.default)?\.json$/.exec(name);
      if (match?.[1]) files.set(match[1].toLowerCase(), name);
    }
  } catch {
    // No locale files deployed: English only.
  }
  return files;
}

/** `pt-BR` → pt-BR.json, `nb-NO` → nb.json, anything unknown → English. */
export function stringsFor(locale: string | undefined): Strings {
  const tag = (locale ?? 'en').toLowerCase();
  const key = available().has(tag) ? tag : tag.split('-')[0];
  const file = key ? available().get(key) : undefined;
  if (!file) return english();
  const cached = loaded.get(file);
  if (cached) return cached;
  let strings: Strings;
  try {
    strings = stringsFromLocale(JSON.parse(readFileSync(`${LOCALES_DIR}${file}`, 'utf8')));
  } catch {
    strings = english();
  }
  loaded.set(file, strings);
  return strings;
}

let en: Strings | undefined;
function english(): Strings {
  en ??= englishStrings();
  return en;
}
