// A local Admin GraphQL API on Shopify's real 2026-10 schema, answering from seeded orders.
//
// Mount `handle` (a web-standard fetch handler) at any origin and point SHOPIFY_ADMIN_ENDPOINT at
// `<origin>/admin/api/2026-10/graphql.json`. It answers like Shopify: POST only, header
// `X-Shopify-Access-Token`, parse and validation errors as graphql-js reports them, cost in
// `extensions.cost`, a leaky bucket (THROTTLED when empty) and MAX_COST_EXCEEDED over 1000 points.
//
// Faults for tests and the demo, set with `fault(...)` or over HTTP:
//   POST /admin/__emulator/fault   body: a Fault as JSON, or `null` to clear      → 204
//     {"kind":"throttle","count":2}                 THROTTLED answers (the bucket is untouched)
//     {"kind":"status","status":503,"retryAfter":1} that HTTP status (429, 500, 502, 503)
//     {"kind":"slow","ms":1500}                      answers after a delay
//     {"kind":"malformed"}                           a cut-off JSON body
//   `count` limits a fault to that many GraphQL requests; without it, it lasts until cleared.
//   GET  /admin/__emulator/state   → {"calls","fault","throttleStatus","fulfillmentEvents","flowTriggers"}
//   POST /admin/__emulator/reset   → calls 0, bucket full, no fault                → 204
//
// Writes: bulkOperationRunQuery/Cancel (the JSONL file at GET `/bulk/<n>.jsonl` on the same origin),
// fulfillmentEventCreate, flowTriggerReceive and storefrontAccessTokenCreate; see admin-mutations.ts.
import {
  type DocumentNode,
  execute,
  type GraphQLFormattedError,
  getOperationAST,
  getVariableValues,
  parse,
  validate,
} from 'graphql';
import type { Clock } from '../../src/core/ports.js';
import { loadAdminSchema } from '../../src/shopify/admin-schema.js';
import { ADMIN_API_VERSION } from '../../src/shopify/api-version.js';
import { type BucketOptions, createLeakyBucket } from './admin-bucket.js';
import { actualCost, requestedCost } from './admin-cost.js';
import {
  type CostExtension,
  type Fault,
  FaultSchema,
  jsonResponse,
  malformedResponse,
  type ParsedFault,
  RATE_LIMIT_DOCS,
  statusResponse,
  throttledResponse,
} from './admin-faults.js';
import { createMutationResolvers, type MutationRecords } from './admin-mutations.js';
import { createFieldResolver, createStore, SHOP, typeResolver } from './admin-resolvers.js';
import { dateSearchResolvers } from './admin-search-dates.js';
import { BULK_FILE_PREFIX, type BulkOperations, createBulkOperations } from './bulk-operations.js';
import { type OnlineStoreOptions, onlineStoreResolvers } from './online-store.js';
import type { OutgoingWebhook } from './order-actions.js';
import type { SeedOrder } from './seed-types.js';
import { bulkOperationsFinishPayload } from './webhook-payloads.js';

export type { Fault } from './admin-faults.js';

export const ADMIN_GRAPHQL_PATH = `/admin/api/${ADMIN_API_VERSION}/graphql.json`;
export const EMULATOR_FAULT_PATH = '/admin/__emulator/fault';
export const EMULATOR_STATE_PATH = '/admin/__emulator/state';
export const EMULATOR_RESET_PATH = '/admin/__emulator/reset';

/** Shopify refuses any single query whose requested cost is above this. */
export const MAX_QUERY_COST = 1000;

export interface AdminEmulatorOptions {
  orders: readonly SeedOrder[];
  /** A fixed token always accepted (the demo's pre-issued token); optional when `isValidToken` is given. */
  accessToken?: string;
  /** Tokens issued by the local token endpoint (see access-tokens.ts), checked for `shop`. */
  isValidToken?: (token: string, shop: string) => boolean;
  /** The shop this emulator answers for; Shop.myshopifyDomain unless told. */
  shop?: string;
  /** Number of the first bulk operation (1 by default); see BulkOperationsOptions.firstId. */
  bulkFirstId?: number;
  /** How long a bulk operation runs before it completes (1.5 s by default). */
  bulkDurationMs?: number;
  /** Timer for bulk completion; injected so tests control when the finish webhook fires. */
  schedule?: (ms: number, run: () => void) => void;
  /** Origin of bulk file URLs; the origin of the request that started the operation by default. */
  publicOrigin?: string;
  /** Webhooks Shopify would send after a write or a finished bulk operation. */
  onWebhook?: (webhook: OutgoingWebhook) => void;
  clock?: Clock;
  /** Standard plan by default: 2000 points, 100 restored per second. */
  bucket?: BucketOptions;
  /** Shopify's single-query ceiling unless told otherwise. */
  maxQueryCost?: number;
  /** How `slow` faults wait; injected so tests need no real time. */
  sleep?: (ms: number) => Promise<void>;
  /** The storefront's address and themes (`Shop.primaryDomain`, `themes`); none unless given. */
  onlineStore?: OnlineStoreOptions;
}

export interface AdminEmulator {
  handle(request: Request): Promise<Response>;
  fault(f: Fault | null): void;
  /** GraphQL requests received at the Admin path, whatever their outcome. */
  readonly calls: number;
  /** `extensions.cost` of the last answer that carried one. */
  readonly lastCost: CostExtension | null;
  /** Back to a fresh state: no calls counted, full bucket, no fault. */
  reset(): void;
  readonly bulk: BulkOperations;
  /** Flow trigger calls, Storefront tokens and fulfilment events the app created. */
  readonly records: MutationRecords;
}

type Parsed = { document: DocumentNode } | { errors: GraphQLFormattedError[] };

const DOCUMENT_CACHE_SIZE = 200;
// Validating against the full Admin schema takes milliseconds, so each distinct query is checked once.
const documents = new Map<string, Parsed>();

function parsed(query: string): Parsed {
  const hit = documents.get(query);
  if (hit) return hit;
  let result: Parsed;
  try {
    const document = parse(query);
    const errors = validate(loadAdminSchema(), document);
    result = errors.length > 0 ? { errors: errors.map((e) => e.toJSON()) } : { document };
  } catch (error) {
    const e = error as { toJSON?: () => GraphQLFormattedError; message?: string };
    result = { errors: [e.toJSON ? e.toJSON() : { message: String(e.message) }] };
  }
  if (documents.size >= DOCUMENT_CACHE_SIZE) {
    const oldest = documents.keys().next().value;
    if (oldest !== undefined) documents.delete(oldest);
  }
  documents.set(query, result);
  return result;
}

interface Body {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | null;
}

async function readBody(request: Request): Promise<Body | null> {
  const type = request.headers.get('content-type') ?? '';
  const text = await request.text();
  if (type.includes('application/graphql'))
    return { query: text, variables: {}, operationName: null };
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return null;
    const { query, variables, operationName } = body as Record<string, unknown>;
    if (typeof query !== 'string' || query.trim() === '') return null;
    return {
      query,
      variables:
        typeof variables === 'object' && variables !== null ? (variables as Body['variables']) : {},
      operationName: typeof operationName === 'string' ? operationName : null,
    };
  } catch {
    return null;
  }
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createAdminEmulator(options: AdminEmulatorOptions): AdminEmulator {
  const schema = loadAdminSchema();
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const bucket = createLeakyBucket(
    options.bucket ?? { maximumAvailable: 2000, restoreRate: 100 },
    clock,
  );
  const maxCost = options.maxQueryCost ?? MAX_QUERY_COST;
  const store = createStore(options.orders);
  const shop = options.shop ?? SHOP.myshopifyDomain;
  let requestOrigin = options.publicOrigin ?? 'http://localhost';
  const dateSearch = dateSearchResolvers(options.orders);
  const bulk = createBulkOperations({
    schema,
    resolver: createFieldResolver(store, dateSearch),
    clock,
    durationMs: options.bulkDurationMs,
    firstId: options.bulkFirstId,
    schedule: options.schedule,
    onFinish: (op) =>
      options.onWebhook?.({
        topic: 'bulk_operations/finish',
        payload: bulkOperationsFinishPayload(op),
      }),
  });
  const mutations = createMutationResolvers({
    orders: options.orders,
    bulk,
    clock,
    origin: () => requestOrigin,
    onWebhook: options.onWebhook,
  });
  const onlineStore = options.onlineStore ? onlineStoreResolvers(options.onlineStore) : {};
  const fieldResolver = createFieldResolver(store, {
    ...dateSearch,
    ...onlineStore,
    ...mutations.resolvers,
  });
  const authorized = (token: string | null) =>
    token !== null &&
    ((options.accessToken !== undefined && token === options.accessToken) ||
      (options.isValidToken?.(token, shop) ?? false));
  let calls = 0;
  let lastCost: CostExtension | null = null;
  let active: { fault: NonNullable<ParsedFault>; left: number } | null = null;

  const setFault = (f: ParsedFault) => {
    active = f ? { fault: f, left: f.count ?? Number.POSITIVE_INFINITY } : null;
  };

  const takeFault = () => {
    if (!active) return null;
    const { fault } = active;
    active.left -= 1;
    if (active.left <= 0) active = null;
    return fault;
  };

  const withCost = (requested: number, actual: number | null): CostExtension => {
    lastCost = {
      requestedQueryCost: requested,
      actualQueryCost: actual,
      throttleStatus: bucket.status(),
    };
    return lastCost;
  };

  async function control(request: Request, path: string): Promise<Response> {
    if (path === EMULATOR_STATE_PATH && request.method === 'GET') {
      return jsonResponse(200, {
        calls,
        fault: active?.fault ?? null,
        throttleStatus: bucket.status(),
        // What the app wrote: fulfilment events (write-back) and Flow triggers fired.
        fulfillmentEvents: mutations.records.fulfillmentEvents,
        flowTriggers: mutations.records.flowTriggers.map((t) => ({ handle: t.handle, at: t.at })),
      });
    }
    if (path === EMULATOR_RESET_PATH && request.method === 'POST') {
      emulator.reset();
      return new Response(null, { status: 204 });
    }
    if (path === EMULATOR_FAULT_PATH && request.method === 'POST') {
      let body: unknown;
      try {
        body = JSON.parse(await request.text());
      } catch {
        return jsonResponse(400, { errors: 'Body must be a JSON fault or null' });
      }
      const result = FaultSchema.safeParse(body);
      if (!result.success) return jsonResponse(400, { errors: result.error.issues });
      setFault(result.data);
      return new Response(null, { status: 204 });
    }
    return jsonResponse(404, { errors: 'Not Found' });
  }

  async function graphql(request: Request): Promise<Response> {
    const fault = takeFault();
    if (fault?.kind === 'slow') await sleep(fault.ms);
    if (fault?.kind === 'status') return statusResponse(fault.status, fault.retryAfter);
    if (fault?.kind === 'malformed') return malformedResponse();

    const body = await readBody(request);
    if (!body)
      return jsonResponse(400, { errors: { query: 'Required parameter missing or invalid' } });
    const doc = parsed(body.query);
    if ('errors' in doc) return jsonResponse(200, { errors: doc.errors });

    if (!options.publicOrigin) requestOrigin = new URL(request.url).origin;
    const run = () =>
      execute({
        schema,
        document: doc.document,
        variableValues: body.variables,
        operationName: body.operationName,
        fieldResolver,
        typeResolver,
      });
    const operation = getOperationAST(doc.document, body.operationName);
    const coerced = operation
      ? getVariableValues(schema, operation.variableDefinitions ?? [], body.variables)
      : null;
    if (!operation || !coerced || coerced.errors) {
      // Let graphql-js word the error (unknown operation name, bad variables) as it always does.
      const result = await run();
      return jsonResponse(200, { errors: result.errors?.map((e) => e.toJSON()) ?? [] });
    }

    const requested = requestedCost(schema, doc.document, operation, coerced.coerced);
    if (fault?.kind === 'throttle') {
      const cost = withCost(requested, null);
      return throttledResponse({
        ...cost,
        throttleStatus: { ...cost.throttleStatus, currentlyAvailable: 0 },
      });
    }
    if (requested > maxCost) {
      return jsonResponse(200, {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${maxCost}).`,
            extensions: {
              code: 'MAX_COST_EXCEEDED',
              cost: requested,
              maxCost,
              documentation: RATE_LIMIT_DOCS,
            },
          },
        ],
        extensions: { cost: withCost(requested, null) },
      });
    }
    if (!bucket.take(requested)) return throttledResponse(withCost(requested, null));

    const result = await run();
    const actual = Math.min(
      requested,
      actualCost(schema, doc.document, operation, coerced.coerced, result.data),
    );
    bucket.refund(requested - actual);
    const answer: Record<string, unknown> = {};
    if (result.errors) answer.errors = result.errors.map((e) => e.toJSON());
    answer.data = result.data ?? null;
    answer.extensions = { cost: withCost(requested, actual) };
    return jsonResponse(200, answer);
  }

  const emulator: AdminEmulator = {
    async handle(request) {
      const path = new URL(request.url).pathname;
      if (path.startsWith('/admin/__emulator/')) return control(request, path);
      if (
        path.startsWith(BULK_FILE_PREFIX) &&
        (request.method === 'GET' || request.method === 'HEAD')
      ) {
        return bulk.handleFile(request);
      }
      if (path !== ADMIN_GRAPHQL_PATH) {
        return jsonResponse(404, { errors: 'Not Found' });
      }
      if (request.method !== 'POST') {
        return jsonResponse(405, { errors: 'Method Not Allowed' }, { allow: 'POST' });
      }
      calls += 1;
      if (!authorized(request.headers.get('x-shopify-access-token'))) {
        return jsonResponse(401, {
          errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
        });
      }
      return graphql(request);
    },
    fault(f) {
      const result = FaultSchema.safeParse(f);
      if (!result.success) throw new Error(`Invalid emulator fault: ${result.error.message}`);
      setFault(result.data);
    },
    get calls() {
      return calls;
    },
    get lastCost() {
      return lastCost;
    },
    bulk,
    records: mutations.records,
    reset() {
      calls = 0;
      lastCost = null;
      active = null;
      bucket.reset();
    },
  };
  return emulator;
}
