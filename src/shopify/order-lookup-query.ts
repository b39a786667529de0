// Admin GraphQL documents the proxy sends. Validated against Shopify's published 2026-10 schema in tests.

/**
 * Finds orders by name token (`name:1001`) or by confirmation code (`confirmation_number:KX7P2M9QD`). `name:` is a token match (`#1001-A` also matches `1001`), so the caller
 * compares `Order.name` (or `Order.confirmationNumber`) exactly afterwards. The search string is only ever passed as a variable.
 *
 * Sizes keep the requested cost under Shopify's 1000-point ceiling for one query. Shopify charges
 * 2 per connection plus `first` × the node's cost (1 per object, nested objects included), so a
 * fulfillment line item with its `lineItem` costs 2, a line item with its `product` 2:
 * 3 × (2 + 52 + 5 × (1 + 3 + 12 + 22) + 12) + 2 = 770 points requested. demo/shopify/order-lookup-cost.test.ts recomputes it on the real schema.
 */
export const ORDER_LOOKUP_QUERY = /* GraphQL */ `
  query TrackOrderLookup($query: String!) {
    orders(first: 3, query: $query) {
      nodes {
        name
        confirmationNumber
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
            product {
              id
            }
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
          fulfillmentLineItems(first: 10) {
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
