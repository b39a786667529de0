// Wall-clock times without an offset (as some carriers send them) read in an IANA time zone, with Intl only.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, found);
  }
  return found;
}

/** The zone's offset from UTC at instant `epochMs`, in milliseconds (east positive). */
export function zoneOffsetMs(epochMs: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  // Intl drops milliseconds; the offset is whole seconds in every zone anyway.
  return wall - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/** Whether Intl knows the IANA zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const HAS_OFFSET = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * `2026-06-01T22:15:00` read in `Europe/Berlin` → the instant, as `2026-06-01T22:15:00+02:00`
 * (the same wall time with the zone's offset then, so a reader sees the local time the carrier
 * meant). DST as `Temporal`'s "compatible" rule: a time skipped by a spring-forward gap is moved
 * forward by the gap; a time that occurs twice at fall-back is the earlier one. Strings that
 * already carry an offset or `Z`, date-only strings and anything unparseable come back unchanged;
 * an unknown zone changes nothing either.
 */
export function wallTimeInZone(value: string, zone: string): string {
  const text = value.trim();
  if (HAS_OFFSET.test(text)) return value;
  const match = WALL_TIME.exec(text);
  if (!match || !isTimeZone(zone)) return value;
  const [, y, mo, d, h, mi, s = '0', fraction = ''] = match;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  // Date.UTC rolls 2026-13-01 over into 2027; such a date is no date at all.
  if (new Date(wall).toISOString().slice(0, 16) !== `${y}-${mo}-${d}T${h}:${mi}`) return value;
  const DAY = 86_400_000;
  const before = zoneOffsetMs(wall - DAY, zone);
  const after = zoneOffsetMs(wall + DAY, zone);
  const earlier = wall - before;
  const later = wall - after;
  const valid = [earlier, later].filter((t, i) => zoneOffsetMs(t, zone) === (i ? after : before));
  // No valid reading: the wall time falls in a gap; the offset from before the gap moves it forward.
  const instant = valid.length ? Math.min(...valid) : earlier;
  const offset = zoneOffsetMs(instant, zone);
  return `${formatWall(instant + offset, text)}${formatOffset(offset)}`;
}

function formatWall(wallMs: number, original: string): string {
  const iso = new Date(wallMs).toISOString();
  // Keep the precision the carrier gave: seconds and fractions only when it sent them.
  const seconds = /:\d{2}:\d{2}/.test(original);
  const fraction = /\.\d+$/.test(original);
  return iso.slice(0, fraction ? 23 : seconds ? 19 : 16);
}

function formatOffset(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/**
 * A country's time zone where the whole country keeps one (ISO 3166-1 alpha-2 → IANA). Countries
 * spanning several zones (US, CA, AU, RU, BR, MX…) are left out: for them the caller's fallback
 * is no worse than a guess.
 */
const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  CH: 'Europe/Zurich',
  CN: 'Asia/Shanghai',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  GR: 'Europe/Athens',
  HK: 'Asia/Hong_Kong',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IN: 'Asia/Kolkata',
  IS: 'Atlantic/Reykjavik',
  IT: 'Europe/Rome',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  LV: 'Europe/Riga',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  NZ: 'Pacific/Auckland',
  PL: 'Europe/Warsaw',
  RO: 'Europe/Bucharest',
  SE: 'Europe/Stockholm',
  SG: 'Asia/Singapore',
  SI: 'Europe/Ljubljana',
  SK: 'Europe/Bratislava',
  TR: 'Europe/Istanbul',
  TW: 'Asia/Taipei',
  AE: 'Asia/Dubai',
  ZA: 'Africa/Johannesburg',
};

/** The zone of a country that keeps one (`SE` → `Europe/Stockholm`), or undefined. */
export function countryTimeZone(countryCode: string | null | undefined): string | undefined {
  return countryCode ? COUNTRY_ZONES[countryCode.trim().toUpperCase()] : undefined;
}
