import { describe, expect, it } from 'vitest';
import { countryTimeZone, wallTimeInZone, zoneOffsetMs } from './zoned-time.js';

describe('wallTimeInZone reads a time without an offset in the zone given', () => {
  it.each([
    ['2026-06-01T22:15:00', 'Europe/Berlin', '2026-06-01T22:15:00+02:00'],
    ['2026-01-15T08:00:00', 'Europe/Berlin', '2026-01-15T08:00:00+01:00'],
    ['2026-06-01T09:30:00', 'Europe/Stockholm', '2026-06-01T09:30:00+02:00'],
    ['2026-12-01T09:30:00', 'Europe/Oslo', '2026-12-01T09:30:00+01:00'],
    ['2026-07-04T12:00:00', 'America/New_York', '2026-07-04T12:00:00-04:00'],
    ['2026-07-04T12:00:00', 'Asia/Tokyo', '2026-07-04T12:00:00+09:00'],
    ['2026-07-04T12:00:00', 'Asia/Kolkata', '2026-07-04T12:00:00+05:30'],
    ['2026-07-04T12:00:00', 'Asia/Kathmandu', '2026-07-04T12:00:00+05:45'],
    ['2026-07-04 12:00', 'UTC', '2026-07-04T12:00+00:00'],
    ['2026-07-04T12:00:00.250', 'Europe/Helsinki', '2026-07-04T12:00:00.250+03:00'],
    ['2026-12-31T23:30:00', 'Pacific/Auckland', '2026-12-31T23:30:00+13:00'],
  ])('%j in %s → %j', (wall, zone, expected) => {
    expect(wallTimeInZone(wall, zone)).toBe(expected);
  });

  it.each([
    [
      'Europe/Berlin spring forward: 02:30 does not exist, read as 03:30',
      '2026-03-29T02:30:00',
      'Europe/Berlin',
      '2026-03-29T03:30:00+02:00',
    ],
    [
      'Europe/Berlin just before the gap',
      '2026-03-29T01:59:00',
      'Europe/Berlin',
      '2026-03-29T01:59:00+01:00',
    ],
    [
      'Europe/Berlin just after the gap',
      '2026-03-29T03:00:00',
      'Europe/Berlin',
      '2026-03-29T03:00:00+02:00',
    ],
    [
      'Europe/Berlin fall back: 02:30 happens twice, the earlier',
      '2026-10-25T02:30:00',
      'Europe/Berlin',
      '2026-10-25T02:30:00+02:00',
    ],
    [
      'Europe/Berlin after the fall back',
      '2026-10-25T03:00:00',
      'Europe/Berlin',
      '2026-10-25T03:00:00+01:00',
    ],
    [
      'America/New_York spring forward gap',
      '2026-03-08T02:30:00',
      'America/New_York',
      '2026-03-08T03:30:00-04:00',
    ],
    [
      'America/New_York fall back, the earlier 01:30',
      '2026-11-01T01:30:00',
      'America/New_York',
      '2026-11-01T01:30:00-04:00',
    ],
    [
      'Australia/Sydney spring forward (October, southern)',
      '2026-10-04T02:30:00',
      'Australia/Sydney',
      '2026-10-04T03:30:00+11:00',
    ],
    [
      'Australia/Sydney fall back (April)',
      '2026-04-05T02:30:00',
      'Australia/Sydney',
      '2026-04-05T02:30:00+11:00',
    ],
  ])('%s', (_why, wall, zone, expected) => {
    expect(wallTimeInZone(wall, zone)).toBe(expected);
  });

  it('gives the right instant on both sides of a transition', () => {
    expect(Date.parse(wallTimeInZone('2026-03-29T01:30:00', 'Europe/Berlin'))).toBe(
      Date.parse('2026-03-29T00:30:00Z'),
    );
    expect(Date.parse(wallTimeInZone('2026-03-29T03:30:00', 'Europe/Berlin'))).toBe(
      Date.parse('2026-03-29T01:30:00Z'),
    );
    expect(Date.parse(wallTimeInZone('2026-10-25T01:30:00', 'Europe/Berlin'))).toBe(
      Date.parse('2026-10-24T23:30:00Z'),
    );
  });

  it.each([
    ['a time with an offset', '2026-06-01T22:15:00+01:00'],
    ['a UTC time', '2026-06-01T22:15:00Z'],
    ['a compact offset', '2026-06-01T22:15:00+0100'],
    ['a date without a time', '2026-06-01'],
    ['text', 'yesterday'],
    ['an impossible month', '2026-13-01T10:00:00'],
  ])('leaves %s unchanged', (_why, value) => {
    expect(wallTimeInZone(value, 'Europe/Berlin')).toBe(value);
  });

  it('leaves the time unchanged for a zone Intl does not know', () => {
    expect(wallTimeInZone('2026-06-01T22:15:00', 'Mars/Olympus')).toBe('2026-06-01T22:15:00');
  });
});

describe('zoneOffsetMs', () => {
  it.each([
    ['2026-01-15T12:00:00Z', 'Europe/Oslo', 60],
    ['2026-07-15T12:00:00Z', 'Europe/Oslo', 120],
    ['2026-07-15T12:00:00Z', 'America/Los_Angeles', -420],
    ['2026-07-15T12:00:00Z', 'UTC', 0],
  ])('%s in %s is %i minutes', (instant, zone, minutes) => {
    expect(zoneOffsetMs(Date.parse(instant), zone)).toBe(minutes * 60_000);
  });
});

describe('countryTimeZone', () => {
  it.each([
    ['SE', 'Europe/Stockholm'],
    ['dk', 'Europe/Copenhagen'],
    ['NO', 'Europe/Oslo'],
    ['FI', 'Europe/Helsinki'],
    ['DE', 'Europe/Berlin'],
  ])('%s → %s', (country, zone) => {
    expect(countryTimeZone(country)).toBe(zone);
  });

  it.each(['US', 'AU', 'RU', '', null, undefined, 'XX'])('has no single zone for %j', (country) => {
    expect(countryTimeZone(country)).toBeUndefined();
  });
});
