// The two-step live lookup: a cheap find by name, then one order's detail by id only when it matches.

/**
 * Finds candidate orders by a validated search string (`name:1001` or `confirmation_number:X`),
 * passed only as a variable. Carries just what decides a match: the exact name, the email (to
 * fingerprint or compare) and the customer. Requested cost 2 + 5 × (1 + 1) = 12 points.
 */
export const ORDER_FIND_QUERY = /* GraphQL */ `
  query TrackOrderFind($query: String!) {
    orders(first: 5, query: $query) {
      nodes {
        id
        name
        confirmationNumber
        email
        customer {
          id
        }
      }
    }
  }
`;

/**
 * One order by GID with everything the store keeps and the tracking view shows. Field names are
 * those of ORDER_LOOKUP_QUERY, so the answer is also a `ShopifyOrder` for orderToTrackingView;
 * the extra fields (ids, updatedAt, confirmationNumber, product, country) feed the store.
 * Sizes as the lookup query's: requested cost about 257 points (see order-find-cost.test.ts).
 */
export const ORDER_DETAIL_QUERY = /* GraphQL */ `
  query TrackOrderDetail($id: ID!) {
    order(id: $id) {
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
      lineItems(first: 25) {
        nodes {
          id
          name
          quantity
          product {
            id
          }
        }
      }
      fulfillments(first: 5) {
        id
        status
        displayStatus
        createdAt
        updatedAt
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
        fulfillmentLineItems(first: 10) {
          nodes {
            quantity
            lineItem {
              id
              name
            }
          }
        }
      }
      fulfillmentOrders(first: 5) {
        nodes {
          id
          status
          fulfillAt
          fulfillmentHolds {
            reason
          }
        }
      }
    }
  }
`;

/** The documents of this file, for schema validation and cost tests. */
export const ORDER_FIND_DOCUMENTS = { ORDER_FIND_QUERY, ORDER_DETAIL_QUERY } as const;
