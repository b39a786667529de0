// Relay connections the way the Admin API pages them: first/last, after/before, sortKey, reverse.
import { GraphQLError } from 'graphql';

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
  sortKey?: string | null;
}

export interface Connection<T> {
  nodes: T[];
  edges: Array<{ node: T; cursor: string }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

type Row = Record<string, unknown>;

// Sort keys name a field of the node; the ones not listed keep the stored (ID) order.
const SORT_FIELDS: Record<string, string> = {
  CREATED_AT: 'createdAt',
  HAPPENED_AT: 'happenedAt',
  ORDER_NUMBER: 'number',
  PROCESSED_AT: 'processedAt',
  UPDATED_AT: 'updatedAt',
};

const idNumber = (row: Row): number => Number(String(row.id ?? '').replace(/\D/g, '')) || 0;

function sortValue(row: Row, key: string | null | undefined): string | number {
  const field = key ? SORT_FIELDS[key] : undefined;
  if (!field) return idNumber(row);
  const value = row[field];
  return typeof value === 'number' || typeof value === 'string' ? value : '';
}

// Shopify's cursors are opaque base64 JSON; ours carry the node's id and sort value the same way.
export function cursorOf(row: Row, key: string | null | undefined): string {
  const json = JSON.stringify({ last_id: idNumber(row), last_value: sortValue(row, key) });
  return Buffer.from(json).toString('base64');
}

function lastId(cursor: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (parsed && typeof parsed === 'object' && 'last_id' in parsed) {
      const id = (parsed as { last_id: unknown }).last_id;
      if (typeof id === 'number') return id;
    }
  } catch {
    // falls through to the error below
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, {
    extensions: { code: 'BAD_REQUEST' },
  });
}

/** Pages `rows` like an Admin connection field. Throws Shopify's error when no size is given. */
export function connection<T extends object>(
  rows: readonly T[],
  args: ConnectionArgs,
): Connection<T> {
  const { first, last, after, before, reverse, sortKey } = args;
  if (first == null && last == null) {
    throw new GraphQLError('you must provide one of first or last', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  const key = sortKey ?? null;
  const sorted = [...rows].sort((a, b) => {
    const x = sortValue(a as Row, key);
    const y = sortValue(b as Row, key);
    return x < y ? -1 : x > y ? 1 : idNumber(a as Row) - idNumber(b as Row);
  });
  if (reverse) sorted.reverse();

  let start = 0;
  let end = sorted.length;
  if (after) {
    const id = lastId(after);
    start = sorted.findIndex((r) => idNumber(r as Row) === id) + 1;
  }
  if (before) {
    const id = lastId(before);
    const at = sorted.findIndex((r) => idNumber(r as Row) === id);
    if (at >= 0) end = at;
  }
  let window = sorted.slice(start, Math.max(start, end));
  const beforeWindow = start;
  const afterWindow = sorted.length - Math.max(start, end);
  let hasNextPage = afterWindow > 0;
  let hasPreviousPage = beforeWindow > 0;
  if (first != null) {
    hasNextPage = hasNextPage || window.length > first;
    window = window.slice(0, Math.max(0, first));
  }
  if (last != null) {
    hasPreviousPage = hasPreviousPage || window.length > last;
    window = window.slice(Math.max(0, window.length - last));
  }
  const edges = window.map((node) => ({ node, cursor: cursorOf(node as Row, key) }));
  return {
    nodes: window,
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
