// The leaky bucket of cost points Shopify keeps per app and shop, on an injected clock.
import type { Clock } from '../../src/core/ports.js';

export interface BucketOptions {
  maximumAvailable: number;
  restoreRate: number;
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface LeakyBucket {
  /** Takes `cost` points if they are there; false (and nothing taken) when they are not. */
  take(cost: number): boolean;
  /** Gives back points not spent (Shopify refunds requested minus actual cost). */
  refund(points: number): void;
  status(): ThrottleStatus;
  reset(): void;
}

export function createLeakyBucket(options: BucketOptions, clock: Clock): LeakyBucket {
  const { maximumAvailable, restoreRate } = options;
  let available = maximumAvailable;
  let at = clock();
  const refill = () => {
    const now = clock();
    available = Math.min(
      maximumAvailable,
      available + (Math.max(0, now - at) / 1000) * restoreRate,
    );
    at = now;
  };
  return {
    take(cost) {
      refill();
      if (cost > available) return false;
      available -= cost;
      return true;
    },
    refund(points) {
      refill();
      available = Math.min(maximumAvailable, available + Math.max(0, points));
    },
    status() {
      refill();
      return { maximumAvailable, currentlyAvailable: Math.floor(available), restoreRate };
    },
    reset() {
      available = maximumAvailable;
      at = clock();
    },
  };
}
