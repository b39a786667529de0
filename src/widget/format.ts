// Dates and waiting times in the shopper's locale, through Intl only (no dictionaries).

const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
const LONG_DATE: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };

/** A malformed locale tag from a theme must not break the page: it falls back to the browser's. */
function supported(locale: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

function format(iso: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(supported(locale), options).format(date);
}

export const formatDate = (iso: string, locale: string): string => format(iso, locale, DATE);
export const formatDateTime = (iso: string, locale: string): string =>
  format(iso, locale, DATE_TIME);
/** The estimated delivery, said the way people say it: "Thursday 5 November". */
export const formatDay = (iso: string, locale: string): string => format(iso, locale, LONG_DATE);

/** "30 seconds", "2 minutes": Intl's unit formatting gives plurals in every language for free. */
export function formatWait(seconds: number, locale: string): string {
  const minutes = seconds >= 90;
  const options: Intl.NumberFormatOptions = {
    style: 'unit',
    unit: minutes ? 'minute' : 'second',
    unitDisplay: 'long',
  };
  return new Intl.NumberFormat(supported(locale), options).format(
    minutes ? Math.ceil(seconds / 60) : Math.max(1, Math.round(seconds)),
  );
}
