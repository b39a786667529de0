import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  RestFulfillmentEventSchema,
  RestFulfillmentSchema,
  RestOrderDeleteSchema,
  RestOrderSchema,
} from '../shopify/webhook-payloads.js';
import { createEmailFingerprinter } from './email-fingerprint.js';
import {
  applyFulfillmentEvent,
  applyFulfillmentWebhook,
  applyOrderWebhook,
  fulfillmentEventToUpdate,
  fulfillmentWebhookToUpdate,
  orderDeleteGid,
  orderWebhookToUpdate,
  refineFulfillmentStatus,
} from './from-webhooks.js';
import type { StoredOrder } from './stored-order.js';

const fingerprint = createEmailFingerprinter(new Uint8Array(32).fill(9));
const payload = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/webhooks/${name}.json`, import.meta.url), 'utf8'));

const orderBody = RestOrderSchema.parse(payload('orders-updated'));
const fulfillmentBody = RestFulfillmentSchema.parse(payload('fulfillments-update'));
const eventBody = RestFulfillmentEventSchema.parse(payload('fulfillment-events-create'));

function newOrder(): StoredOrder {
  const order = applyOrderWebhook(null, orderWebhookToUpdate(orderBody, fingerprint));
  if (!order) throw new Error('fixture');
  return order;
}

describe('webhook payload schemas', () => {
  it('accept the recorded payloads and drop every field they do not name', () => {
    expect(orderBody).not.toHaveProperty('note');
    expect(orderBody).not.toHaveProperty('billing_address');
    expect(orderBody.shipping_address).toEqual({ country_code: 'NO' });
    expect(orderBody.customer).toEqual({
      id: '7301264752914',
      admin_graphql_api_id: 'gid://shopify/Customer/7301264752914',
    });
    expect(eventBody).not.toHaveProperty('address1');
    expect(RestOrderDeleteSchema.parse(payload('orders-delete'))).toEqual({ id: '5501' });
  });

  it('keep unknown enum values, and refuse a payload without its id', () => {
    expect(
      RestOrderSchema.safeParse({
        ...(payload('orders-updated') as object),
        financial_status: 'bartered',
      }).success,
    ).toBe(true);
    const { id: _id, ...noId } = payload('orders-updated') as Record<string, unknown>;
    expect(RestOrderSchema.safeParse(noId).success).toBe(false);
  });
});

describe('orders/create|updated|cancelled', () => {
  it('maps the REST order to the stored row, times in UTC', () => {
    const order = newOrder();
    const { lineItems, shipments, fulfillmentOrders, ...row } = order;
    expect(row).toEqual({
      orderGid: 'gid://shopify/Order/5501',
      name: '#1001',
      confirmationNumber: 'K7XQ2M9PA',
      processedAt: '2026-11-02T09:14:03Z',
      updatedAt: '2026-11-06T15:30:00Z',
      cancelledAt: null,
      financialStatus: 'PARTIALLY_REFUNDED',
      fulfillmentStatus: 'PARTIALLY_FULFILLED',
      returnStatus: 'NO_RETURN',
      destinationCountryCode: 'NO',
      emailFingerprint: fingerprint('ingrid.nordmann@example.no')?.value,
      emailFingerprintVersion: 2,
      customerGid: 'gid://shopify/Customer/7301264752914',
    });
    expect(lineItems.map((li) => [li.lineItemGid, li.quantity, li.productGid])).toEqual([
      ['gid://shopify/LineItem/6601', 2, 'gid://shopify/Product/801'],
      ['gid://shopify/LineItem/6602', 1, null],
    ]);
    expect(fulfillmentOrders).toEqual([]);
    expect(shipments[0]).toMatchObject({
      fulfillmentGid: 'gid://shopify/Fulfillment/9101',
      recordStatus: 'SUCCESS',
      displayStatus: 'IN_TRANSIT',
      status: 'in_transit',
      carrierName: 'Bring',
      carrierCode: 'bring',
      trackingNumber: '70712345678901234',
      createdAt: '2026-11-03T13:20:41Z',
      updatedAt: '2026-11-03T17:02:10Z',
      lineItems: [
        {
          lineItemGid: 'gid://shopify/LineItem/6601',
          name: 'Merino hiking socks - Grey / 39-42',
          quantity: 2,
        },
      ],
      events: [],
    });
  });

  it.each([
    ['paid', 'PAID'],
    ['partially_paid', 'PARTIALLY_PAID'],
    ['authorized', 'AUTHORIZED'],
    ['pending', 'PENDING'],
    ['refunded', 'REFUNDED'],
    ['voided', 'VOIDED'],
    ['expired', 'EXPIRED'],
    ['bartered', 'BARTERED'],
  ])('financial_status %s is the display status %s', (rest, display) => {
    const update = orderWebhookToUpdate({ ...orderBody, financial_status: rest }, fingerprint);
    expect(update.row.financialStatus).toBe(display);
  });

  it.each([
    [null, null, 'UNFULFILLED'],
    [null, 'ON_HOLD', 'ON_HOLD'],
    [null, 'SCHEDULED', 'SCHEDULED'],
    [null, 'FULFILLED', 'UNFULFILLED'],
    ['partial', 'UNFULFILLED', 'PARTIALLY_FULFILLED'],
    ['partial', 'ON_HOLD', 'ON_HOLD'],
    ['fulfilled', 'PARTIALLY_FULFILLED', 'FULFILLED'],
    ['fulfilled', 'FULFILLMENT_NOT_REQUIRED', 'FULFILLMENT_NOT_REQUIRED'],
    ['restocked', 'FULFILLED', 'RESTOCKED'],
    ['teleported', 'FULFILLED', 'TELEPORTED'],
  ])('REST %j over stored %j gives %s', (rest, stored, expected) => {
    expect(refineFulfillmentStatus(rest, stored)).toBe(expected);
  });

  it('keeps what only GraphQL knows: return status, fulfillment orders, event history', () => {
    const stored: StoredOrder = {
      ...newOrder(),
      updatedAt: '2026-11-06T15:00:00Z',
      returnStatus: 'RETURN_REQUESTED',
      fulfillmentStatus: 'ON_HOLD',
      fulfillmentOrders: [
        {
          fulfillmentOrderGid: 'gid://shopify/FulfillmentOrder/1',
          status: 'ON_HOLD',
          fulfillAt: null,
          holdReasons: ['AWAITING_PAYMENT'],
        },
      ],
    };
    const withEvent = applyFulfillmentEvent(stored, fulfillmentEventToUpdate(eventBody));
    if (!withEvent) throw new Error('fixture');
    const next = applyOrderWebhook(withEvent, orderWebhookToUpdate(orderBody, fingerprint));
    expect(next?.returnStatus).toBe('RETURN_REQUESTED');
    expect(next?.fulfillmentStatus).toBe('ON_HOLD');
    expect(next?.fulfillmentOrders).toEqual(stored.fulfillmentOrders);
    expect(next?.shipments[0]?.events).toHaveLength(1);
    expect(next?.shipments[0]?.deliveredAt).toBe('2026-11-05T11:47:00Z');
  });

  it('is ignored when older than the stored order, applied again when the same', () => {
    const stored = newOrder();
    const older = orderWebhookToUpdate(
      { ...orderBody, updated_at: '2026-11-06T16:29:59+01:00', name: '#OLD' },
      fingerprint,
    );
    expect(applyOrderWebhook(stored, older)).toBeNull();
    const same = orderWebhookToUpdate(orderBody, fingerprint);
    expect(applyOrderWebhook(stored, same)).toEqual(stored);
  });

  it('records a cancellation', () => {
    const cancelled = orderWebhookToUpdate(
      {
        ...orderBody,
        cancelled_at: '2026-11-07T10:00:00+01:00',
        updated_at: '2026-11-07T10:00:01+01:00',
      },
      fingerprint,
    );
    expect(applyOrderWebhook(newOrder(), cancelled)?.cancelledAt).toBe('2026-11-07T09:00:00Z');
  });
});

describe('orders/delete', () => {
  it('names the order to delete', () => {
    expect(orderDeleteGid(RestOrderDeleteSchema.parse({ id: 5501 }))).toBe(
      'gid://shopify/Order/5501',
    );
  });
});

describe('fulfillments/create|update', () => {
  it('moves the shipment on and keeps its country, tracking and first estimate', () => {
    const stored = newOrder();
    const update = fulfillmentWebhookToUpdate(fulfillmentBody);
    if (!update) throw new Error('fixture');
    expect(update.orderGid).toBe('gid://shopify/Order/5501');
    const next = applyFulfillmentWebhook(stored, update);
    expect(next?.shipments[0]).toMatchObject({
      displayStatus: 'DELIVERED',
      status: 'delivered',
      updatedAt: '2026-11-05T11:47:30Z',
      destinationCountryCode: 'NO',
      carrierCode: 'bring',
    });
  });

  it('an older fulfillment state changes nothing; a repeated one changes nothing', () => {
    const update = fulfillmentWebhookToUpdate(fulfillmentBody);
    if (!update) throw new Error('fixture');
    const delivered = applyFulfillmentWebhook(newOrder(), update);
    const stale = fulfillmentWebhookToUpdate({
      ...fulfillmentBody,
      shipment_status: 'in_transit',
      updated_at: '2026-11-04T09:00:00+01:00',
    });
    if (!delivered || !stale) throw new Error('fixture');
    expect(applyFulfillmentWebhook(delivered, stale)).toEqual(delivered);
    expect(applyFulfillmentWebhook(delivered, update)).toEqual(delivered);
  });

  it('adds a fulfillment the store has not seen, and waits for an order it has not seen', () => {
    const update = fulfillmentWebhookToUpdate({
      ...fulfillmentBody,
      id: '9102',
      admin_graphql_api_id: 'gid://shopify/Fulfillment/9102',
    });
    if (!update) throw new Error('fixture');
    expect(
      applyFulfillmentWebhook(newOrder(), update)?.shipments.map((s) => s.fulfillmentGid),
    ).toEqual(['gid://shopify/Fulfillment/9101', 'gid://shopify/Fulfillment/9102']);
    expect(applyFulfillmentWebhook(null, update)).toBeNull();
  });

  it('splits several tracking numbers into parcels', () => {
    const update = fulfillmentWebhookToUpdate({
      ...fulfillmentBody,
      tracking_company: 'DHL Express',
      tracking_number: '1234567890',
      tracking_numbers: ['1234567890', '1234567891'],
      tracking_urls: [
        'https://www.dhl.com/track?n=1234567890',
        'https://www.dhl.com/track?n=1234567891',
      ],
    });
    expect(update?.shipment).toMatchObject({
      carrierName: 'DHL Express',
      carrierCode: 'dhl_express',
      trackingNumber: '1234567890',
      moreTracking: [
        {
          carrierName: 'DHL Express',
          carrierCode: 'dhl_express',
          number: '1234567891',
          url: 'https://www.dhl.com/track?n=1234567891',
        },
      ],
    });
  });
});

describe('fulfillment_events/create', () => {
  it('adds the event and, being the newest, delivers the shipment', () => {
    const next = applyFulfillmentEvent(newOrder(), fulfillmentEventToUpdate(eventBody));
    expect(next?.shipments[0]).toMatchObject({
      status: 'delivered',
      displayStatus: 'DELIVERED',
      deliveredAt: '2026-11-05T11:47:00Z',
      events: [
        {
          eventGid: 'gid://shopify/FulfillmentEvent/7702',
          fulfillmentGid: 'gid://shopify/Fulfillment/9101',
          status: 'DELIVERED',
          happenedAt: '2026-11-05T11:47:00Z',
          message: 'Delivered to the parcel box',
          city: 'Tromsø',
          province: null,
          country: 'Norway',
          estimatedDeliveryAt: null,
        },
      ],
    });
  });

  it('is idempotent, and an older event does not move the shipment back', () => {
    const once = applyFulfillmentEvent(newOrder(), fulfillmentEventToUpdate(eventBody));
    if (!once) throw new Error('fixture');
    expect(applyFulfillmentEvent(once, fulfillmentEventToUpdate(eventBody))).toEqual(once);
    const older = fulfillmentEventToUpdate({
      ...eventBody,
      id: '7700',
      admin_graphql_api_id: 'gid://shopify/FulfillmentEvent/7700',
      status: 'in_transit',
      happened_at: '2026-11-04T08:00:00+01:00',
      estimated_delivery_at: '2026-11-06T16:00:00+01:00',
    });
    const next = applyFulfillmentEvent(once, older);
    expect(next?.shipments[0]?.status).toBe('delivered');
    expect(next?.shipments[0]?.events.map((e) => e.status)).toEqual(['DELIVERED', 'IN_TRANSIT']);
    // An older event's estimate is no news, but it is the first one seen.
    expect(next?.shipments[0]?.estimatedDeliveryAt).toBeNull();
    expect(next?.shipments[0]?.firstEstimatedDeliveryAt).toBe('2026-11-06T15:00:00Z');
  });

  it('keeps the first estimate when a newer event moves the latest one', () => {
    const first = fulfillmentEventToUpdate({
      ...eventBody,
      id: '7801',
      admin_graphql_api_id: null,
      status: 'in_transit',
      happened_at: '2026-11-04T08:00:00Z',
      estimated_delivery_at: '2026-11-05T16:00:00Z',
    });
    const second = fulfillmentEventToUpdate({
      ...eventBody,
      id: '7802',
      admin_graphql_api_id: null,
      status: 'delayed',
      happened_at: '2026-11-05T08:00:00Z',
      estimated_delivery_at: '2026-11-08T16:00:00Z',
    });
    const a = applyFulfillmentEvent(newOrder(), first);
    const b = a && applyFulfillmentEvent(a, second);
    expect(b?.shipments[0]).toMatchObject({
      status: 'delayed',
      firstEstimatedDeliveryAt: '2026-11-05T16:00:00Z',
      estimatedDeliveryAt: '2026-11-08T16:00:00Z',
    });
    expect(b?.shipments[0]?.events[0]?.eventGid).toBe('gid://shopify/FulfillmentEvent/7802');
  });

  it('waits for an order or shipment the store does not have', () => {
    expect(applyFulfillmentEvent(null, fulfillmentEventToUpdate(eventBody))).toBeNull();
    const elsewhere = fulfillmentEventToUpdate({ ...eventBody, fulfillment_id: '1' });
    expect(applyFulfillmentEvent(newOrder(), elsewhere)).toBeNull();
  });
});
