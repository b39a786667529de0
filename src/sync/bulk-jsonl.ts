// Streams a bulk operation's JSONL file into whole objects (a parent line + its `__parentId` lines), in flat memory.
import type { z } from 'zod';
import type { Logger } from '../core/ports.js';
import { silentLogger } from '../core/ports.js';

/**
 * A place in the file: `line` lines and `byteOffset` bytes come before it. The position after a
 * group is where the next top-level line starts, so it is a safe point to resume from.
 */
export interface BulkPosition {
  line: number;
  byteOffset: number;
}

/** One top-level object with every child line that belongs to it, in file order. */
export interface BulkGroup<Root, Child> {
  root: Root;
  children: Child[];
  /** 1-based line number of the root line. */
  rootLine: number;
  /** Commit this with the group's data: a restart resumes here (see `start` and `skipUntil`). */
  next: BulkPosition;
}

/** Why lines were skipped; reported at the end of the file. */
export interface BulkReadSummary {
  lines: number;
  groups: number;
  invalidJson: number;
  invalidShape: number;
  /** Child lines whose parent is not the current object (a skipped parent, or ungrouped output). */
  orphans: number;
  tooLong: number;
}

export interface BulkReadOptions<Root, Child> {
  rootSchema: z.ZodType<Root>;
  childSchema: z.ZodType<Child>;
  logger?: Logger;
  /**
   * Where in the file the given stream begins: after a crash, fetch the file with
   * `Range: bytes={next.byteOffset}-` and pass the committed `next` here, so line numbers and
   * offsets stay those of the whole file.
   */
  start?: BulkPosition;
  /**
   * When the download cannot start mid-file (no Range support), pass the committed
   * `next.byteOffset` here instead: the bytes before it are counted and dropped unread.
   */
  skipUntil?: number;
  /** Longest line accepted, in bytes; a longer one is dropped without being held whole. */
  maxLineBytes?: number;
}

/** A line longer than this is not an order of ours (ours are a few kB); 8 MiB leaves ample room. */
export const DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** A fetched body (`response.body`), a Node stream, or any (async) iterable of byte chunks. */
export type ByteSource =
  | AsyncIterable<Uint8Array>
  | Iterable<Uint8Array>
  | ReadableStream<Uint8Array>;

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if ('getReader' in source) {
    const reader = source.getReader();
    let finished = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          finished = true;
          return;
        }
        yield value;
      }
    } finally {
      // A reader that stops early (a crash, a shutdown) also stops the download.
      if (!finished) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }
  yield* source;
}

interface RawLine {
  /** 1-based. */
  number: number;
  /** Offset of the line's first byte. */
  start: number;
  /** Offset just past its newline (or the end of the file). */
  end: number;
  /** null when the line was too long to keep. */
  bytes: Uint8Array | null;
}

/** Splits bytes into lines at LF, tracking offsets; a line's bytes are joined only once it is whole. */
async function* linesOf(
  source: ByteSource,
  start: BulkPosition,
  skipUntil: number,
  maxLineBytes: number,
): AsyncGenerator<RawLine> {
  let offset = start.byteOffset;
  let lineNumber = start.line;
  let lineStart = offset;
  let parts: Uint8Array[] = [];
  let held = 0;
  let tooLong = false;

  const finish = (end: number): RawLine => {
    lineNumber += 1;
    let bytes: Uint8Array | null = null;
    if (!tooLong) {
      bytes = parts.length === 1 ? (parts[0] as Uint8Array) : concat(parts, held);
    }
    const line = { number: lineNumber, start: lineStart, end, bytes };
    parts = [];
    held = 0;
    tooLong = false;
    lineStart = end;
    return line;
  };

  for await (let chunk of chunksOf(source)) {
    if (offset < skipUntil) {
      const drop = Math.min(chunk.length, skipUntil - offset);
      for (let i = 0; i < drop; i++) if (chunk[i] === NEWLINE) lineNumber += 1;
      offset += drop;
      lineStart = offset;
      chunk = chunk.subarray(drop);
      if (chunk.length === 0) continue;
    }
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, from);
      const piece = chunk.subarray(from, nl === -1 ? chunk.length : nl);
      if (!tooLong) {
        if (held + piece.length > maxLineBytes) {
          tooLong = true;
          parts = [];
          held = 0;
        } else if (piece.length > 0) {
          // Copied: the source may reuse its chunk buffer once we ask for the next one.
          parts.push(piece.slice());
          held += piece.length;
        }
      }
      if (nl === -1) break;
      yield finish(offset + nl + 1);
      from = nl + 1;
    }
    offset += chunk.length;
  }
  // The last line may have no newline.
  if (held > 0 || tooLong) yield finish(offset);
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function decodeLine(bytes: Uint8Array): string | undefined {
  const end =
    bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : undefined;
  try {
    return decoder.decode(end === undefined ? bytes : bytes.subarray(0, end));
  } catch {
    return undefined;
  }
}

/**
 * The ids a later line may name as `__parentId`: the line's own `id`, and the ids of objects in its
 * list fields, which the bulk file writes inline (an order's `fulfillments`, whose events and
 * fulfilled lines come as lines of their own). Nested single objects (`customer`) are not parents.
 */
function parentIdsIn(value: object, into: Set<string>): void {
  for (const [key, v] of Object.entries(value)) {
    if (key === 'id' && typeof v === 'string') into.add(v);
    else if (Array.isArray(v)) {
      for (const item of v) {
        const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
        if (typeof id === 'string') into.add(id);
      }
    }
  }
}

interface Open<Root, Child> {
  root: Root | null;
  ids: Set<string>;
  children: Child[];
  rootLine: number;
}

/**
 * Reads a bulk JSONL file one top-level object at a time. Each line is `JSON.parse`d and
 * `safeParse`d (unknown fields are dropped by the schemas); a line that fails either, is not valid
 * UTF-8, is longer than `maxLineBytes`, or is a child whose parent is not the current object is
 * logged by line number only (lines hold personal data) and skipped. Nothing is fatal but an error
 * of the byte source itself, which is passed on.
 *
 * Requires grouped output (`groupObjects: true`): a child comes after its parent and before the
 * next top-level line. A group is yielded when the next top-level line starts or the file ends.
 * Memory holds one group and one line, whatever the file's size.
 *
 * Resuming: commit `next` with each stored group. After a crash, restart from the committed
 * position with `start` (ranged download) or `skipUntil` (full download). Positions are exact
 * because the result file never changes during its 7 days. Once it has expired, the backfill runs a
 * new bulk query instead and every order is upserted by GID, so nothing is duplicated; resuming by
 * "skip GIDs up to the last committed" is not used, because Shopify does not document that a bulk
 * query's `sortKey` orders its file.
 *
 * @returns the summary of lines read and skipped (also logged as `bulk_jsonl_done`).
 */
export async function* readBulkGroups<Root, Child>(
  source: ByteSource,
  options: BulkReadOptions<Root, Child>,
): AsyncGenerator<BulkGroup<Root, Child>, BulkReadSummary> {
  const logger = options.logger ?? silentLogger;
  const start = options.start ?? { line: 0, byteOffset: 0 };
  const summary: BulkReadSummary = {
    lines: 0,
    groups: 0,
    invalidJson: 0,
    invalidShape: 0,
    orphans: 0,
    tooLong: 0,
  };
  const skip = (line: number, reason: 'invalidJson' | 'invalidShape' | 'orphans' | 'tooLong') => {
    summary[reason] += 1;
    logger.warn({ event: 'bulk_jsonl_line_skipped', line, reason });
  };
  let open: Open<Root, Child> | null = null;
  let lastLine = start.line;
  let lastEnd = start.byteOffset;

  for await (const raw of linesOf(
    source,
    start,
    options.skipUntil ?? 0,
    options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
  )) {
    summary.lines += 1;
    if (raw.bytes === null) {
      skip(raw.number, 'tooLong');
      lastLine = raw.number;
      lastEnd = raw.end;
      continue;
    }
    const text = decodeLine(raw.bytes);
    if (text !== undefined && (text === '' || /^\s*$/.test(text))) {
      lastLine = raw.number;
      lastEnd = raw.end;
      continue;
    }
    let value: unknown;
    try {
      value = text === undefined ? undefined : JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      skip(raw.number, 'invalidJson');
    } else if (!('__parentId' in value)) {
      // A new top-level line: the open group is complete.
      if (open?.root != null) {
        summary.groups += 1;
        yield {
          root: open.root,
          children: open.children,
          rootLine: open.rootLine,
          next: { line: raw.number - 1, byteOffset: raw.start },
        };
      }
      const parsed = options.rootSchema.safeParse(value);
      if (!parsed.success) skip(raw.number, 'invalidShape');
      const ids = new Set<string>();
      if (parsed.success) parentIdsIn(value, ids);
      open = {
        root: parsed.success ? parsed.data : null,
        ids,
        children: [],
        rootLine: raw.number,
      };
    } else {
      const parentId = (value as { __parentId: unknown }).__parentId;
      if (!open?.root || typeof parentId !== 'string' || !open.ids.has(parentId)) {
        skip(raw.number, 'orphans');
      } else {
        const parsed = options.childSchema.safeParse(value);
        if (!parsed.success) {
          skip(raw.number, 'invalidShape');
        } else {
          open.children.push(parsed.data);
          parentIdsIn(value, open.ids);
        }
      }
    }
    lastLine = raw.number;
    lastEnd = raw.end;
  }
  if (open?.root != null) {
    summary.groups += 1;
    yield {
      root: open.root,
      children: open.children,
      rootLine: open.rootLine,
      next: { line: lastLine, byteOffset: lastEnd },
    };
  }
  logger.info({ event: 'bulk_jsonl_done', ...summary });
  return summary;
}
