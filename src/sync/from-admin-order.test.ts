import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BulkChildLineSchema, BulkOrderLineSchema } from '../shopify/bulk-orders-schema.js';
import { readBulkGroups } from './bulk-jsonl.js';
import { createEmailFingerprinter, fingerprintMatches } from './email-fingerprint.js';
import { ALL_DETAIL_ORDERS } from './fixtures/admin-orders.js';
import { adminOrderToStored, bulkGroupToStored } from './from-admin-order.js';
import type { StoredOrder } from './stored-order.js';

const fingerprint = createEmailFingerprinter(new Uint8Array(32).fill(3));
const FIXTURE = readFileSync(new URL('./fixtures/bulk-orders.jsonl', import.meta.url));

async function storedFromBulk(): Promise<StoredOrder[]> {
  const out: StoredOrder[] = [];
  for await (const group of readBulkGroups([FIXTURE], {
    rootSchema: BulkOrderLineSchema,
    childSchema: BulkChildLineSchema,
  })) {
    out.push(bulkGroupToStored(group, fingerprint));
  }
  return out;
}

describe('bulkGroupToStored', () => {
  it('keeps the order row: ids, times, raw statuses, country, customer, email fingerprint', async () => {
    const [order] = await storedFromBulk();
    expect(order).toMatchObject({
      orderGid: 'gid://shopify/Order/5501',
      name: '#1001',
      confirmationNumber: 'K7XQ2M9PA',
      processedAt: '2026-11-02T09:14:03Z',
      updatedAt: '2026-11-05T11:50:12Z',
      cancelledAt: null,
      financialStatus: 'PAID',
      fulfillmentStatus: 'FULFILLED',
      returnStatus: 'NO_RETURN',
      destinationCountryCode: 'NO',
      customerGid: 'gid://shopify/Customer/7301264752914',
      emailFingerprintVersion: 2,
    });
    const stored = order?.emailFingerprint
      ? { value: order.emailFingerprint, version: order.emailFingerprintVersion ?? 0 }
      : null;
    expect(fingerprintMatches(fingerprint, 'ingrid.nordmann@example.no', stored)).toBe(true);
  });

  it('joins line items, fulfillment orders, events and fulfilled lines to the right parents', async () => {
    const [order] = await storedFromBulk();
    expect(order?.lineItems).toEqual([
      {
        lineItemGid: 'gid://shopify/LineItem/6601',
        name: 'Merino hiking socks - Grey / 39-42',
        quantity: 2,
        productGid: 'gid://shopify/Product/801',
      },
      {
        lineItemGid: 'gid://shopify/LineItem/6602',
        name: 'Ribbed beanie - Forest green',
        quantity: 1,
        productGid: null,
      },
    ]);
    expect(order?.fulfillmentOrders).toEqual([
      {
        fulfillmentOrderGid: 'gid://shopify/FulfillmentOrder/4401',
        status: 'CLOSED',
        fulfillAt: '2026-11-02T09:00:00Z',
        holdReasons: [],
      },
    ]);
    const shipment = order?.shipments[0];
    expect(shipment?.events.map((e) => e.eventGid)).toEqual([
      'gid://shopify/FulfillmentEvent/7702',
      'gid://shopify/FulfillmentEvent/7701',
    ]);
    expect(shipment?.lineItems).toEqual([
      {
        lineItemGid: 'gid://shopify/LineItem/6601',
        name: 'Merino hiking socks - Grey / 39-42',
        quantity: 2,
      },
      {
        lineItemGid: 'gid://shopify/LineItem/6602',
        name: 'Ribbed beanie - Forest green',
        quantity: 1,
      },
    ]);
  });

  it('keeps the shipment: carrier name and code, tracking, both estimates, normalised status', async () => {
    const [order] = await storedFromBulk();
    const { events, ...shipment } = order?.shipments[0] ?? { events: [] };
    expect(shipment).toEqual({
      fulfillmentGid: 'gid://shopify/Fulfillment/9101',
      recordStatus: 'SUCCESS',
      displayStatus: 'DELIVERED',
      status: 'delivered',
      carrierName: 'Bring',
      carrierCode: 'bring',
      trackingNumber: '70712345678901234',
      trackingUrl: 'https://tracking.bring.com/tracking/70712345678901234',
      moreTracking: [],
      createdAt: '2026-11-03T13:20:41Z',
      updatedAt: '2026-11-05T11:47:30Z',
      inTransitAt: '2026-11-03T17:02:10Z',
      deliveredAt: '2026-11-05T11:47:00Z',
      // The oldest event carried the first estimate; the fulfillment carries the latest.
      firstEstimatedDeliveryAt: '2026-11-06T16:00:00Z',
      estimatedDeliveryAt: '2026-11-05T16:00:00Z',
      destinationCountryCode: 'NO',
      lineItems: expect.any(Array),
    });
    expect(events[0]).toEqual({
      eventGid: 'gid://shopify/FulfillmentEvent/7702',
      fulfillmentGid: 'gid://shopify/Fulfillment/9101',
      status: 'DELIVERED',
      happenedAt: '2026-11-05T11:47:00Z',
      message: 'Delivered to the parcel box',
      city: 'Bergen',
      province: null,
      country: 'Norway',
      estimatedDeliveryAt: null,
    });
  });

  it('keeps an order with no email, customer, address or fulfillment, and its raw hold reason', async () => {
    const [, order] = await storedFromBulk();
    expect(order).toMatchObject({
      name: '#1002',
      confirmationNumber: null,
      emailFingerprint: null,
      emailFingerprintVersion: null,
      customerGid: null,
      destinationCountryCode: null,
      fulfillmentStatus: 'ON_HOLD',
      shipments: [],
    });
    expect(order?.fulfillmentOrders[0]?.holdReasons).toEqual(['HIGH_RISK_OF_FRAUD']);
  });

  it('keeps unknown enum values as data, and a second parcel of the same fulfillment', async () => {
    const [, , order] = await storedFromBulk();
    const shipment = order?.shipments[0];
    expect(order?.fulfillmentStatus).toBe('TELEPORTED');
    expect(shipment).toMatchObject({
      displayStatus: 'IN_ORBIT',
      // Neither the display status nor the event's status is known: nothing is made up.
      status: 'unknown',
      carrierName: 'PostNord',
      carrierCode: 'postnord',
      trackingNumber: '00370712345678901234',
      moreTracking: [
        {
          carrierName: 'PostNord',
          carrierCode: 'postnord',
          number: '00370712345678901241',
          url: 'https://tracking.postnord.com/se/?id=00370712345678901241',
        },
      ],
      destinationCountryCode: 'SE',
    });
    expect(shipment?.events[0]?.status).toBe('BEAMED_UP');
  });
});

describe('bulkGroupToStored with lines that leave out optional fields', () => {
  it('keeps a line item without a product key and an event without an estimate key', async () => {
    const text = [
      '{"id":"gid://shopify/Order/1","name":"#9","processedAt":"2026-11-02T09:14:03Z","updatedAt":"2026-11-02T09:14:03Z","displayFulfillmentStatus":"FULFILLED","returnStatus":"NO_RETURN","fulfillments":[{"id":"gid://shopify/Fulfillment/2","status":"SUCCESS","createdAt":"2026-11-02T10:00:00Z","trackingInfo":[]}]}',
      '{"id":"gid://shopify/LineItem/3","name":"Mug","quantity":1,"__parentId":"gid://shopify/Order/1"}',
      '{"id":"gid://shopify/FulfillmentEvent/4","status":"IN_TRANSIT","happenedAt":"2026-11-02T11:00:00Z","__parentId":"gid://shopify/Fulfillment/2"}',
    ].join('\n');
    const groups = [];
    for await (const g of readBulkGroups([new TextEncoder().encode(text)], {
      rootSchema: BulkOrderLineSchema,
      childSchema: BulkChildLineSchema,
    })) {
      groups.push(bulkGroupToStored(g, fingerprint));
    }
    expect(groups[0]?.lineItems).toEqual([
      { lineItemGid: 'gid://shopify/LineItem/3', name: 'Mug', quantity: 1, productGid: null },
    ]);
    expect(groups[0]?.shipments[0]?.events.map((e) => e.status)).toEqual(['IN_TRANSIT']);
    expect(groups[0]?.shipments[0]?.status).toBe('in_transit');
  });
});

describe('adminOrderToStored (the live detail query)', () => {
  it.each([
    ['partiallyFulfilledOrder', ['in_transit', 'delivered']],
    ['multiTrackingOrder', ['out_for_delivery']],
    ['unknownEnumsOrder', ['unknown']],
    ['unfulfilledOrder', []],
  ])('%s has shipment statuses %j', (key, statuses) => {
    const live = ALL_DETAIL_ORDERS[key];
    if (!live) throw new Error('fixture');
    expect(adminOrderToStored(live, fingerprint).shipments.map((s) => s.status)).toEqual(statuses);
  });

  it('uses the newest event when the display status says nothing about the parcel', () => {
    const live = ALL_DETAIL_ORDERS.deliveredOrder;
    const f = live?.fulfillments[0];
    if (!live || !f) throw new Error('fixture');
    const stored = adminOrderToStored(
      { ...live, fulfillments: [{ ...f, displayStatus: 'FULFILLED', deliveredAt: null }] },
      fingerprint,
    );
    expect(stored.shipments[0]?.status).toBe('delivered');
  });

  it('sorts events newest first whatever order Shopify listed them in', () => {
    const live = ALL_DETAIL_ORDERS.partiallyFulfilledOrder;
    if (!live) throw new Error('fixture');
    const postnord = adminOrderToStored(live, fingerprint).shipments[0];
    expect(postnord?.events.map((e) => e.status)).toEqual(['IN_TRANSIT', 'LABEL_PRINTED']);
  });
});
