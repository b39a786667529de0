// Groups streamed bulk orders into write batches of bounded size, each with the position to commit after it.
import type { BulkGroup, BulkPosition } from './bulk-jsonl.js';

/** PGlite has one connection: a transaction holding it must stay short. */
export const DEFAULT_BATCH_LINES = 1000;

/** Orders to write in one transaction, and where a restart resumes once it is committed. */
export interface BulkBatch<T> {
  items: T[];
  /** JSONL lines the batch was read from (each order's line plus its child lines). */
  lines: number;
  /** The last order's `next`: commit it in the same transaction as the items. */
  next: BulkPosition;
}

/**
 * Collects groups into batches of at most `maxLines` JSONL lines, whole orders only: an order is
 * never split across two transactions, and an order larger than `maxLines` is a batch of its own.
 * `map` turns each group into what is written (e.g. `bulkGroupToStored`).
 *
 * @throws RangeError when `maxLines` is not a positive integer.
 */
export async function* batchBulkGroups<Root, Child, T>(
  groups: AsyncIterable<BulkGroup<Root, Child>>,
  map: (group: BulkGroup<Root, Child>) => T,
  maxLines = DEFAULT_BATCH_LINES,
): AsyncGenerator<BulkBatch<T>> {
  if (!Number.isInteger(maxLines) || maxLines < 1) {
    throw new RangeError('maxLines must be a positive integer');
  }
  let batch: BulkBatch<T> | null = null;
  for await (const group of groups) {
    const lines = 1 + group.children.length;
    if (batch && batch.lines + lines > maxLines) {
      yield batch;
      batch = null;
    }
    batch ??= { items: [], lines: 0, next: group.next };
    batch.items.push(map(group));
    batch.lines += lines;
    batch.next = group.next;
  }
  if (batch) yield batch;
}

/**
 * Yields what `source` yields, asking it for the next item as soon as one is handed out: while the
 * caller writes a batch to the database (another process, for Postgres), the next batch is read and
 * parsed. At most one item is held ahead. Stopping early ends `source` too.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  // Marked handled: a read that fails while the caller is busy is rethrown when awaited below.
  pending.catch(() => undefined);
  let finished = false;
  try {
    for (;;) {
      const result = await pending;
      if (result.done) {
        finished = true;
        return;
      }
      pending = iterator.next();
      pending.catch(() => undefined);
      yield result.value;
    }
  } finally {
    if (!finished) {
      await pending.catch(() => undefined);
      await iterator.return?.();
    }
  }
}
