import { describe, expect, it } from 'vitest';
import { batchedWriter, createJsonLogger } from './json-logger.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

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
});

describe('batchedWriter', () => {
  it('joins the lines of one event-loop turn into one write, each ending in a newline', async () => {
    const chunks: string[] = [];
    const write = batchedWriter(
      (chunk) => chunks.push(chunk),
      () => {},
    );
    write('{"a":1}');
    write('{"b":2}');
    expect(chunks).toEqual([]);
    await nextTurn();
    write('{"c":3}');
    await nextTurn();
    expect(chunks).toEqual(['{"a":1}\n{"b":2}\n', '{"c":3}\n']);
  });

  it('writes what is pending when the process exits', () => {
    const chunks: string[] = [];
    let atExit = () => {};
    const write = batchedWriter(
      (chunk) => chunks.push(chunk),
      (flush) => {
        atExit = flush;
      },
    );
    write('{"last":true}');
    atExit();
    expect(chunks).toEqual(['{"last":true}\n']);
  });
});
