// Dates and waiting times in the shopper's locale, through Intl only (no dictionaries).

type Formatter = { format(value: number | Date): string };

/** A malformed locale tag from a theme must not break the page: it falls back to the browser's. */
function intl<O>(
  Format: new (locale?: string, options?: O) => Formatter,
  locale: string,
  options: O,
): Formatter {
  try {
    return new Format(locale, options);
  } catch {
    return new Format(undefined, options);
  }
}

function format(iso: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : intl(Intl.DateTimeFormat, locale, options).format(date);
}

export const formatDate = (iso: string, locale: string): string =>
  format(iso, locale, { dateStyle: 'medium' });
export const formatDateTime = (iso: string, locale: string): string =>
  format(iso, locale, { dateStyle: 'medium', timeStyle: 'short' });
/** The estimated delivery, said the way people say it: "Thursday 5 November". */
export const formatDay = (iso: string, locale: string): string =>
  format(iso, locale, { weekday: 'long', day: 'numeric', month: 'long' });

/** "30 seconds", "2 minutes": Intl's unit formatting gives plurals in every language for free. */
export function formatWait(seconds: number, locale: string): string {
  const minutes = seconds >= 90;
  return intl(Intl.NumberFormat, locale, {
    style: 'unit',
    unit: minutes ? 'minute' : 'second',
    unitDisplay: 'long',
  }).format(minutes ? Math.ceil(seconds / 60) : Math.max(1, Math.round(seconds)));
}
