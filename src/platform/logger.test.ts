import fc from 'fast-check';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { type AppLogger, lazyChild, memoryLogger, REDACTED_KEYS } from './logger.js';

describe('the logger', () => {
  it('writes one JSON object per entry with level name and time', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ event: 'x', n: 1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', event: 'x', n: 1 });
    expect(typeof lines[0]?.time).toBe('string');
  });

  it("carries a child's fields on every line", () => {
    const { logger, lines } = memoryLogger();
    logger.child({ requestId: 'r1', shop: 's' }).warn({ event: 'y' });
    expect(lines[0]).toMatchObject({ level: 'warn', requestId: 'r1', shop: 's', event: 'y' });
  });

  it('redacts secret keys at the top level and one level down', () => {
    const { logger, lines } = memoryLogger();
    logger.error({ email: 'a@b.test', token: 't0k', nested: { signature: 'abc', secret: 's3' } });
    const text = JSON.stringify(lines);
    for (const value of ['a@b.test', 't0k', 'abc', 's3']) expect(text).not.toContain(value);
    expect(text).toContain('[redacted]');
  });

  it("makes a lazy child only when it writes, and its lines read as the pino child's", () => {
    const { logger, lines } = memoryLogger();
    const made: Record<string, unknown>[] = [];
    const parent: AppLogger = {
      ...logger,
      info: (f) => logger.info(f),
      warn: (f) => logger.warn(f),
      error: (f) => logger.error(f),
      child: (bindings) => {
        made.push(bindings);
        return logger.child(bindings);
      },
    };
    const lazy = lazyChild(parent, { requestId: 'r1' }).child({ shop: 's', email: 'a@b.test' });
    expect(made).toEqual([]);
    expect(lazy.bindings).toEqual({ requestId: 'r1', shop: 's', email: 'a@b.test' });
    lazy.warn({ event: 'y' });
    lazy.error({ event: 'z' });
    expect(made).toHaveLength(1);
    logger.child({ requestId: 'r1' }).child({ shop: 's', email: 'a@b.test' }).warn({ event: 'y' });
    const { time: _a, ...fromLazy } = lines[0] ?? {};
    const { time: _b, ...fromPino } = lines[2] ?? {};
    expect(fromLazy).toEqual(fromPino);
    expect(fromLazy).toMatchObject({ requestId: 'r1', shop: 's', email: '[redacted]', event: 'y' });
  });

  it("redacts exactly as pino's redact paths would, in lines and in a child's fields", () => {
    const keys = fc.constantFrom(...REDACTED_KEYS, 'shop', 'event', 'nested', 'n');
    const leaf = fc.oneof(
      fc.string({ maxLength: 5 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const inner = fc.oneof(
      leaf,
      fc.array(leaf, { maxLength: 3 }),
      fc.dictionary(keys, leaf, { noNullPrototype: true }),
    );
    const fields = fc.dictionary(
      keys,
      fc.oneof(inner, fc.dictionary(keys, inner, { noNullPrototype: true })),
      {
        noNullPrototype: true,
      },
    );
    fc.assert(
      fc.property(fields, fields, (bindings, line) => {
        const { logger: ours, lines } = memoryLogger();
        const theirs: Record<string, unknown>[] = [];
        const reference = pino(
          {
            level: 'debug',
            base: undefined,
            formatters: { level: (label) => ({ level: label }) },
            timestamp: false,
            redact: { paths: REDACTED_KEYS.flatMap((k) => [k, `*.${k}`]), censor: '[redacted]' },
          },
          { write: (text: string) => theirs.push(JSON.parse(text)) },
        );
        const before = JSON.stringify(line);
        ours.child(bindings).info(line);
        reference.child(bindings).info(line);
        const { time: _t, ...got } = lines[0] ?? {};
        expect(got).toEqual(theirs[0]);
        // The logged object is left as it was.
        expect(JSON.stringify(line)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });
});
