// Test helper: StoredOrders with one of everything (line item, fulfillment order, shipment, event), numbered.
import type { StoredOrder } from '../sync/stored-order.js';

export interface StoredOrderOptions {
  updatedAt?: string;
  fingerprint?: { value: string; version: number } | null;
  customerGid?: string | null;
  deliveredAt?: string | null;
  name?: string;
  confirmationNumber?: string | null;
}

/** Order `n` (`#n`, `gid://shopify/Order/n`), shipped with one event; ids derive from `n`. */
export function storedOrder(n: number, options: StoredOrderOptions = {}): StoredOrder {
  const fulfillmentGid = `gid://shopify/Fulfillment/${n}`;
  const delivered = options.deliveredAt ?? null;
  return {
    orderGid: `gid://shopify/Order/${n}`,
    name: options.name ?? `#${n}`,
    confirmationNumber:
      options.confirmationNumber === undefined
        ? `CONF${String(n).padStart(6, '0')}`
        : options.confirmationNumber,
    processedAt: '2026-11-01T10:00:00Z',
    updatedAt: options.updatedAt ?? '2026-11-02T10:00:00Z',
    cancelledAt: null,
    financialStatus: 'PAID',
    fulfillmentStatus: 'FULFILLED',
    returnStatus: 'NO_RETURN',
    destinationCountryCode: 'NO',
    emailFingerprint:
      options.fingerprint === undefined ? `fp-${n}` : (options.fingerprint?.value ?? null),
    emailFingerprintVersion:
      options.fingerprint === undefined ? 2 : (options.fingerprint?.version ?? null),
    customerGid:
      options.customerGid === undefined ? `gid://shopify/Customer/${n}` : options.customerGid,
    lineItems: [
      {
        lineItemGid: `gid://shopify/LineItem/${n}`,
        name: 'Merino socks - Grey / M',
        quantity: 2,
        productGid: 'gid://shopify/Product/1',
      },
    ],
    fulfillmentOrders: [
      {
        fulfillmentOrderGid: `gid://shopify/FulfillmentOrder/${n}`,
        status: 'CLOSED',
        fulfillAt: null,
        holdReasons: [],
      },
    ],
    shipments: [
      {
        fulfillmentGid,
        recordStatus: 'SUCCESS',
        displayStatus: delivered ? 'DELIVERED' : 'IN_TRANSIT',
        status: delivered ? 'delivered' : 'in_transit',
        carrierName: 'Bring',
        carrierCode: 'bring',
        trackingNumber: `TRACK${n}`,
        trackingUrl: null,
        moreTracking: [],
        createdAt: '2026-11-01T12:00:00Z',
        updatedAt: options.updatedAt ?? '2026-11-02T10:00:00Z',
        inTransitAt: '2026-11-01T15:00:00Z',
        deliveredAt: delivered,
        firstEstimatedDeliveryAt: '2026-11-04T00:00:00Z',
        estimatedDeliveryAt: '2026-11-04T00:00:00Z',
        destinationCountryCode: 'NO',
        lineItems: [
          {
            lineItemGid: `gid://shopify/LineItem/${n}`,
            name: 'Merino socks - Grey / M',
            quantity: 2,
          },
        ],
        events: [
          {
            eventGid: `gid://shopify/FulfillmentEvent/${n}`,
            fulfillmentGid,
            status: 'IN_TRANSIT',
            happenedAt: '2026-11-01T15:00:00Z',
            message: 'Left the terminal',
            city: 'Oslo',
            province: null,
            country: 'Norway',
            estimatedDeliveryAt: null,
          },
        ],
      },
    ],
  };
}
