import { RateLimiterRes } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { MemoryLimiter } from './memory-limiter.js';

const options = { keyPrefix: 'ip', points: 2, duration: 60 };

function pair() {
  let now = 1_000_000;
  const clock = () => now;
  return {
    viaLibrary: new MemoryLimiter(options, clock),
    direct: new MemoryLimiter(options, clock),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

async function settled(promise: Promise<RateLimiterRes>): Promise<RateLimiterRes> {
  return promise.catch((res: unknown) => {
    if (res instanceof RateLimiterRes) return res;
    throw res;
  });
}

describe('MemoryLimiter answered at once', () => {
  it('counts, refuses and forgets exactly as consume() does', async () => {
    const { viaLibrary, direct, advance } = pair();
    for (const step of [0, 10_000, 10_000, 10_000, 31_000, 1_000]) {
      advance(step);
      const expected = await settled(viaLibrary.consume('198.51.100.9'));
      const now = direct.consumeNow('198.51.100.9');
      expect(now?.toJSON()).toEqual(expected.toJSON());
    }
    expect(direct.consumeNow('198.51.100.9')?.consumedPoints).toBeGreaterThan(options.points);
  });

  it('reads a key as get() does, null before its first point', async () => {
    const { viaLibrary, direct, advance } = pair();
    expect(direct.getNow('a')).toBeNull();
    await viaLibrary.consume('a');
    direct.consumeNow('a');
    advance(5_000);
    expect(direct.getNow('a')?.toJSON()).toEqual((await viaLibrary.get('a'))?.toJSON());
  });

  it('leaves a limiter with a block duration to the library', () => {
    const blocking = new MemoryLimiter({ ...options, blockDuration: 60 }, () => 0);
    expect(blocking.consumeNow('a')).toBeUndefined();
  });
});
