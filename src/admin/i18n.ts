// The admin's strings (locales/*.json) and Intl formatting in the merchant's language.
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };

export type Messages = typeof en;
export type AdminLocale = 'en' | 'nb';

const MESSAGES: Record<AdminLocale, Messages> = { en, nb };

/** Shopify passes the admin user's language as `locale` (e.g. `nb-NO`); Norwegian variants → nb. */
export function pickLocale(wanted: string | null | undefined): AdminLocale {
  return /^(nb|no|nn)\b/i.test(wanted ?? '') ? 'nb' : 'en';
}

export interface I18n {
  locale: AdminLocale;
  /** `t('list.heading')`; `{name}` placeholders filled from `vars`. Unknown keys show the key. */
  t(key: string, vars?: Record<string, string | number>): string;
  number(n: number): string;
  percent(share: number): string;
  date(iso: string): string;
  /** Whole days before now, as the language says it: `today`, `yesterday`, `3 days ago`. */
  daysAgo(days: number): string;
}

export function createI18n(locale: AdminLocale): I18n {
  const messages = MESSAGES[locale];
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    locale,
    t(key, vars) {
      let node: unknown = messages;
      for (const part of key.split('.'))
        node =
          typeof node === 'object' && node !== null
            ? (node as Record<string, unknown>)[part]
            : undefined;
      let text = typeof node === 'string' ? node : key;
      for (const [name, value] of Object.entries(vars ?? {}))
        text = text.replace(`{${name}}`, typeof value === 'number' ? numbers.format(value) : value);
      return text;
    },
    number: (n) => numbers.format(n),
    percent: (share) => percents.format(share),
    date: (iso) => dates.format(new Date(iso)),
    daysAgo: (days) => relative.format(-days, 'day'),
  };
}
