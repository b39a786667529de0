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

/** `2026-04-20`: a calendar date without a time (carrier and Shopify estimates). */
export const isDateOnly = (iso: string): boolean => /^\d{4}-\d\d-\d\d$/.test(iso);

/**
 * Formats an ISO time in `timeZone` (IANA; undefined = the browser's, i.e. the shopper's). A
 * date-only value is the same calendar day in every zone: it is read and formatted in UTC, with the
 * time of day left out. Text that does not parse is shown as it came.
 */
function format(
  iso: string,
  locale: string,
  options: Intl.DateTimeFormatOptions,
  timeZone?: string,
): string {
  const dateOnly = isDateOnly(iso);
  const date = new Date(dateOnly ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  const { timeStyle, ...dateOptions } = options;
  return intl(
    Intl.DateTimeFormat,
    locale,
    dateOnly ? { ...dateOptions, timeZone: 'UTC' } : { ...options, timeZone },
  ).format(date);
}

export const formatDate = (iso: string, locale: string, timeZone?: string): string =>
  format(iso, locale, { dateStyle: 'medium' }, timeZone);
export const formatDateTime = (iso: string, locale: string, timeZone?: string): string =>
  format(iso, locale, { dateStyle: 'medium', timeStyle: 'short' }, timeZone);
/** The estimated delivery, said the way people say it: "Thursday 5 November". */
export const formatDay = (iso: string, locale: string, timeZone?: string): string =>
  format(iso, locale, { weekday: 'long', day: 'numeric', month: 'long' }, timeZone);

/**
 * The calendar day (`YYYY-MM-DD`) a time falls on in `timeZone`; a date-only value is its own day.
 * Undefined for text that does not parse.
 */
export function dayOf(value: string | number, timeZone?: string): string | undefined {
  if (typeof value === 'string' && isDateOnly(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  return intl(Intl.DateTimeFormat, 'en-CA', { timeZone }).format(date);
}

/** "Times are in Central European Time (Europe/Oslo)": the zone's name in the page's language. */
export function zoneName(timeZone: string, locale: string, at: number): string {
  const part = (timeZoneName: Intl.DateTimeFormatOptions['timeZoneName']) =>
    (intl(Intl.DateTimeFormat, locale, { timeZone, timeZoneName }) as Intl.DateTimeFormat)
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
  let name = part('longGeneric');
  // Zones without a generic name (UTC) come back as a bare offset; the long name says more.
  if (!name || /^(GMT|UTC)[+-]/.test(name)) name = part('long');
  return name && name !== timeZone ? `${name} (${timeZone})` : timeZone;
}

/** "30 seconds", "2 minutes": Intl's unit formatting gives plurals in every language for free. */
export function formatWait(seconds: number, locale: string): string {
  const minutes = seconds >= 90;
  return intl(Intl.NumberFormat, locale, {
    style: 'unit',
    unit: minutes ? 'minute' : 'second',
    unitDisplay: 'long',
  }).format(minutes ? Math.ceil(seconds / 60) : Math.max(1, Math.round(seconds)));
}
