// The shopper's language as a BCP 47 primary subtag, from the storefront locale, limited to the locales we ship.

/** Primary language subtags of the storefront locales shipped in the theme extension's `locales/`. */
export const SHIPPED_LANGUAGES = [
  'da',
  'de',
  'en',
  'es',
  'fi',
  'fr',
  'it',
  'ja',
  'nb',
  'nl',
  'pt',
  'sv',
] as const;

const SHIPPED: ReadonlySet<string> = new Set(SHIPPED_LANGUAGES);

// Norwegian is sent as `no`, `nb` (Bokmål) or `nn` (Nynorsk); carriers write Bokmål.
const NORWEGIAN = new Set(['no', 'nb', 'nn']);

/**
 * `pt-BR` → `pt`, `nb-NO` → `nb`, `no` → `nb`; undefined for a missing, malformed or not shipped
 * locale (the lookup then works as before, in English terms for carriers).
 */
export function shopperLanguage(locale: string | null | undefined): string | undefined {
  const primary = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/i.exec(locale?.trim() ?? '')?.[1];
  if (!primary) return undefined;
  const lower = primary.toLowerCase();
  const language = NORWEGIAN.has(lower) ? 'nb' : lower;
  return SHIPPED.has(language) ? language : undefined;
}

/** Whether two primary subtags name the same written language (`no`, `nb` and `nn` count as one). */
export function sameLanguage(a: string, b: string): boolean {
  const fold = (tag: string) => {
    const lower = tag.toLowerCase().split('-')[0] ?? '';
    return NORWEGIAN.has(lower) ? 'no' : lower;
  };
  return fold(a) === fold(b);
}
