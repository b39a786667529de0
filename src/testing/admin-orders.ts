// Test helper: Admin API order nodes as Shopify returns them, including personal and staff-only data.

/** Strings that must never reach a shopper; every one is planted in the order below. */
export const PRIVATE_STRINGS = [
  'Kari',
  'Nordmann',
  'kari.nordmann@example.com',
  '+4712345678',
  'Storgata 1',
  'Oslo Billing 9',
  '0150',
  'VIP-staff-tag',
  'Staff note: refund risk',
  'Staff comment: call the customer',
  'gid://shopify/Customer/7001',
  'risk-level-high',
  'Acme AS',
];

export const ORDER_EMAIL = 'kari.nordmann@example.com';

export function adminOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '#1001',
    confirmationNumber: 'KX7P2M9QD',
    email: ORDER_EMAIL,
    phone: '+4712345678',
    note: 'Staff note: refund risk',
    tags: ['VIP-staff-tag'],
    processedAt: '2026-11-20T10:00:00Z',
    cancelledAt: null,
    displayFinancialStatus: 'PAID',
    displayFulfillmentStatus: 'FULFILLED',
    returnStatus: 'NO_RETURN',
    riskLevel: 'risk-level-high',
    customer: {
      id: 'gid://shopify/Customer/7001',
      firstName: 'Kari',
      lastName: 'Nordmann',
      email: ORDER_EMAIL,
      phone: '+4712345678',
    },
    shippingAddress: {
      name: 'Kari Nordmann',
      address1: 'Storgata 1',
      zip: '0150',
      company: 'Acme AS',
    },
    billingAddress: { address1: 'Oslo Billing 9', zip: '0150' },
    events: { nodes: [{ message: 'Staff comment: call the customer' }] },
    lineItems: { nodes: [{ name: 'Wool socks', quantity: 2, sku: 'Staff note: refund risk' }] },
    fulfillments: [
      {
        status: 'SUCCESS',
        displayStatus: 'IN_TRANSIT',
        createdAt: '2026-11-21T09:00:00Z',
        inTransitAt: '2026-11-21T12:00:00Z',
        deliveredAt: null,
        estimatedDeliveryAt: '2026-11-27T12:00:00Z',
        trackingInfo: [
          {
            company: 'Bring',
            number: '70712345678901234',
            url: 'https://tracking.bring.com/tracking/70712345678901234',
          },
        ],
        events: {
          nodes: [
            {
              status: 'IN_TRANSIT',
              happenedAt: '2026-11-22T08:00:00Z',
              message: 'Left the terminal',
              city: 'Oslo',
              province: null,
              country: 'Norway',
            },
          ],
        },
        fulfillmentLineItems: { nodes: [{ quantity: 2, lineItem: { name: 'Wool socks' } }] },
      },
    ],
    fulfillmentOrders: { nodes: [{ status: 'CLOSED', fulfillAt: null, fulfillmentHolds: [] }] },
    ...overrides,
  };
}

export function lookupBody(orders: Record<string, unknown>[]): Record<string, unknown> {
  return {
    data: { orders: { nodes: orders } },
    extensions: {
      cost: {
        requestedQueryCost: 120,
        actualQueryCost: 12,
        throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1988, restoreRate: 100 },
      },
    },
  };
}

/**
 * `adminOrder` as ORDER_DETAIL_QUERY returns it: the same order with the ids, `updatedAt` and
 * product the detail document asks for (the store-first lookup reads it after a find).
 */
export function detailOrder(order: Record<string, unknown>, n = 1): Record<string, unknown> {
  const nodes = (value: unknown): Record<string, unknown>[] =>
    ((value as { nodes?: Record<string, unknown>[] } | undefined)?.nodes ?? []).map((node) => ({
      ...node,
    }));
  const fulfillments = ((order.fulfillments as Record<string, unknown>[] | undefined) ?? []).map(
    (f, i) => ({
      ...f,
      id: `gid://shopify/Fulfillment/${n}${i}`,
      updatedAt: order.processedAt,
      events: {
        nodes: nodes(f.events).map((e, j) => ({
          ...e,
          id: `gid://shopify/FulfillmentEvent/${n}${i}${j}`,
        })),
      },
      fulfillmentLineItems: {
        nodes: nodes(f.fulfillmentLineItems).map((item, j) => ({
          ...item,
          lineItem: { ...(item.lineItem as object), id: `gid://shopify/LineItem/${n}${j}` },
        })),
      },
    }),
  );
  return {
    ...order,
    id: `gid://shopify/Order/${n}`,
    updatedAt: order.processedAt,
    shippingAddress: { countryCodeV2: 'NO' },
    lineItems: {
      nodes: nodes(order.lineItems).map((item, j) => ({
        ...item,
        id: `gid://shopify/LineItem/${n}${j}`,
        product: { id: `gid://shopify/Product/${n}${j}` },
      })),
    },
    fulfillments,
    fulfillmentOrders: {
      nodes: nodes(order.fulfillmentOrders).map((fo, j) => ({
        ...fo,
        id: `gid://shopify/FulfillmentOrder/${n}${j}`,
      })),
    },
  };
}

/**
 * An Admin answer for any lookup document: the store-first path's find (`TrackOrderFind`) and
 * detail (`TrackOrderDetail`), and the single live lookup otherwise. `orders` are `adminOrder`s;
 * the n-th gets id `gid://shopify/Order/<n+1>`.
 */
export function adminAnswer(
  requestBody: string,
  orders: Record<string, unknown>[],
): Record<string, unknown> {
  const detailed = orders.map((order, i) => detailOrder(order, i + 1));
  if (requestBody.includes('TrackOrderFind')) {
    return lookupBody(
      detailed.map((o) => ({
        id: o.id,
        name: o.name,
        confirmationNumber: o.confirmationNumber,
        email: o.email,
        customer: o.customer ? { id: (o.customer as { id: string }).id } : null,
      })),
    );
  }
  if (requestBody.includes('TrackOrderDetail')) {
    const id = (JSON.parse(requestBody) as { variables?: { id?: string } }).variables?.id;
    return { data: { order: detailed.find((o) => o.id === id) ?? null } };
  }
  return lookupBody(orders);
}
