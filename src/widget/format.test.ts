import { describe, expect, it } from 'vitest';
import { dayOf, formatDate, formatDateTime, formatDay, isDateOnly, zoneName } from './format.js';

const ZONES = ['America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'];

describe('date-only values are the same calendar day in every zone', () => {
  const cases = [
    { value: '2026-04-20', en: 'Monday, April 20', de: 'Montag, 20. April', date: 'Apr 20, 2026' },
    {
      value: '2026-01-01',
      en: 'Thursday, January 1',
      de: 'Donnerstag, 1. Januar',
      date: 'Jan 1, 2026',
    },
    {
      value: '2026-12-31',
      en: 'Thursday, December 31',
      de: 'Donnerstag, 31. Dezember',
      date: 'Dec 31, 2026',
    },
  ];
  for (const zone of ZONES) {
    it.each(cases)(`$value in ${zone}`, ({ value, en, de, date }) => {
      expect(formatDay(value, 'en', zone)).toBe(en);
      expect(formatDay(value, 'de', zone)).toBe(de);
      expect(formatDate(value, 'en', zone)).toBe(date);
      // A date has no time of day to show.
      expect(formatDateTime(value, 'en', zone)).toBe(date);
      expect(dayOf(value, zone)).toBe(value);
    });
  }

  it('in the browser’s own zone too (no zone given)', () => {
    expect(formatDay('2026-04-20', 'en')).toBe('Monday, April 20');
  });

  it.each([
    ['2026-04-20', true],
    ['2026-04-20T00:00:00Z', false],
    ['2026-04-20T10:00', false],
    ['20-04-2026', false],
  ])('%s is date-only: %s', (value, expected) => {
    expect(isDateOnly(value)).toBe(expected);
  });
});

describe('instants are shown in the zone asked for', () => {
  it.each([
    ['America/New_York', 'Sunday, April 19', 'Apr 19, 2026, 8:30 PM', '2026-04-19'],
    ['Asia/Tokyo', 'Monday, April 20', 'Apr 20, 2026, 9:30 AM', '2026-04-20'],
    ['Pacific/Kiritimati', 'Monday, April 20', 'Apr 20, 2026, 2:30 PM', '2026-04-20'],
    ['Pacific/Pago_Pago', 'Sunday, April 19', 'Apr 19, 2026, 1:30 PM', '2026-04-19'],
  ])('%s', (zone, day, dateTime, calendarDay) => {
    const at = '2026-04-20T00:30:00Z';
    expect(formatDay(at, 'en', zone)).toBe(day);
    expect(formatDateTime(at, 'en', zone).replace(/\u202f/g, ' ')).toBe(dateTime);
    expect(dayOf(at, zone)).toBe(calendarDay);
  });

  it('keeps text that is not a time as it came', () => {
    expect(formatDay('soon', 'en', 'UTC')).toBe('soon');
    expect(dayOf('soon')).toBeUndefined();
  });
});

describe('zone names', () => {
  it.each([
    ['Europe/Oslo', 'en', 'Central European Time (Europe/Oslo)'],
    ['Europe/Oslo', 'nb', 'sentraleuropeisk tid (Europe/Oslo)'],
    ['Asia/Tokyo', 'en', 'Japan Standard Time (Asia/Tokyo)'],
  ])('%s in %s', (zone, locale, name) => {
    expect(zoneName(zone, locale, Date.UTC(2026, 0, 15))).toBe(name);
  });
});
