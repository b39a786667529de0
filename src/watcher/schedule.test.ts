import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  backoffMs,
  type CarrierQuota,
  intervalMs,
  nextPollAt,
  retryAfterUntil,
  type ScheduledShipment,
} from './schedule.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The injected clock: 30 Nov 2026 12:00 UTC. */
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const UNLIMITED: CarrierQuota = { requestsPerDay: undefined, watchedShipments: 1 };

function shipment(overrides: Partial<ScheduledShipment> = {}): ScheduledShipment {
  return {
    key: 'gid://shopify/Fulfillment/1',
    status: 'in_transit',
    shippedAt: NOW - 2 * DAY,
    lastPolledAt: NOW,
    consecutiveFailures: 0,
    ...overrides,
  };
}

describe('nextPollAt by state, polled just now', () => {
  it.each([
    ['out_for_delivery', HOUR, HOUR],
    ['attempted_delivery', 2 * HOUR, 3 * HOUR],
    ['in_transit', 4 * HOUR, 6 * HOUR],
    ['delayed', 3 * HOUR, 5 * HOUR],
    ['label_created', 12 * HOUR, 24 * HOUR],
    ['unknown', 4 * HOUR, 6 * HOUR],
    ['SOME_NEW_CARRIER_STATE', 4 * HOUR, 6 * HOUR],
  ])('%s: between %i and %i ms later', (status, low, high) => {
    for (const key of ['a', 'b', 'gid://shopify/Fulfillment/99', 'zz-top']) {
      const at = nextPollAt(shipment({ status, key }), NOW, UNLIMITED);
      expect(at).not.toBeNull();
      expect((at as number) - NOW).toBeGreaterThanOrEqual(low);
      expect((at as number) - NOW).toBeLessThanOrEqual(high);
    }
  });

  it('polls out for delivery more often than in transit, and in transit more often than labelled', () => {
    const wait = (status: string) => (nextPollAt(shipment({ status }), NOW, UNLIMITED) ?? 0) - NOW;
    expect(wait('out_for_delivery')).toBeLessThan(wait('in_transit'));
    expect(wait('in_transit')).toBeLessThan(wait('label_created'));
  });

  it('spreads shipments of one state over its range, each always at the same point', () => {
    const points = new Set(
      Array.from({ length: 50 }, (_, i) =>
        intervalMs('in_transit', `gid://shopify/Fulfillment/${i}`),
      ),
    );
    expect(points.size).toBeGreaterThan(40);
    expect(intervalMs('in_transit', 'x')).toBe(intervalMs('in_transit', 'x'));
  });

  it.each(['delivered', 'cancelled', 'returned_to_sender'])('never polls %s again', (status) => {
    expect(nextPollAt(shipment({ status }), NOW, UNLIMITED)).toBeNull();
  });

  it('is due now when never polled', () => {
    expect(nextPollAt(shipment({ lastPolledAt: undefined }), NOW, UNLIMITED)).toBe(NOW);
  });

  it('is due now, not in the past, when the interval has long passed', () => {
    expect(nextPollAt(shipment({ lastPolledAt: NOW - 3 * DAY }), NOW, UNLIMITED)).toBe(NOW);
  });
});

describe('the 60-day age', () => {
  it('stops watching a shipment shipped 60 days ago or more', () => {
    expect(nextPollAt(shipment({ shippedAt: NOW - 60 * DAY }), NOW, UNLIMITED)).toBeNull();
    expect(nextPollAt(shipment({ shippedAt: NOW - 61 * DAY }), NOW, UNLIMITED)).toBeNull();
  });

  it('stops when the next poll would fall past the age', () => {
    const young = shipment({ status: 'label_created', shippedAt: NOW - 60 * DAY + HOUR });
    expect(nextPollAt(young, NOW, UNLIMITED)).toBeNull();
    expect(nextPollAt({ ...young, lastPolledAt: undefined }, NOW, UNLIMITED)).toBe(NOW);
  });
});

describe('back-off after failures', () => {
  it.each([
    [1, 5 * MINUTE],
    [2, 10 * MINUTE],
    [3, 20 * MINUTE],
    [6, 160 * MINUTE],
    [9, 1280 * MINUTE],
    [10, DAY],
    [50, DAY],
  ])('after %i failures waits %i ms', (failures, wait) => {
    expect(backoffMs(failures)).toBe(wait);
    const at = nextPollAt(shipment({ consecutiveFailures: failures }), NOW, UNLIMITED);
    expect(at).toBe(NOW + wait);
  });

  it('caps the wait', () => {
    expect(backoffMs(1000)).toBe(BACKOFF_CAP_MS);
  });

  it("respects the carrier's Retry-After when it is later than the back-off", () => {
    const until = NOW + 2 * HOUR;
    const at = nextPollAt(
      shipment({ consecutiveFailures: 1, retryAfterUntil: until }),
      NOW,
      UNLIMITED,
    );
    expect(at).toBe(until);
  });

  it('keeps the back-off when the Retry-After is sooner', () => {
    const at = nextPollAt(
      shipment({ consecutiveFailures: 3, retryAfterUntil: NOW + MINUTE }),
      NOW,
      UNLIMITED,
    );
    expect(at).toBe(NOW + 20 * MINUTE);
  });
});

describe('per-carrier quota', () => {
  it('spreads a daily quota over the watched shipments', () => {
    // 1,000 requests a day over 500 shipments: each at most every 12 hours.
    const quota = { requestsPerDay: 1000, watchedShipments: 500 };
    const at = nextPollAt(shipment({ status: 'out_for_delivery' }), NOW, quota);
    expect(at).toBe(NOW + 12 * HOUR);
  });

  it('does not slow a shipment the quota leaves room for', () => {
    const quota = { requestsPerDay: 10_000, watchedShipments: 10 };
    expect(nextPollAt(shipment({ status: 'out_for_delivery' }), NOW, quota)).toBe(NOW + HOUR);
  });

  it('holds after failures too', () => {
    const quota = { requestsPerDay: 100, watchedShipments: 100 };
    expect(nextPollAt(shipment({ consecutiveFailures: 1 }), NOW, quota)).toBe(NOW + DAY);
  });
});

describe('retryAfterUntil', () => {
  it.each([
    ['120', NOW + 120_000],
    [' 5 ', NOW + 5_000],
    ['Mon, 30 Nov 2026 13:00:00 GMT', NOW + HOUR],
    ['Mon, 30 Nov 2026 11:00:00 GMT', NOW],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('reads %j', (header, expected) => {
    expect(retryAfterUntil(header, NOW)).toBe(expected);
  });
});
