// The Admin emulator's writes and bulk reads: bulk query operations, fulfilment events, Flow triggers, Storefront tokens.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../src/core/ports.js';
import { connection } from './admin-connection.js';
import { type Args, SHOP, type Special } from './admin-resolvers.js';
import type { BulkOperations } from './bulk-operations.js';
import { findFulfillment, type OutgoingWebhook, recordFulfillmentEvent } from './order-actions.js';
import type { SeedOrder } from './seed-types.js';

export interface FlowTriggerCall {
  handle: string | null;
  payload: unknown;
  body: string | null;
  at: string;
}

export interface StorefrontTokenRecord {
  id: string;
  title: string;
  accessToken: string;
}

/** What the app wrote through the emulator, for tests and the demo's pages. */
export interface MutationRecords {
  flowTriggers: FlowTriggerCall[];
  storefrontTokens: StorefrontTokenRecord[];
  /** `fulfillmentEventCreate` calls that succeeded: fulfilment gid and event status. */
  fulfillmentEvents: Array<{ fulfillmentId: string; status: string }>;
}

export interface MutationDeps {
  orders: readonly SeedOrder[];
  bulk: BulkOperations;
  clock: Clock;
  /** The origin bulk file URLs are served from (the request's, unless the demo fixes one). */
  origin: () => string;
  /** Webhooks Shopify would send because of a write (e.g. `fulfillment_events/create`). */
  onWebhook?: (webhook: OutgoingWebhook) => void;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** `status:RUNNING`, `type:QUERY` terms of a `bulkOperations(query:)` search; other terms are ignored. */
function bulkFilter(query: unknown): (op: { status: string; type: string }) => boolean {
  const terms = typeof query === 'string' ? query.split(/\s+/) : [];
  const want = new Map<string, string>();
  for (const term of terms) {
    const [k, v] = term.split(':');
    if ((k === 'status' || k === 'operation_type') && v) want.set(k, v.toUpperCase());
  }
  return (op) =>
    (!want.has('status') || want.get('status') === op.status) &&
    (!want.has('operation_type') || want.get('operation_type') === op.type);
}

/** Resolvers by `Type.field` for `createFieldResolver`'s `extra`, and the records they keep. */
export function createMutationResolvers(deps: MutationDeps): {
  resolvers: Record<string, Special>;
  records: MutationRecords;
} {
  const records: MutationRecords = {
    flowTriggers: [],
    storefrontTokens: [],
    fulfillmentEvents: [],
  };
  const now = () => new Date(deps.clock());

  const resolvers: Record<string, Special> = {
    'QueryRoot.bulkOperation': (_s, args) => deps.bulk.get(String(args.id)),
    'QueryRoot.currentBulkOperation': (_s, args) =>
      args.type === 'MUTATION' ? null : deps.bulk.current(),
    'QueryRoot.bulkOperations': async (_s, args: Args) => {
      const all = (await deps.bulk.list()).filter(bulkFilter(args.query));
      return connection(all, {
        ...args,
        sortKey: args.sortKey === 'CREATED_AT' ? 'CREATED_AT' : null,
      });
    },
    'Mutation.bulkOperationRunQuery': (_s, args) =>
      deps.bulk.run(String(args.query), deps.origin()),
    'Mutation.bulkOperationCancel': (_s, args) => deps.bulk.cancel(String(args.id)),

    'Mutation.fulfillmentEventCreate': (_s, args) => {
      const input = isRecord(args.fulfillmentEvent) ? args.fulfillmentEvent : {};
      const found = findFulfillment(deps.orders, String(input.fulfillmentId));
      if (!found) {
        return {
          fulfillmentEvent: null,
          userErrors: [
            {
              field: ['fulfillmentEvent', 'fulfillmentId'],
              message: 'Fulfillment does not exist.',
            },
          ],
        };
      }
      const { event, webhooks } = recordFulfillmentEvent(
        found.order,
        found.fulfillment,
        {
          status: String(input.status),
          happenedAt: str(input.happenedAt),
          message: str(input.message),
          address1: str(input.address1),
          city: str(input.city),
          province: str(input.province),
          zip: str(input.zip),
          country: str(input.country),
          latitude: num(input.latitude),
          longitude: num(input.longitude),
          estimatedDeliveryAt: str(input.estimatedDeliveryAt),
        },
        now(),
      );
      records.fulfillmentEvents.push({ fulfillmentId: found.fulfillment.id, status: event.status });
      for (const w of webhooks) deps.onWebhook?.(w);
      return { fulfillmentEvent: event, userErrors: [] };
    },

    'Mutation.flowTriggerReceive': (_s, args) => {
      const handle = str(args.handle);
      const body = str(args.body);
      if (!handle && !body) {
        return { userErrors: [{ field: ['handle'], message: 'A trigger handle is required.' }] };
      }
      records.flowTriggers.push({
        handle,
        payload: args.payload ?? null,
        body,
        at: now().toISOString(),
      });
      return { userErrors: [] };
    },

    'Mutation.storefrontAccessTokenCreate': (_s, args) => {
      const title = isRecord(args.input) ? String(args.input.title) : '';
      const at = now().toISOString();
      const record: StorefrontTokenRecord = {
        id: `gid://shopify/StorefrontAccessToken/${records.storefrontTokens.length + 1}`,
        title,
        accessToken: randomBytes(16).toString('hex'),
      };
      records.storefrontTokens.push(record);
      return {
        shop: SHOP,
        storefrontAccessToken: {
          ...record,
          accessScopes: [
            {
              handle: 'unauthenticated_read_product_listings',
              description: 'Read products, variants, and collections',
            },
          ],
          createdAt: at,
          updatedAt: at,
        },
        userErrors: [],
      };
    },
  };
  return { resolvers, records };
}
