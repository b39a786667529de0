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
