// Reconciliation's cheap page of changed orders: ids and change times only; details are read one by one.
import { z } from 'zod';

/** Orders per page: cost 2 + 100 × 1 = 102 points, ids and times only. */
export const ORDERS_CHANGED_PAGE = 100;

/**
 * Orders matching `$query` (built by `bulkOrdersSearch`, e.g. `updated_at:>'2026-11-30T10:00:00Z'`),
 * oldest change first, a page at a time.
 */
export const ORDERS_CHANGED_QUERY = /* GraphQL */ `
  query TrackOrdersChanged($query: String!, $after: String) {
    orders(first: ${ORDERS_CHANGED_PAGE}, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        updatedAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const Gid = z.string().min(1).max(200);

/** `data` of ORDERS_CHANGED_QUERY. */
export const OrdersChangedDataSchema = z.object({
  orders: z.object({
    nodes: z.array(z.object({ id: Gid, updatedAt: z.string().max(64) })),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().max(1000).nullish() }),
  }),
});
export type OrdersChangedData = z.infer<typeof OrdersChangedDataSchema>;
