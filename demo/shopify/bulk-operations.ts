// Bulk query operations for the Admin emulator: Shopify's limits on the query, CREATED→RUNNING→COMPLETED, and the JSONL file.
//
// The inner query is validated against the schema and executed with graphql-js over the emulator's
// own resolvers, a chunk of root objects at a time, so a shop of 100,000 orders never becomes one
// giant result or string. Output follows shopify.dev "Perform bulk operations with the GraphQL
// Admin API": one JSON object a line; each node of a nested connection on its own line after its
// parent with `__parentId` (the parent's `id`); lists and plain objects stay inline.
import {
  type DocumentNode,
  execute,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  parse,
  type SelectionSetNode,
  validate,
} from 'graphql';
import type { Clock } from '../../src/core/ports.js';

/** Shopify's limits on a bulk query (shopify.dev, bulkOperationRunQuery). */
export const MAX_BULK_CONNECTIONS = 5;
export const MAX_BULK_CONNECTION_DEPTH = 2;
/** Bulk queries an app may run at once per shop (API 2026-01 and later). */
export const MAX_CONCURRENT_BULK_QUERIES = 5;
/** Root objects executed per graphql-js pass and held as one chunk of the file. */
const ROOT_CHUNK = 500;

export interface BulkUserError {
  field: string[] | null;
  message: string;
  code: 'INVALID' | 'LIMIT_REACHED' | 'OPERATION_IN_PROGRESS';
}

interface Shape {
  /** Response key → what is under it. */
  fields: Map<string, ShapeField>;
}
interface ShapeField {
  connection: boolean;
  shape: Shape;
}

function shapeOf(
  schema: GraphQLSchema,
  type: GraphQLObjectType | null,
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  into: Shape = { fields: new Map() },
): Shape {
  if (!set) return into;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const key = sel.alias?.value ?? sel.name.value;
      const def = type?.getFields()[sel.name.value];
      const named = def ? getNamedType(def.type) : null;
      const childType = named && isObjectType(named) ? named : null;
      const existing = into.fields.get(key);
      const field: ShapeField = existing ?? {
        connection: !!named && named.name.endsWith('Connection') && isObjectType(named),
        shape: { fields: new Map() },
      };
      shapeOf(schema, childType, (sel as FieldNode).selectionSet, fragments, field.shape);
      into.fields.set(key, field);
    } else {
      const fragment = sel.kind === Kind.FRAGMENT_SPREAD ? fragments.get(sel.name.value) : sel;
      if (!fragment) continue;
      const on = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      const nextType = on && isObjectType(on) ? on : on && isAbstractType(on) ? null : type;
      shapeOf(schema, nextType, fragment.selectionSet, fragments, into);
    }
  }
  return into;
}

/** The node shape inside a connection: under `edges { node }` or `nodes`. */
function nodeShape(conn: Shape): Shape {
  return (
    conn.fields.get('edges')?.shape.fields.get('node')?.shape ??
    conn.fields.get('nodes')?.shape ?? { fields: new Map() }
  );
}

function connectionStats(shape: Shape, depth = 0): { count: number; depth: number } {
  let count = 0;
  let max = depth;
  for (const f of shape.fields.values()) {
    const inner = f.connection ? nodeShape(f.shape) : f.shape;
    const d = f.connection ? depth + 1 : depth;
    const s = connectionStats(inner, d);
    count += s.count + (f.connection ? 1 : 0);
    max = Math.max(max, s.depth);
  }
  return { count, depth: max };
}

export type CheckedBulkQuery =
  | { ok: true; document: DocumentNode; root: { key: string; field: string }; shape: Shape }
  | { ok: false; errors: BulkUserError[] };

const invalid = (message: string): CheckedBulkQuery => ({
  ok: false,
  errors: [{ field: ['query'], message, code: 'INVALID' }],
});

/**
 * Checks a bulk query as Shopify does before accepting it: a valid query operation, a connection at
 * the top, no top-level `node`/`nodes`, at most 5 connections nested at most 2 levels.
 */
export function checkBulkQuery(schema: GraphQLSchema, query: string): CheckedBulkQuery {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return invalid(`Invalid bulk query: ${(error as Error).message}`);
  }
  const errors = validate(schema, document);
  if (errors.length > 0) return invalid(`Invalid bulk query: ${errors[0]?.message ?? ''}`);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = operations[0];
  if (operations.length !== 1 || !op || op.operation !== 'query') {
    return invalid('Bulk queries must contain exactly one query operation.');
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  }
  const rootType = schema.getQueryType();
  const top = op.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
  if (top.some((f) => f.name.value === 'node' || f.name.value === 'nodes')) {
    return invalid("Bulk queries cannot contain a top level 'node' or 'nodes' field.");
  }
  const shape = shapeOf(schema, rootType ?? null, op.selectionSet, fragments);
  const roots = [...shape.fields.entries()].filter(([, f]) => f.connection);
  const root = roots[0];
  if (!root || top.length !== 1) {
    return invalid(
      'Bulk queries must have exactly one top level field, and it must be a connection.',
    );
  }
  const stats = connectionStats(shape);
  if (stats.count > MAX_BULK_CONNECTIONS) {
    return invalid(`Bulk queries cannot contain more than ${MAX_BULK_CONNECTIONS} connections.`);
  }
  if (stats.depth > MAX_BULK_CONNECTION_DEPTH) {
    return invalid(
      `Bulk queries cannot contain connections with a nesting depth greater than ${MAX_BULK_CONNECTION_DEPTH}.`,
    );
  }
  const field = top[0]?.name.value ?? root[0];
  return { ok: true, document, root: { key: root[0], field }, shape };
}

type Json = Record<string, unknown>;

function nodesOf(value: unknown): Json[] {
  if (typeof value !== 'object' || value === null) return [];
  const conn = value as { edges?: Array<{ node?: Json }>; nodes?: Json[] };
  if (Array.isArray(conn.edges)) return conn.edges.map((e) => e.node).filter((n): n is Json => !!n);
  return Array.isArray(conn.nodes) ? conn.nodes : [];
}

/** Lines for one node: itself (connections removed), then its connections' nodes, depth first. */
export function jsonlLines(
  node: Json,
  shape: Shape,
  parentId: string | null,
  out: string[],
): number {
  const line: Json = {};
  const nested: Array<[Json[], Shape]> = [];
  for (const [key, value] of Object.entries(node)) {
    const f = shape.fields.get(key);
    if (f?.connection) nested.push([nodesOf(value), nodeShape(f.shape)]);
    else line[key] = value;
  }
  if (parentId !== null) line.__parentId = parentId;
  out.push(JSON.stringify(line));
  let count = 1;
  const id = typeof node.id === 'string' ? node.id : null;
  for (const [children, childShape] of nested) {
    for (const child of children) count += jsonlLines(child, childShape, id, out);
  }
  return count;
}

export interface BulkFile {
  chunks: string[];
  objectCount: number;
  rootObjectCount: number;
  fileSize: number;
}

interface BulkContext {
  bulk: { start: number; size: number; total: number };
}

/**
 * Runs a checked bulk query over `resolver` and returns the JSONL file in chunks of lines.
 * Connections are given every row (Shopify ignores `first` in bulk queries); the top-level
 * connection is cut into chunks of `chunkSize` root objects, one graphql-js execution each.
 */
export async function writeBulkJsonl(
  schema: GraphQLSchema,
  checked: Extract<CheckedBulkQuery, { ok: true }>,
  resolver: GraphQLFieldResolver<unknown, unknown>,
  chunkSize = ROOT_CHUNK,
): Promise<BulkFile> {
  const everything = { first: Number.MAX_SAFE_INTEGER, last: null, after: null, before: null };
  type Connected = { nodes: unknown[] };
  let rootRows: unknown[] | null = null;
  const bulkResolver: GraphQLFieldResolver<unknown, BulkContext> = (
    source,
    args,
    context,
    info,
  ) => {
    const named = getNamedType(info.returnType);
    if (!named.name.endsWith('Connection')) return resolver(source, args, context, info);
    if (info.parentType !== schema.getQueryType()) {
      return resolver(source, { ...args, ...everything }, context, info);
    }
    // The root rows are searched and sorted once, then handed out a chunk per execution.
    rootRows ??= (resolver(source, { ...args, ...everything }, context, info) as Connected).nodes;
    const { bulk } = context;
    bulk.total = rootRows.length;
    const nodes = rootRows.slice(bulk.start, bulk.start + bulk.size);
    return { nodes, edges: nodes.map((node) => ({ node, cursor: '' })) };
  };
  const file: BulkFile = { chunks: [], objectCount: 0, rootObjectCount: 0, fileSize: 0 };
  const rootShape = nodeShape(
    checked.shape.fields.get(checked.root.key)?.shape ?? { fields: new Map() },
  );
  let start = 0;
  let total = 1;
  while (start < total) {
    const context: BulkContext = { bulk: { start, size: chunkSize, total: 0 } };
    const result = await execute({
      schema,
      document: checked.document,
      fieldResolver: bulkResolver as GraphQLFieldResolver<unknown, unknown>,
      contextValue: context,
      typeResolver: (value: unknown) =>
        typeof value === 'object' && value !== null && '__typename' in value
          ? String((value as { __typename: unknown }).__typename)
          : undefined,
    });
    if (result.errors?.length) throw new Error(result.errors[0]?.message ?? 'bulk query failed');
    total = context.bulk.total;
    const roots = nodesOf((result.data as Json | null)?.[checked.root.key]);
    const lines: string[] = [];
    for (const node of roots) file.objectCount += jsonlLines(node, rootShape, null, lines);
    file.rootObjectCount += roots.length;
    if (lines.length > 0) {
      const chunk = `${lines.join('\n')}\n`;
      file.chunks.push(chunk);
      file.fileSize += Buffer.byteLength(chunk);
    }
    start += chunkSize;
  }
  return file;
}

export interface BulkOperationView {
  id: string;
  status: string;
  errorCode: string | null;
  createdAt: string;
  completedAt: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string | null;
  partialDataUrl: string | null;
  query: string;
  type: 'QUERY';
}

interface BulkRecord {
  n: number;
  query: string;
  checked: Extract<CheckedBulkQuery, { ok: true }>;
  origin: string;
  createdAt: number;
  status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELING' | 'CANCELED';
  completedAt: number | null;
  file: BulkFile | null;
  work: Promise<void> | null;
}

export interface BulkOperationsOptions {
  schema: GraphQLSchema;
  resolver: GraphQLFieldResolver<unknown, unknown>;
  clock: Clock;
  /** How long an operation runs before it completes; the demo's default is 1.5 s. */
  durationMs?: number;
  /** Starts a timer that completes the operation even if nobody polls (so the finish webhook fires). */
  schedule?: (ms: number, run: () => void) => void;
  /** The first operation's number; shops sharing one origin start far apart so file URLs differ. */
  firstId?: number;
  /** Called once per operation that ends (COMPLETED, FAILED or CANCELED). */
  onFinish?: (op: BulkOperationView) => void;
}

export const BULK_FILE_PREFIX = '/bulk/';

export interface BulkOperations {
  run(
    query: string,
    origin: string,
  ): { bulkOperation: BulkOperationView | null; userErrors: BulkUserError[] };
  get(id: string): Promise<BulkOperationView | null>;
  /** The newest bulk query operation (what the deprecated `currentBulkOperation` returns). */
  current(): Promise<BulkOperationView | null>;
  list(): Promise<BulkOperationView[]>;
  cancel(id: string): Promise<{
    bulkOperation: BulkOperationView | null;
    userErrors: Array<{ field: string[]; message: string }>;
  }>;
  /** GET `/bulk/<n>.jsonl`: the file streamed chunk by chunk; 404 before completion. */
  handleFile(request: Request): Promise<Response>;
  readonly count: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function createBulkOperations(options: BulkOperationsOptions): BulkOperations {
  const duration = options.durationMs ?? 1500;
  const schedule =
    options.schedule ??
    ((ms: number, run: () => void) => {
      setTimeout(run, ms).unref();
    });
  const records = new Map<number, BulkRecord>();
  let next = options.firstId ?? 1;

  const view = (r: BulkRecord): BulkOperationView => ({
    id: `gid://shopify/BulkOperation/${r.n}`,
    status: r.status,
    errorCode: r.status === 'FAILED' ? 'INTERNAL_SERVER_ERROR' : null,
    createdAt: iso(r.createdAt) ?? '',
    completedAt: iso(r.completedAt),
    objectCount: String(r.file?.objectCount ?? 0),
    rootObjectCount: String(r.file?.rootObjectCount ?? 0),
    fileSize: r.file && r.status === 'COMPLETED' ? String(r.file.fileSize) : null,
    url:
      r.file && r.status === 'COMPLETED' && r.file.objectCount > 0
        ? `${r.origin}${BULK_FILE_PREFIX}${r.n}.jsonl`
        : null,
    partialDataUrl: null,
    query: r.query,
    type: 'QUERY',
  });

  const finish = (r: BulkRecord) => options.onFinish?.(view(r));

  /** Moves `r` along by the clock; the file is written when the run time is over. */
  function advance(r: BulkRecord): Promise<void> {
    if (r.status === 'CANCELING') {
      r.status = 'CANCELED';
      r.completedAt = options.clock();
      finish(r);
    }
    if (r.status !== 'CREATED' && r.status !== 'RUNNING') return r.work ?? Promise.resolve();
    r.status = 'RUNNING';
    if (options.clock() - r.createdAt < duration) return Promise.resolve();
    r.work ??= writeBulkJsonl(options.schema, r.checked, options.resolver).then(
      (file) => {
        if (r.status !== 'RUNNING') return;
        r.file = file;
        r.status = 'COMPLETED';
        r.completedAt = options.clock();
        finish(r);
      },
      () => {
        r.status = 'FAILED';
        r.completedAt = options.clock();
        finish(r);
      },
    );
    return r.work;
  }

  const byId = (id: string) => {
    const m = /^gid:\/\/shopify\/BulkOperation\/(\d+)$/.exec(id);
    return m ? records.get(Number(m[1])) : undefined;
  };
  const running = () =>
    [...records.values()].filter((r) => r.status === 'CREATED' || r.status === 'RUNNING');

  return {
    get count() {
      return records.size;
    },
    run(query, origin) {
      const checked = checkBulkQuery(options.schema, query);
      if (!checked.ok) return { bulkOperation: null, userErrors: checked.errors };
      for (const r of running()) void advance(r);
      if (running().length >= MAX_CONCURRENT_BULK_QUERIES) {
        return {
          bulkOperation: null,
          userErrors: [
            {
              field: null,
              message: `A maximum of ${MAX_CONCURRENT_BULK_QUERIES} bulk queries can run at the same time.`,
              code: 'LIMIT_REACHED',
            },
          ],
        };
      }
      const r: BulkRecord = {
        n: next++,
        query,
        checked,
        origin,
        createdAt: options.clock(),
        status: 'CREATED',
        completedAt: null,
        file: null,
        work: null,
      };
      records.set(r.n, r);
      schedule(duration, () => void advance(r));
      return { bulkOperation: view(r), userErrors: [] };
    },
    async get(id) {
      const r = byId(id);
      if (!r) return null;
      await advance(r);
      return view(r);
    },
    async current() {
      const r = [...records.values()].at(-1);
      if (!r) return null;
      await advance(r);
      return view(r);
    },
    async list() {
      await Promise.all([...records.values()].map(advance));
      return [...records.values()].map(view);
    },
    async cancel(id) {
      const r = byId(id);
      if (!r)
        return {
          bulkOperation: null,
          userErrors: [{ field: ['id'], message: 'Bulk operation does not exist' }],
        };
      if (r.status !== 'CREATED' && r.status !== 'RUNNING') {
        return {
          bulkOperation: view(r),
          userErrors: [
            {
              field: ['id'],
              message: `A bulk operation cannot be canceled when it is ${r.status.toLowerCase()}`,
            },
          ],
        };
      }
      r.status = 'CANCELING';
      return { bulkOperation: view(r), userErrors: [] };
    },
    async handleFile(request) {
      const m = /^\/bulk\/(\d+)\.jsonl$/.exec(new URL(request.url).pathname);
      const r = m ? records.get(Number(m[1])) : undefined;
      if (r) await advance(r);
      if (r?.status !== 'COMPLETED' || !r.file) {
        return new Response('Not Found', { status: 404 });
      }
      const chunks = r.file.chunks;
      let i = 0;
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const chunk = chunks[i++];
          if (chunk === undefined) controller.close();
          else controller.enqueue(encoder.encode(chunk));
        },
      });
      return new Response(request.method === 'HEAD' ? null : body, {
        headers: {
          'content-type': 'application/jsonl',
          'content-length': String(r.file.fileSize),
        },
      });
    },
  };
}
