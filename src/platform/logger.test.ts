import { describe, expect, it, vi } from 'vitest';
import { batchedWriter, createJsonLogger } from './logger.js';

describe('createJsonLogger', () => {
  it('writes one JSON object per entry with its level and an ISO time', () => {
    const lines: string[] = [];
    const logger = createJsonLogger((line) => lines.push(line));
    logger.info({ route: 'lookup', status: 200 });
    logger.error({ event: 'unhandled' });
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ level: 'info', route: 'lookup', status: 200 });
    expect(new Date(String(first?.time)).toISOString()).toBe(first?.time);
    expect(second).toMatchObject({ level: 'error', event: 'unhandled' });
  });

  it('writes valid JSON for no fields and for fields JSON leaves out', () => {
    const lines: string[] = [];
    const logger = createJsonLogger((line) => lines.push(line));
    logger.warn({});
    logger.info({ shop: undefined, cacheHit: false });
    expect(lines.map((line) => Object.keys(JSON.parse(line)))).toEqual([
      ['level', 'time'],
      ['level', 'time', 'cacheHit'],
    ]);
  });
});

describe('batchedWriter', () => {
  it('joins the lines of a short span into one write, each ending in a newline', async () => {
    const chunks: string[] = [];
    const write = batchedWriter((chunk) => chunks.push(chunk), {
      maxDelayMs: 1,
      onExit: () => {},
    });
    write('{"a":1}');
    write('{"b":2}');
    expect(chunks).toEqual([]);
    await vi.waitFor(() => expect(chunks).toHaveLength(1));
    write('{"c":3}');
    await vi.waitFor(() => expect(chunks).toHaveLength(2));
    expect(chunks).toEqual(['{"a":1}\n{"b":2}\n', '{"c":3}\n']);
  });

  it('writes at once when enough is pending', () => {
    const chunks: string[] = [];
    const write = batchedWriter((chunk) => chunks.push(chunk), {
      maxBytes: 10,
      onExit: () => {},
    });
    write('{"a":1}');
    expect(chunks).toEqual([]);
    write('{"bb":22}');
    expect(chunks).toEqual(['{"a":1}\n{"bb":22}\n']);
  });

  it('writes what is pending when the process exits', () => {
    const chunks: string[] = [];
    let atExit = () => {};
    const write = batchedWriter((chunk) => chunks.push(chunk), {
      onExit: (flush) => {
        atExit = flush;
      },
    });
    write('{"last":true}');
    atExit();
    expect(chunks).toEqual(['{"last":true}\n']);
  });
});
