import { describe, expect, it } from 'vitest';
import { batchBulkGroups, readAhead } from './bulk-batches.js';
import type { BulkGroup } from './bulk-jsonl.js';

/** Orders with the given numbers of child lines, one after another in a file. */
async function* groups(childCounts: number[]): AsyncGenerator<BulkGroup<string, number>> {
  let line = 0;
  for (const [i, n] of childCounts.entries()) {
    const rootLine = line + 1;
    line += 1 + n;
    yield {
      root: `order-${i}`,
      children: Array.from({ length: n }, (_, j) => j),
      rootLine,
      next: { line, byteOffset: line * 100 },
    };
  }
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('batchBulkGroups', () => {
  it('fills batches up to the line limit with whole orders, each ending at its last order', async () => {
    const batches = await collect(batchBulkGroups(groups([3, 3, 3, 0, 9]), (g) => g.root, 8));
    expect(batches).toEqual([
      { items: ['order-0', 'order-1'], lines: 8, next: { line: 8, byteOffset: 800 } },
      { items: ['order-2', 'order-3'], lines: 5, next: { line: 13, byteOffset: 1300 } },
      { items: ['order-4'], lines: 10, next: { line: 23, byteOffset: 2300 } },
    ]);
  });

  it('never exceeds the limit except for a single order larger than it', async () => {
    const counts = Array.from({ length: 500 }, (_, i) => (i * 7) % 13);
    const batches = await collect(batchBulkGroups(groups(counts), (g) => g.root, 50));
    expect(batches.every((b) => b.lines <= 50)).toBe(true);
    expect(batches.flatMap((b) => b.items)).toHaveLength(500);
  });

  it('yields nothing for an empty file, and refuses a limit below one', async () => {
    expect(await collect(batchBulkGroups(groups([]), (g) => g.root))).toEqual([]);
    await expect(collect(batchBulkGroups(groups([1]), (g) => g.root, 0))).rejects.toThrow(
      RangeError,
    );
  });
});

describe('readAhead', () => {
  /** A source that records when each item is asked for and whether it was closed. */
  function source(items: number[], failAt?: number) {
    const log: string[] = [];
    async function* gen() {
      try {
        for (const item of items) {
          log.push(`read ${item}`);
          if (item === failAt) throw new Error(`read ${item} failed`);
          yield item;
        }
      } finally {
        log.push('closed');
      }
    }
    return { log, items: gen() };
  }

  it('hands out every item in order, having asked for the next before the caller works on one', async () => {
    const { log, items } = source([1, 2, 3]);
    for await (const item of readAhead(items)) {
      // Give the read-ahead its turn, as a database write would.
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.push(`wrote ${item}`);
    }
    // The source is read to its end (and closed) while the last item is still being written.
    expect(log).toEqual(['read 1', 'read 2', 'wrote 1', 'read 3', 'wrote 2', 'closed', 'wrote 3']);
  });

  it('closes the source when the caller stops early', async () => {
    const { log, items } = source([1, 2, 3, 4]);
    for await (const item of readAhead(items)) {
      if (item === 2) break;
    }
    expect(log.at(-1)).toBe('closed');
    expect(log).not.toContain('read 4');
  });

  it('passes a failed read on when the caller reaches it, after the items before it', async () => {
    const { items } = source([1, 2, 3], 2);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of readAhead(items)) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          seen.push(item);
        }
      })(),
    ).rejects.toThrow('read 2 failed');
    expect(seen).toEqual([1]);
  });
});
