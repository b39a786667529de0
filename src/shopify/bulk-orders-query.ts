// The bulk operation that backfills the store: the mutation, the inner orders query, the status poll.

/** Orders older than this need the `read_all_orders` scope; without it the backfill stops here. */
export const DEFAULT_BACKFILL_DAYS = 60;

const DAY_MS = 86_400_000;

/**
 * Starts a bulk query. `groupObjects: true` is deliberate: since 2026-01 Shopify's default is false,
 * and ungrouped output may put an order's line items and events anywhere in the file. Grouped output
 * writes each order's children right after it, which lets src/sync/bulk-jsonl.ts hold one order at a
 * time (flat memory) instead of the whole file.
 */
export const BULK_ORDERS_RUN_MUTATION = /* GraphQL */ `
  mutation TrackBulkOrders($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: true) {
      bulkOperation {
        id
        status
        createdAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** Status of one bulk operation by id (polling, when the finish webhook is late or lost). */
export const BULK_OPERATION_QUERY = /* GraphQL */ `
  query TrackBulkOperation($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      createdAt
      completedAt
      objectCount
      rootObjectCount
      fileSize
      url
      partialDataUrl
    }
  }
`;

/**
 * The app's most recent bulk queries, newest first: after a crash, finds an operation still running
 * (`currentBulkOperation` is deprecated in 2026-10 in favour of this connection).
 */
export const RECENT_BULK_QUERIES_QUERY = /* GraphQL */ `
  query TrackRecentBulkQueries {
    bulkOperations(first: 5, query: "operation_type:query") {
      nodes {
        id
        status
        errorCode
        createdAt
        completedAt
        objectCount
        rootObjectCount
        url
      }
    }
  }
`;

/** Which orders a bulk query reads. */
export interface BulkOrdersFilter {
  /** Orders processed at or after this instant; null reads every order (needs `read_all_orders`). */
  processedSince: Date | null;
  /** Orders changed after this instant (reconciliation); null for no such limit. */
  updatedSince?: Date | null;
}

/**
 * Where a backfill starts: `days` before `now`, or null (all orders) when the shop granted
 * `read_all_orders`.
 */
export function backfillSince(
  now: number,
  readAllOrders: boolean,
  days = DEFAULT_BACKFILL_DAYS,
): Date | null {
  return readAllOrders ? null : new Date(now - days * DAY_MS);
}

// Only instants this code made reach the search string (never user input). Milliseconds are cut off:
// the earlier second only widens a `>=` or `>` window, and a re-read order is an idempotent upsert.
function isoSecond(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date in bulk orders filter');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The search string for `orders(query:)`, e.g. `processed_at:>='2026-10-01T00:00:00Z'`. */
export function bulkOrdersSearch(filter: BulkOrdersFilter): string {
  const terms: string[] = [];
  if (filter.processedSince) terms.push(`processed_at:>='${isoSecond(filter.processedSince)}'`);
  if (filter.updatedSince) terms.push(`updated_at:>'${isoSecond(filter.updatedSince)}'`);
  return terms.join(' AND ');
}

/**
 * The inner query of the backfill: every field a StoredOrder needs, plus `email` (fingerprinted on
 * ingest, never stored). Bulk rules (checked in tests): 5 connections (orders, lineItems,
 * fulfillmentOrders, events, fulfillmentLineItems), nested 2 deep at most (`fulfillments` is a list,
 * so its events sit inline under the order, one level below `orders`), no top-level node(s).
 * `sortKey: ID` asks for ascending ids; resumption does not rely on it (see bulk-jsonl.ts).
 *
 * @throws RangeError for an invalid date in the filter.
 */
export function bulkOrdersQuery(filter: BulkOrdersFilter): string {
  const search = bulkOrdersSearch(filter);
  const args = search ? `query: ${JSON.stringify(search)}, sortKey: ID` : 'sortKey: ID';
  return /* GraphQL */ `
{
  orders(${args}) {
    edges {
      node {
        id
        name
        confirmationNumber
        email
        processedAt
        updatedAt
        cancelledAt
        displayFinancialStatus
        displayFulfillmentStatus
        returnStatus
        customer {
          id
        }
        shippingAddress {
          countryCodeV2
        }
        lineItems {
          edges {
            node {
              id
              name
              quantity
              product {
                id
              }
            }
          }
        }
        fulfillmentOrders {
          edges {
            node {
              id
              status
              fulfillAt
              fulfillmentHolds {
                reason
              }
            }
          }
        }
        fulfillments {
          id
          status
          displayStatus
          createdAt
          updatedAt
          inTransitAt
          deliveredAt
          estimatedDeliveryAt
          trackingInfo {
            company
            number
            url
          }
          events {
            edges {
              node {
                id
                status
                happenedAt
                message
                city
                province
                country
                estimatedDeliveryAt
              }
            }
          }
          fulfillmentLineItems {
            edges {
              node {
                id
                quantity
                lineItem {
                  id
                  name
                }
              }
            }
          }
        }
      }
    }
  }
}
`;
}

/** The documents of this file (the inner query for a 60-day window), for schema validation. */
export const BULK_DOCUMENTS = {
  BULK_ORDERS_RUN_MUTATION,
  BULK_OPERATION_QUERY,
  RECENT_BULK_QUERIES_QUERY,
} as const;
