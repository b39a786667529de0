// Admin GraphQL documents the proxy sends. Validated against Shopify's published 2026-10 schema in tests.

/**
 * Finds orders by name token. `name:` is a token match (`#1001-A` also matches `1001`), so the caller
 * compares `Order.name` exactly afterwards. The search string is only ever passed as a variable.
 *
 * Sizes keep the requested cost well under Shopify's 1000-point ceiling: about 3 × (1 + 25 + 5 ×
 * (1 + 10 + 25) + 5 × 2) ≈ 650 points in the worst case; real orders cost far less.
 */
export const ORDER_LOOKUP_QUERY = /* GraphQL */ `
  query TrackOrderLookup($query: String!) {
    orders(first: 3, query: $query) {
      nodes {
        name
        email
        processedAt
        cancelledAt
        displayFinancialStatus
        displayFulfillmentStatus
        returnStatus
        customer {
          id
        }
        lineItems(first: 25) {
          nodes {
            name
            quantity
          }
        }
        fulfillments(first: 5) {
          status
          displayStatus
          createdAt
          inTransitAt
          deliveredAt
          estimatedDeliveryAt
          trackingInfo(first: 3) {
            company
            number
            url
          }
          events(first: 10, sortKey: HAPPENED_AT, reverse: true) {
            nodes {
              status
              happenedAt
              message
              city
              province
              country
            }
          }
          fulfillmentLineItems(first: 25) {
            nodes {
              quantity
              lineItem {
                name
              }
            }
          }
        }
        fulfillmentOrders(first: 5) {
          nodes {
            status
            fulfillAt
            fulfillmentHolds {
              reason
            }
          }
        }
      }
    }
  }
`;

/** A logged-in customer's recent orders (GET /proxy/orders). `$id` is a Customer GID. */
export const CUSTOMER_ORDERS_QUERY = /* GraphQL */ `
  query TrackCustomerOrders($id: ID!) {
    customer(id: $id) {
      orders(first: 10, sortKey: PROCESSED_AT, reverse: true) {
        nodes {
          name
          processedAt
          cancelledAt
          displayFinancialStatus
          displayFulfillmentStatus
        }
      }
    }
  }
`;

/** Every GraphQL document the project sends, for schema validation. */
export const ALL_ADMIN_DOCUMENTS = {
  ORDER_LOOKUP_QUERY,
  CUSTOMER_ORDERS_QUERY,
} as const;
