import { describe, expect, it } from 'vitest';
import { memoryLogger } from './logger.js';

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
});
