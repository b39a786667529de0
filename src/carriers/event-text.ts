// Small helpers that make carrier text and times fit the TrackingView contract.
import { clip } from '../core/clip.js';

export { newestFirst } from '../core/newest-first.js';

import { wallTimeInZone } from '../core/zoned-time.js';

/** Collapse whitespace, drop markup some carriers embed, and cut to the contract's limit. */
export function cleanText(value: string | null | undefined, max: number): string | undefined {
  if (value == null) return undefined;
  const text = value
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return undefined;
  return text.length > max ? `${clip(text, max - 1)}…` : text;
}

/** "Oslo, NO" from the parts present. */
export function joinLocation(
  ...parts: ReadonlyArray<string | null | undefined>
): string | undefined {
  const present = parts.map((part) => part?.trim()).filter((part): part is string => Boolean(part));
  const unique = present.filter((part, index) => present.indexOf(part) === index);
  return cleanText(unique.join(', '), 300);
}

/** Keeps a carrier timestamp as given when it parses as a date; otherwise there is no time. */
export function validTimestamp(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (trimmed.length > 64 || Number.isNaN(Date.parse(trimmed))) return undefined;
  return trimmed;
}

/**
 * A carrier timestamp as an instant: one without an offset (DHL and PostNord send local times) is
 * read in `zone`, the event location's zone or the carrier's home zone, never the server's.
 */
export function carrierTime(value: string | null | undefined, zone: string): string | undefined {
  const valid = validTimestamp(value);
  return valid && validTimestamp(wallTimeInZone(valid, zone));
}

/** "20.04.2021" (day.month.year, as Bring writes dates) → "2021-04-20". */
export function dottedDateToIso(value: string | null | undefined): string | undefined {
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value?.trim() ?? '');
  if (!match) return validTimestamp(value);
  const [, day, month, year] = match;
  return validTimestamp(`${year}-${month}-${day}`);
}

export function timeOf(timestamp: string): number {
  return Date.parse(timestamp);
}
