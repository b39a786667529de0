import { describe, expect, it } from 'vitest';
import {
  type CarrierClass,
  carrierClass,
  DEFAULT_STALLED_AFTER_DAYS,
  isStalled,
  lastActivityAt,
  type StalledCandidate,
} from './stalled.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();

function shipment(overrides: Partial<StalledCandidate>): StalledCandidate {
  return {
    status: 'in_transit',
    carrierCode: null,
    trackingNumber: null,
    shippedAt: ago(30),
    lastEventAt: null,
    ...overrides,
  };
}

describe('carrierClass reads the carrier code first, then an S10 postal number', () => {
  it.each<[string | null, string | null, CarrierClass]>([
    ['dhl_express', '1234567890', 'express'],
    ['ups', '1Z999AA10123456784', 'express'],
    ['fedex', null, 'express'],
    ['dhl_express', 'RR123456789NO', 'express'],
    ['posten_norge', '70712345678901234', 'postal'],
    ['postnord', null, 'postal'],
    ['usps', '9400111899223197428490', 'postal'],
    ['royal_mail', null, 'postal'],
    [null, 'RR123456789NO', 'postal'],
    [null, 'rr 123 456 789 no', 'postal'],
    ['bring', 'LA123456789NO', 'postal'],
    ['bring', '370712345678901234', 'other'],
    ['dpd', '01234567890123', 'other'],
    [null, 'RR12345678NO', 'other'],
    [null, null, 'other'],
    ['some_new_carrier', 'ABC', 'other'],
  ])('%s with %s → %s', (code, number, expected) => {
    expect(carrierClass(code, number)).toBe(expected);
  });
});

describe('isStalled: no carrier event for N days while the parcel is not delivered', () => {
  const t = DEFAULT_STALLED_AFTER_DAYS;
  it.each<[string, Partial<StalledCandidate>, boolean]>([
    ['express, last event 3 days ago', { carrierCode: 'ups', lastEventAt: ago(3) }, true],
    ['express, last event 2.9 days ago', { carrierCode: 'ups', lastEventAt: ago(2.9) }, false],
    ['postal, last event 6 days ago', { carrierCode: 'usps', lastEventAt: ago(6) }, false],
    ['postal, last event 7 days ago', { carrierCode: 'usps', lastEventAt: ago(7) }, true],
    ['other, last event 4 days ago', { carrierCode: 'dpd', lastEventAt: ago(4) }, false],
    ['other, last event 5 days ago', { carrierCode: 'dpd', lastEventAt: ago(5) }, true],
    ['no events: counts from shipping', { shippedAt: ago(5), lastEventAt: null }, true],
    ['no events, shipped 4 days ago', { shippedAt: ago(4), lastEventAt: null }, false],
    [
      'label created and never scanned',
      { status: 'label_created', shippedAt: ago(6), lastEventAt: null },
      true,
    ],
    ['delivered long ago', { status: 'delivered', lastEventAt: ago(40) }, false],
    ['returned long ago', { status: 'returned_to_sender', lastEventAt: ago(40) }, false],
    ['cancelled long ago', { status: 'cancelled', lastEventAt: ago(40) }, false],
    ['failure with no word since', { status: 'failure', lastEventAt: ago(10) }, true],
    ['delayed, quiet for a week', { status: 'delayed', lastEventAt: ago(7) }, true],
    [
      'event dated before shipping does not age it',
      { shippedAt: ago(1), lastEventAt: ago(20) },
      false,
    ],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(isStalled(shipment(overrides), t, NOW)).toBe(expected);
  });

  it('uses the thresholds it is given', () => {
    const quiet = shipment({ carrierCode: 'ups', lastEventAt: ago(2) });
    expect(isStalled(quiet, t, NOW)).toBe(false);
    expect(isStalled(quiet, { express: 2, postal: 7, other: 5 }, NOW)).toBe(true);
    expect(isStalled(quiet, { express: 1, postal: 7, other: 5 }, NOW)).toBe(true);
  });

  it('moves with the injected now', () => {
    const s = shipment({ carrierCode: 'usps', lastEventAt: ago(0) });
    expect(isStalled(s, t, NOW + 6 * DAY)).toBe(false);
    expect(isStalled(s, t, NOW + 7 * DAY)).toBe(true);
  });

  it('takes the later of the last event and shipping as the last activity', () => {
    expect(lastActivityAt(shipment({ shippedAt: ago(3), lastEventAt: ago(1) }))).toBe(NOW - DAY);
    expect(lastActivityAt(shipment({ shippedAt: ago(3), lastEventAt: null }))).toBe(NOW - 3 * DAY);
  });
});
