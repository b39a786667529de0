import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Milestone,
  type TrackingView,
  TrackingViewSchema,
} from '../contract/tracking-view.js';
import { type ShopifyOrder, ShopifyOrderSchema } from '../shopify/order-schema.js';
import {
  ALL_ORDERS,
  cancelledAfterShippingOrder,
  cancelledOrder,
  deliveredOrder,
  digitalOrder,
  emptyOrder,
  fulfillment,
  fulfillmentOrder,
  multiTrackingOrder,
  onHoldOrder,
  PERSONAL_DATA,
  partiallyFulfilledOrder,
  returnRequestedOrder,
  scheduledOrder,
  unfulfilledOrder,
  unknownEnumsOrder,
} from './fixtures/orders.js';
import { orderToTrackingView, refreshDeliveryMilestones } from './order-to-view.js';
import {
  FINANCIAL_STATUS,
  FULFILLMENT_DISPLAY_STATUS,
  FULFILLMENT_EVENT_STATUS,
  FULFILLMENT_STATUS,
  RETURN_STATUS,
} from './shopify-status.js';

/** Every row of a status table as `[status, ...columns]`, for one loop per table. */
function steps(
  table: Record<string, { state: string; detail: string } | null>,
): [string, string, string][] {
  return Object.entries(table).flatMap(([status, step]) =>
    step ? [[status, step.state, step.detail] as [string, string, string]] : [],
  );
}

/** Maps and checks the result against the contract, as the widget will. */
function view(order: ShopifyOrder): TrackingView {
  return TrackingViewSchema.parse(orderToTrackingView(order));
}

function milestone(order: ShopifyOrder, key: string): Milestone | undefined {
  return view(order).milestones.find((m) => m.key === key);
}

function keys(order: ShopifyOrder): string[] {
  return view(order).milestones.map((m) => m.key);
}

describe.each(Object.entries(ALL_ORDERS))('fixture %s', (_name, order) => {
  it('is shaped as the Admin API answers', () => {
    expect(ShopifyOrderSchema.safeParse(order).success).toBe(true);
  });

  it('maps to a view the contract accepts', () => {
    expect(TrackingViewSchema.safeParse(orderToTrackingView(order)).success).toBe(true);
  });

  it('leaks no email or customer id into the view', () => {
    const json = JSON.stringify(orderToTrackingView(order));
    expect(json).not.toContain(PERSONAL_DATA.email);
    expect(json).not.toContain(PERSONAL_DATA.customerId);
    expect(json).not.toMatch(/@|customer|email|fraud/i);
  });

  it('starts with the placed milestone at processedAt', () => {
    expect(view(order).milestones[0]).toEqual({
      key: 'placed',
      state: 'done',
      at: order.processedAt,
    });
  });

  it('is pure: the order is not changed and the same order gives the same view', () => {
    const before = structuredClone(order);
    const first = orderToTrackingView(order);
    expect(orderToTrackingView(order)).toEqual(first);
    expect(order).toEqual(before);
  });
});

describe('whitelisting', () => {
  it('drops fields the Admin API could send beyond the ones we map', () => {
    const withExtras = {
      ...deliveredOrder,
      note: 'VIP - call before delivery',
      tags: ['wholesale', 'staff-discount'],
      phone: '+47 912 34 567',
      shippingAddress: { name: 'Ingrid Nordmann', address1: 'Strandgaten 1', city: 'Bergen' },
      customer: { id: PERSONAL_DATA.customerId, firstName: 'Ingrid', lastName: 'Nordmann' },
      riskLevel: 'HIGH',
    };
    const json = JSON.stringify(orderToTrackingView(withExtras));
    for (const secret of [
      'VIP',
      'wholesale',
      '912 34',
      'Strandgaten',
      'Ingrid',
      'Nordmann',
      'HIGH',
    ]) {
      expect(json).not.toContain(secret);
    }
  });

  it('keeps only the order summary fields of the contract', () => {
    expect(Object.keys(view(deliveredOrder).order).sort()).toEqual(
      [
        'cancelled',
        'financialStatus',
        'fulfillmentStatus',
        'lineItems',
        'name',
        'processedAt',
        'returnStatus',
      ].sort(),
    );
  });
});

describe('a delivered order, in full', () => {
  it('gives the whole timeline and the parcel with its newest-first events', () => {
    expect(view(deliveredOrder)).toEqual({
      order: {
        name: '#1006',
        processedAt: '2026-11-02T09:14:03Z',
        cancelled: false,
        financialStatus: 'PAID',
        fulfillmentStatus: 'FULFILLED',
        returnStatus: 'NO_RETURN',
        lineItems: [
          { name: 'Merino hiking socks - Grey / 39-42', quantity: 2 },
          { name: 'Ribbed beanie - Forest green', quantity: 1 },
        ],
      },
      milestones: [
        { key: 'placed', state: 'done', at: '2026-11-02T09:14:03Z' },
        { key: 'payment', state: 'done', detail: 'paid' },
        { key: 'fulfillment', state: 'done', detail: 'fulfilled' },
        { key: 'shipped', state: 'done', at: '2026-11-03T17:02:10Z' },
        { key: 'delivered', state: 'done', at: '2026-11-05T11:47:00Z' },
      ],
      shipments: [
        {
          status: 'delivered',
          rawStatus: 'DELIVERED',
          carrier: { name: 'Bring' },
          trackingNumber: '70712345678901234',
          trackingUrl: 'https://tracking.bring.com/tracking/70712345678901234',
          shippedAt: '2026-11-03T17:02:10Z',
          estimatedDeliveryAt: '2026-11-05T16:00:00Z',
          deliveredAt: '2026-11-05T11:47:00Z',
          events: [
            {
              status: 'delivered',
              at: '2026-11-05T11:47:00Z',
              message: 'Delivered to the parcel box',
              location: 'Bergen, Norway',
              source: 'shopify',
              rawStatus: 'DELIVERED',
            },
            {
              status: 'out_for_delivery',
              at: '2026-11-05T07:12:00Z',
              location: 'Bergen, Vestland, Norway',
              source: 'shopify',
              rawStatus: 'OUT_FOR_DELIVERY',
            },
            {
              status: 'in_transit',
              at: '2026-11-03T17:02:10Z',
              message: 'Handed in at the terminal',
              location: 'Oslo, Norway',
              source: 'shopify',
              rawStatus: 'IN_TRANSIT',
            },
          ],
          lineItems: [{ name: 'Merino hiking socks - Grey / 39-42', quantity: 2 }],
        },
      ],
    });
  });

  it('writes no keys for values Shopify left empty', () => {
    const json = JSON.stringify(orderToTrackingView(deliveredOrder));
    expect(json).not.toContain('null');
    expect(json).not.toContain('undefined');
  });
});

describe('payment milestone for every financial status', () => {
  it.each([...steps(FINANCIAL_STATUS), ['CHARGED_IN_SEASHELLS', 'current', 'other']])(
    '%s → %s %s',
    (status, state, detail) => {
      const order = { ...unfulfilledOrder, displayFinancialStatus: status };
      expect(milestone(order, 'payment')).toEqual({ key: 'payment', state, detail });
      expect(view(order).order.financialStatus).toBe(status);
    },
  );

  it('is done once paid or authorized, a problem once voided or expired', () => {
    const state = (status: string) =>
      milestone({ ...unfulfilledOrder, displayFinancialStatus: status }, 'payment')?.state;
    expect(['PAID', 'AUTHORIZED'].map(state)).toEqual(['done', 'done']);
    expect(['VOIDED', 'EXPIRED'].map(state)).toEqual(['problem', 'problem']);
    expect(state('PENDING')).toBe('current');
  });

  it('is left out when Shopify gives no financial status', () => {
    const order = { ...unfulfilledOrder, displayFinancialStatus: null };
    expect(keys(order)).not.toContain('payment');
    expect(view(order).order.financialStatus).toBeNull();
  });
});

describe('fulfillment milestone for every display fulfillment status', () => {
  it.each([
    ...steps(FULFILLMENT_STATUS).filter(([status]) => status !== 'ON_HOLD'),
    ['BEAMED_TO_CUSTOMER', 'current', 'other'],
  ])('%s → %s %s', (status, state, detail) => {
    const order = { ...unfulfilledOrder, displayFulfillmentStatus: status };
    expect(milestone(order, 'fulfillment')).toEqual({ key: 'fulfillment', state, detail });
  });

  it('ON_HOLD → current on_hold with a reason', () => {
    const order = { ...unfulfilledOrder, displayFulfillmentStatus: 'ON_HOLD' };
    expect(milestone(order, 'fulfillment')).toEqual({
      key: 'fulfillment',
      state: 'current',
      detail: 'on_hold',
      reason: 'other',
    });
  });
});

describe('scheduled fulfillment', () => {
  it('is dated by the earliest fulfillAt of the scheduled fulfillment orders', () => {
    expect(milestone(scheduledOrder, 'fulfillment')).toEqual({
      key: 'fulfillment',
      state: 'current',
      detail: 'scheduled',
      at: '2026-11-15T08:00:00Z',
    });
  });

  it('has no date when no scheduled fulfillment order gives one', () => {
    const order = {
      ...scheduledOrder,
      fulfillmentOrders: { nodes: [fulfillmentOrder('SCHEDULED', { fulfillAt: null })] },
    };
    expect(milestone(order, 'fulfillment')).toEqual({
      key: 'fulfillment',
      state: 'current',
      detail: 'scheduled',
    });
  });

  it('keeps shipping and delivery ahead', () => {
    expect(view(scheduledOrder).milestones.slice(-2)).toEqual([
      { key: 'shipped', state: 'upcoming' },
      { key: 'delivered', state: 'upcoming' },
    ]);
  });
});

describe('fulfillment on hold', () => {
  it.each([
    ['AWAITING_PAYMENT', 'awaiting_payment'],
    ['AWAITING_RETURN_ITEMS', 'awaiting_return_items'],
    ['INCORRECT_ADDRESS', 'incorrect_address'],
    ['INVENTORY_OUT_OF_STOCK', 'out_of_stock'],
    ['UNKNOWN_DELIVERY_DATE', 'unknown_delivery_date'],
    ['HIGH_RISK_OF_FRAUD', 'other'],
    ['ONLINE_STORE_POST_PURCHASE_CROSS_SELL', 'other'],
    ['OTHER', 'other'],
    ['MERCURY_IN_RETROGRADE', 'other'],
  ])('for %s shows the reason %s', (reason, shown) => {
    expect(milestone(onHoldOrder(reason), 'fulfillment')).toEqual({
      key: 'fulfillment',
      state: 'current',
      detail: 'on_hold',
      reason: shown,
    });
  });

  it('never mentions fraud for a fraud hold', () => {
    expect(JSON.stringify(view(onHoldOrder('HIGH_RISK_OF_FRAUD')))).not.toMatch(/fraud|risk/i);
  });

  it('prefers a specific reason over a generic one when several holds apply', () => {
    const order: ShopifyOrder = {
      ...onHoldOrder('HIGH_RISK_OF_FRAUD'),
      fulfillmentOrders: {
        nodes: [
          fulfillmentOrder('ON_HOLD', {
            fulfillmentHolds: [{ reason: 'HIGH_RISK_OF_FRAUD' }, { reason: 'AWAITING_PAYMENT' }],
          }),
        ],
      },
    };
    expect(milestone(order, 'fulfillment')?.reason).toBe('awaiting_payment');
  });

  it('shows a held fulfillment order of a partly shipped order as on hold', () => {
    const order: ShopifyOrder = {
      ...partiallyFulfilledOrder,
      fulfillmentOrders: {
        nodes: [
          fulfillmentOrder('CLOSED'),
          fulfillmentOrder('ON_HOLD', { fulfillmentHolds: [{ reason: 'INVENTORY_OUT_OF_STOCK' }] }),
        ],
      },
    };
    expect(milestone(order, 'fulfillment')).toEqual({
      key: 'fulfillment',
      state: 'current',
      detail: 'on_hold',
      reason: 'out_of_stock',
    });
  });

  it('does not override a fully fulfilled order', () => {
    const order: ShopifyOrder = {
      ...deliveredOrder,
      fulfillmentOrders: { nodes: [fulfillmentOrder('ON_HOLD')] },
    };
    expect(milestone(order, 'fulfillment')).toEqual({
      key: 'fulfillment',
      state: 'done',
      detail: 'fulfilled',
    });
  });

  it('says other when the held fulfillment order lists no hold', () => {
    const order: ShopifyOrder = {
      ...unfulfilledOrder,
      fulfillmentOrders: { nodes: [fulfillmentOrder('ON_HOLD')] },
    };
    expect(milestone(order, 'fulfillment')?.reason).toBe('other');
  });
});

describe('a partly fulfilled order with two parcels by different carriers', () => {
  const result = view(partiallyFulfilledOrder);

  it('lists the parcels oldest first, each with its carrier and number', () => {
    expect(
      result.shipments.map((s) => [s.carrier?.name, s.trackingNumber, s.status, s.shippedAt]),
    ).toEqual([
      ['Bring', '70712345678901234', 'delivered', '2026-11-03T17:02:10Z'],
      ['PostNord', '00370712345678901234', 'in_transit', '2026-11-06T15:30:00Z'],
    ]);
  });

  it('sorts events newest first even when Shopify sends them oldest first', () => {
    const postnord = result.shipments[1];
    expect(postnord?.events.map((e) => [e.status, e.at, e.location])).toEqual([
      ['in_transit', '2026-11-06T15:30:00Z', 'Göteborg, Sweden'],
      ['label_created', '2026-11-06T10:05:00Z', undefined],
    ]);
  });

  it('gives each parcel the line items it carries', () => {
    expect(result.shipments.map((s) => s.lineItems)).toEqual([
      [{ name: 'Merino hiking socks - Grey / 39-42', quantity: 2 }],
      [{ name: 'Ribbed beanie - Forest green', quantity: 1 }],
    ]);
  });

  it('is partly shipped since the first parcel left (not done while items wait), and partly delivered', () => {
    expect(result.milestones.slice(2)).toEqual([
      { key: 'fulfillment', state: 'current', detail: 'partially_fulfilled' },
      { key: 'shipped', state: 'current', detail: 'partial', at: '2026-11-03T17:02:10Z' },
      { key: 'delivered', state: 'current', detail: 'partial' },
    ]);
  });

  it('lists the items not shipped yet', () => {
    expect(result.unshippedLineItems).toEqual([{ name: 'Enamel camp mug', quantity: 1 }]);
  });

  it('is only partly delivered when every parcel so far arrived but items still wait', () => {
    const order = {
      ...partiallyFulfilledOrder,
      fulfillments: [partiallyFulfilledOrder.fulfillments[1] ?? fulfillment()],
    };
    expect(milestone(order, 'delivered')).toEqual({
      key: 'delivered',
      state: 'current',
      detail: 'partial',
    });
  });
});

describe('one fulfillment with several tracking numbers', () => {
  const result = view(multiTrackingOrder);

  it('becomes one shipment per tracking number', () => {
    expect(result.shipments.map((s) => [s.carrier?.name, s.trackingNumber, s.trackingUrl])).toEqual(
      [
        ['DHL Express', '1234567890', 'https://www.dhl.com/track?n=1234567890'],
        ['DHL Express', '1234567891', 'https://www.dhl.com/track?n=1234567891'],
      ],
    );
  });

  it('gives each shipment the fulfillment status and events', () => {
    for (const shipment of result.shipments) {
      expect(shipment.status).toBe('out_for_delivery');
      expect(shipment.events).toEqual([
        {
          status: 'out_for_delivery',
          at: '2026-11-06T06:40:00Z',
          message: 'With delivery courier',
          location: 'Trondheim, Trøndelag, Norway',
          source: 'shopify',
          rawStatus: 'OUT_FOR_DELIVERY',
        },
      ]);
    }
  });

  it('does not share event objects between shipments', () => {
    expect(result.shipments[0]?.events[0]).not.toBe(result.shipments[1]?.events[0]);
  });

  it('is out for delivery', () => {
    expect(milestone(multiTrackingOrder, 'delivered')).toEqual({
      key: 'delivered',
      state: 'current',
      detail: 'out_for_delivery',
    });
  });
});

function shippedWith(displayStatus: string | null, extra: Parameters<typeof fulfillment>[0] = {}) {
  return {
    ...deliveredOrder,
    fulfillments: [fulfillment({ displayStatus, ...extra })],
  };
}

describe('shipment status for every fulfillment display status', () => {
  it.each([...Object.entries(FULFILLMENT_DISPLAY_STATUS), ['LOST_IN_SPACE', 'unknown']])(
    '%s → %s',
    (displayStatus, status) => {
      const [shipment] = view(shippedWith(displayStatus)).shipments;
      expect(shipment?.status).toBe(status);
      expect(shipment?.rawStatus).toBe(displayStatus);
    },
  );

  it('names the product cases: a voided label is cancelled, a bare FULFILLED is unknown', () => {
    const status = (displayStatus: string) => view(shippedWith(displayStatus)).shipments[0]?.status;
    expect(status('LABEL_VOIDED')).toBe('cancelled');
    expect(status('PICKED_UP')).toBe('delivered');
    expect(status('FULFILLED')).toBe('unknown');
  });

  const inTransitEvent = {
    status: 'IN_TRANSIT',
    happenedAt: '2026-11-04T10:00:00Z',
    message: null,
    city: null,
    province: null,
    country: null,
  };

  it.each([null, 'FULFILLED', 'LOST_IN_SPACE'])(
    'takes the newest event when the display status is %s',
    (displayStatus) => {
      const order = shippedWith(displayStatus, {
        events: {
          nodes: [
            { ...inTransitEvent, status: 'LABEL_PRINTED', happenedAt: '2026-11-03T10:00:00Z' },
            inTransitEvent,
          ],
        },
      });
      expect(view(order).shipments[0]?.status).toBe('in_transit');
    },
  );

  it('is delivered whenever Shopify gives a delivery time', () => {
    const order = shippedWith('IN_TRANSIT', { deliveredAt: '2026-11-05T09:00:00Z' });
    expect(view(order).shipments[0]?.status).toBe('delivered');
  });

  it('is shipped at creation when Shopify gives no in-transit time', () => {
    expect(view(shippedWith('FULFILLED')).shipments[0]?.shippedAt).toBe('2026-11-03T13:20:41Z');
  });

  it('has no carrier, number or link when the fulfillment has no tracking', () => {
    const [shipment] = view(shippedWith('FULFILLED')).shipments;
    expect(shipment).not.toHaveProperty('carrier');
    expect(shipment).not.toHaveProperty('trackingNumber');
    expect(shipment).not.toHaveProperty('trackingUrl');
  });

  it('keeps a tracking number that came without a carrier name', () => {
    const order = shippedWith('IN_TRANSIT', {
      trackingInfo: [{ company: null, number: 'LX123456789NO', url: null }],
    });
    const [shipment] = view(order).shipments;
    expect(shipment?.trackingNumber).toBe('LX123456789NO');
    expect(shipment).not.toHaveProperty('carrier');
  });
});

describe('tracking links', () => {
  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.test/track',
    'ftp://carrier.test/1',
    'https://carrier.test/track?id=1 onmouseover=x',
  ])('leaves out %j', (url) => {
    const order = shippedWith('IN_TRANSIT', {
      trackingInfo: [{ company: 'Bring', number: '70712345678901234', url }],
    });
    const [shipment] = view(order).shipments;
    expect(shipment).not.toHaveProperty('trackingUrl');
    expect(shipment?.trackingNumber).toBe('70712345678901234');
  });

  it.each(['https://tracking.bring.com/tracking/1', 'HTTP://carrier.test/t?id=1&x=2'])(
    'keeps the web link %j',
    (url) => {
      const order = shippedWith('IN_TRANSIT', {
        trackingInfo: [{ company: 'Bring', number: '1', url }],
      });
      expect(view(order).shipments[0]?.trackingUrl).toBe(url);
    },
  );
});

describe('event status for every fulfillment event status', () => {
  it.each([...Object.entries(FULFILLMENT_EVENT_STATUS), ['SWALLOWED_BY_WHALE', 'unknown']])(
    '%s → %s, keeping the raw status',
    (rawStatus, status) => {
      const order = shippedWith('FULFILLED', {
        events: {
          nodes: [
            {
              status: rawStatus,
              happenedAt: '2026-11-04T10:00:00Z',
              message: null,
              city: null,
              province: null,
              country: null,
            },
          ],
        },
      });
      expect(view(order).shipments[0]?.events).toEqual([
        { status, at: '2026-11-04T10:00:00Z', source: 'shopify', rawStatus },
      ]);
    },
  );
});

describe('fulfillments that never became parcels', () => {
  it.each(['CANCELLED', 'ERROR'])('leaves out a fulfillment with status %s', (status) => {
    const order = { ...deliveredOrder, fulfillments: [fulfillment({ status })] };
    expect(view(order).shipments).toEqual([]);
  });

  it.each(['SUCCESS', 'OPEN', 'PENDING', 'FAILURE', 'NEW_KIND'])(
    'keeps a fulfillment with status %s',
    (status) => {
      const order = { ...deliveredOrder, fulfillments: [fulfillment({ status })] };
      expect(view(order).shipments).toHaveLength(1);
    },
  );
});

describe('delivered milestone', () => {
  it.each([
    ['ATTEMPTED_DELIVERY', 'problem', 'attempted_delivery'],
    ['NOT_DELIVERED', 'problem', 'failure'],
    ['FAILURE', 'problem', 'failure'],
    ['OUT_FOR_DELIVERY', 'current', 'out_for_delivery'],
    ['READY_FOR_PICKUP', 'current', 'ready_for_pickup'],
  ])('is %s → %s %s', (displayStatus, state, detail) => {
    expect(milestone(shippedWith(displayStatus), 'delivered')).toEqual({
      key: 'delivered',
      state,
      detail,
    });
  });

  it.each(['IN_TRANSIT', 'DELAYED', 'LABEL_PRINTED', 'FULFILLED'])(
    'is upcoming while the parcel is %s',
    (displayStatus) => {
      expect(milestone(shippedWith(displayStatus), 'delivered')).toEqual({
        key: 'delivered',
        state: 'upcoming',
      });
    },
  );

  it('shows a problem parcel before a delivered one', () => {
    const order = {
      ...deliveredOrder,
      fulfillments: [
        fulfillment({ displayStatus: 'DELIVERED', deliveredAt: '2026-11-05T09:00:00Z' }),
        fulfillment({ displayStatus: 'ATTEMPTED_DELIVERY', createdAt: '2026-11-04T09:00:00Z' }),
      ],
    };
    expect(milestone(order, 'delivered')).toEqual({
      key: 'delivered',
      state: 'problem',
      detail: 'attempted_delivery',
    });
  });

  it('is done at the latest delivery when every parcel arrived', () => {
    const order = {
      ...deliveredOrder,
      fulfillments: [
        fulfillment({ displayStatus: 'DELIVERED', deliveredAt: '2026-11-07T09:00:00Z' }),
        fulfillment({
          displayStatus: 'DELIVERED',
          createdAt: '2026-11-04T09:00:00Z',
          deliveredAt: '2026-11-06T09:00:00Z',
        }),
      ],
    };
    expect(milestone(order, 'delivered')).toEqual({
      key: 'delivered',
      state: 'done',
      at: '2026-11-07T09:00:00Z',
    });
  });

  it('ignores a voided label: shipping is still ahead', () => {
    const order = shippedWith('LABEL_VOIDED');
    expect(view(order).milestones.slice(-2)).toEqual([
      { key: 'shipped', state: 'upcoming' },
      { key: 'delivered', state: 'upcoming' },
    ]);
  });
});

describe('return milestone for every return status', () => {
  it.each([...steps(RETURN_STATUS), ['RETURN_VIA_CATAPULT', 'current', 'other']])(
    '%s → %s %s, after delivery',
    (returnStatus, state, detail) => {
      const order = { ...returnRequestedOrder, returnStatus };
      expect(view(order).milestones.slice(-2)).toEqual([
        { key: 'delivered', state: 'done', at: '2026-11-05T11:47:00Z' },
        { key: 'return', state, detail },
      ]);
    },
  );

  it('is left out when there is no return', () => {
    expect(keys(deliveredOrder)).not.toContain('return');
  });
});

describe('cancelled orders', () => {
  it('keep placed, payment and cancelled when nothing shipped', () => {
    expect(view(cancelledOrder).milestones).toEqual([
      { key: 'placed', state: 'done', at: '2026-11-02T09:14:03Z' },
      { key: 'payment', state: 'done', detail: 'refunded' },
      { key: 'cancelled', state: 'problem', at: '2026-11-02T15:00:00Z' },
    ]);
    expect(view(cancelledOrder).order.cancelled).toBe(true);
  });

  it('keep the delivery steps when a parcel had already left', () => {
    expect(keys(cancelledAfterShippingOrder)).toEqual([
      'placed',
      'payment',
      'fulfillment',
      'shipped',
      'delivered',
      'cancelled',
    ]);
    expect(view(cancelledAfterShippingOrder).shipments).toHaveLength(1);
  });

  it('keep a return, before the cancellation', () => {
    const order = { ...cancelledOrder, returnStatus: 'RETURNED' };
    expect(keys(order)).toEqual(['placed', 'payment', 'return', 'cancelled']);
  });

  it('drop the delivery steps when the only parcel was voided', () => {
    const order = { ...cancelledOrder, fulfillments: [fulfillment({ displayStatus: 'CANCELED' })] };
    expect(keys(order)).toEqual(['placed', 'payment', 'cancelled']);
  });

  it('are not cancelled without cancelledAt', () => {
    expect(keys(unfulfilledOrder)).not.toContain('cancelled');
    expect(view(unfulfilledOrder).order.cancelled).toBe(false);
  });
});

describe('a digital order (fulfillment not required)', () => {
  it('shows fulfillment as done and has no shipping or delivery steps', () => {
    expect(view(digitalOrder).milestones).toEqual([
      { key: 'placed', state: 'done', at: '2026-11-02T09:14:03Z' },
      { key: 'payment', state: 'done', detail: 'paid' },
      { key: 'fulfillment', state: 'done', detail: 'not_required' },
    ]);
    expect(view(digitalOrder).shipments).toEqual([]);
  });
});

describe('values Shopify may add later', () => {
  const result = view(unknownEnumsOrder);

  it('become neutral steps rather than errors', () => {
    expect(result.milestones).toEqual([
      { key: 'placed', state: 'done', at: '2026-11-02T09:14:03Z' },
      { key: 'payment', state: 'current', detail: 'other' },
      { key: 'fulfillment', state: 'current', detail: 'other' },
      { key: 'shipped', state: 'done', at: '2026-11-03T13:20:41Z' },
      { key: 'delivered', state: 'upcoming' },
      { key: 'return', state: 'current', detail: 'other' },
    ]);
  });

  it('pass through as raw strings beside an unknown normalised status', () => {
    expect(result.order).toMatchObject({
      financialStatus: 'PAID_IN_KIND',
      fulfillmentStatus: 'TELEPORTED',
      returnStatus: 'RETURN_TELEPORTED',
    });
    expect(result.shipments[0]).toMatchObject({ status: 'unknown', rawStatus: 'IN_ORBIT' });
    expect(result.shipments[0]?.events[0]).toMatchObject({
      status: 'unknown',
      rawStatus: 'BEAMED_UP',
    });
  });

  it.each(['constructor', '__proto__', 'toString'])(
    'include names like %s that every object has',
    (value) => {
      const order: ShopifyOrder = {
        ...unknownEnumsOrder,
        displayFinancialStatus: value,
        displayFulfillmentStatus: value,
        returnStatus: value,
        fulfillments: [fulfillment({ status: value, displayStatus: value })],
      };
      const mapped = view(order);
      expect(mapped.milestones.find((m) => m.key === 'payment')?.detail).toBe('other');
      expect(mapped.shipments[0]?.status).toBe('unknown');
    },
  );
});

describe('an order with empty lists', () => {
  it('gives the bare timeline and no shipments', () => {
    expect(view(emptyOrder)).toEqual({
      order: {
        name: '#1012',
        processedAt: '2026-11-02T09:14:03Z',
        cancelled: false,
        financialStatus: null,
        fulfillmentStatus: 'UNFULFILLED',
        returnStatus: 'NO_RETURN',
        lineItems: [],
      },
      milestones: [
        { key: 'placed', state: 'done', at: '2026-11-02T09:14:03Z' },
        { key: 'fulfillment', state: 'current', detail: 'unfulfilled' },
        { key: 'shipped', state: 'upcoming' },
        { key: 'delivered', state: 'upcoming' },
      ],
      shipments: [],
    });
  });

  it('gives a parcel with no events, items or tracking', () => {
    const order = {
      ...emptyOrder,
      fulfillments: [fulfillment({ fulfillmentLineItems: { nodes: [] }, displayStatus: null })],
    };
    expect(view(order).shipments).toEqual([
      { status: 'unknown', shippedAt: '2026-11-03T13:20:41Z', events: [], lineItems: [] },
    ]);
  });
});

describe('text longer than the contract allows', () => {
  it('is shortened when it is prose and left out when it is an identifier', () => {
    const order = shippedWith('IN_TRANSIT', {
      trackingInfo: [
        {
          company: 'C'.repeat(300),
          number: '9'.repeat(300),
          url: `https://x.test/${'u'.repeat(3000)}`,
        },
      ],
      events: {
        nodes: [
          {
            status: 'IN_TRANSIT',
            happenedAt: '2026-11-04T10:00:00Z',
            message: 'm'.repeat(5000),
            city: 'c'.repeat(400),
            province: null,
            country: 'Norway',
          },
        ],
      },
    });
    const [shipment] = view(order).shipments;
    expect(shipment?.carrier?.name).toHaveLength(100);
    expect(shipment?.events[0]?.message).toHaveLength(1000);
    expect(shipment?.events[0]?.location).toHaveLength(300);
    expect(shipment).not.toHaveProperty('trackingNumber');
    expect(shipment).not.toHaveProperty('trackingUrl');
  });

  it('never splits a character made of two UTF-16 units', () => {
    const order = {
      ...emptyOrder,
      lineItems: { nodes: [{ name: `${'a'.repeat(499)}📦`, quantity: 1 }] },
    };
    expect(view(order).order.lineItems[0]?.name).toBe('a'.repeat(499));
  });

  it('drops events without a time', () => {
    const order = shippedWith('IN_TRANSIT', {
      events: {
        nodes: [
          {
            status: 'IN_TRANSIT',
            happenedAt: ' ',
            message: null,
            city: null,
            province: null,
            country: null,
          },
        ],
      },
    });
    expect(view(order).shipments[0]?.events).toEqual([]);
  });
});

// Arbitrary Admin-shaped orders: known enum values mixed with strings Shopify has never sent.
const openEnum = (known: string[]) =>
  fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 30 }));
const isoTime = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString());
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const eventArb = fc.record({
  status: openEnum(['IN_TRANSIT', 'DELIVERED', 'FAILURE', 'OUT_FOR_DELIVERY']),
  happenedAt: fc.oneof(isoTime, fc.string({ maxLength: 80 })),
  message: maybe(fc.string({ maxLength: 1200 })),
  city: maybe(fc.string({ maxLength: 200 })),
  province: maybe(fc.string({ maxLength: 200 })),
  country: maybe(fc.string({ maxLength: 200 })),
});

const fulfillmentArb = fc.record({
  status: openEnum(['SUCCESS', 'CANCELLED', 'ERROR', 'OPEN', 'PENDING', 'FAILURE']),
  displayStatus: maybe(openEnum(['DELIVERED', 'IN_TRANSIT', 'LABEL_VOIDED', 'ATTEMPTED_DELIVERY'])),
  createdAt: isoTime,
  inTransitAt: maybe(isoTime),
  deliveredAt: maybe(isoTime),
  estimatedDeliveryAt: maybe(fc.oneof(isoTime, fc.string({ maxLength: 100 }))),
  trackingInfo: fc.array(
    fc.record({
      company: maybe(fc.string({ maxLength: 150 })),
      number: maybe(fc.string({ maxLength: 150 })),
      url: maybe(fc.string({ maxLength: 50 })),
    }),
    { maxLength: 3 },
  ),
  events: fc.record({ nodes: fc.array(eventArb, { maxLength: 4 }) }),
  fulfillmentLineItems: fc.record({
    nodes: fc.array(
      fc.record({
        quantity: maybe(fc.integer({ min: -5, max: 50 })),
        lineItem: fc.record({ name: fc.string({ maxLength: 600 }) }),
      }),
      { maxLength: 3 },
    ),
  }),
});

const orderArb: fc.Arbitrary<ShopifyOrder> = fc.record({
  name: fc.string({ minLength: 1, maxLength: 120 }),
  email: fc.constant(PERSONAL_DATA.email),
  processedAt: isoTime,
  cancelledAt: maybe(isoTime),
  displayFinancialStatus: maybe(openEnum(['PAID', 'PENDING', 'VOIDED'])),
  displayFulfillmentStatus: openEnum(['FULFILLED', 'UNFULFILLED', 'ON_HOLD', 'SCHEDULED']),
  returnStatus: openEnum(['NO_RETURN', 'RETURNED', 'RETURN_REQUESTED']),
  customer: fc.constant({ id: PERSONAL_DATA.customerId }),
  lineItems: fc.record({
    nodes: fc.array(
      fc.record({
        name: fc.string({ maxLength: 600 }),
        quantity: fc.integer({ min: -1, max: 99 }),
      }),
      { maxLength: 3 },
    ),
  }),
  fulfillments: fc.array(fulfillmentArb, { maxLength: 3 }),
  fulfillmentOrders: fc.record({
    nodes: fc.array(
      fc.record({
        status: openEnum(['OPEN', 'ON_HOLD', 'SCHEDULED', 'CLOSED']),
        fulfillAt: maybe(isoTime),
        fulfillmentHolds: fc.array(
          fc.record({ reason: openEnum(['HIGH_RISK_OF_FRAUD', 'AWAITING_PAYMENT']) }),
          { maxLength: 2 },
        ),
      }),
      { maxLength: 3 },
    ),
  }),
});

describe('any order the Admin API could send', () => {
  it('maps without throwing to a contract-valid view with no personal data', () => {
    fc.assert(
      fc.property(orderArb, (order) => {
        const result = orderToTrackingView(order);
        expect(TrackingViewSchema.safeParse(result).success).toBe(true);
        const json = JSON.stringify(result);
        expect(json).not.toContain(PERSONAL_DATA.email);
        expect(json).not.toContain(PERSONAL_DATA.customerId);
        expect(result.milestones[0]?.key).toBe('placed');
      }),
      { numRuns: 300 },
    );
  });
});

describe('items not shipped yet and the shipped step', () => {
  const SOCKS = 'Merino hiking socks - Grey / 39-42';
  const BEANIE = 'Ribbed beanie - Forest green';
  const MUG = 'Enamel camp mug';
  const carrying = (items: [string, number][]) =>
    fulfillment({
      fulfillmentLineItems: {
        nodes: items.map(([name, quantity]) => ({ quantity, lineItem: { name } })),
      },
    });
  const cases: {
    name: string;
    status: string;
    lines: [string, number][];
    shipped: [string, number][][];
    unshipped: { name: string; quantity: number }[] | undefined;
    step: Pick<Milestone, 'state' | 'detail'>;
  }[] = [
    {
      name: 'one of three lines shipped',
      status: 'PARTIALLY_FULFILLED',
      lines: [
        [SOCKS, 2],
        [BEANIE, 1],
        [MUG, 1],
      ],
      shipped: [[[SOCKS, 2]]],
      unshipped: [
        { name: BEANIE, quantity: 1 },
        { name: MUG, quantity: 1 },
      ],
      step: { state: 'current', detail: 'partial' },
    },
    {
      name: 'part of one line shipped',
      status: 'PARTIALLY_FULFILLED',
      lines: [[SOCKS, 3]],
      shipped: [[[SOCKS, 1]], [[SOCKS, 1]]],
      unshipped: [{ name: SOCKS, quantity: 1 }],
      step: { state: 'current', detail: 'partial' },
    },
    {
      name: 'everything shipped in two parcels',
      status: 'FULFILLED',
      lines: [
        [SOCKS, 2],
        [MUG, 1],
      ],
      shipped: [[[SOCKS, 2]], [[MUG, 1]]],
      unshipped: undefined,
      step: { state: 'done' },
    },
    {
      name: 'Shopify says partly fulfilled though the names all match (a removed item, say)',
      status: 'PARTIALLY_FULFILLED',
      lines: [[SOCKS, 1]],
      shipped: [[[SOCKS, 1]]],
      unshipped: undefined,
      step: { state: 'current', detail: 'partial' },
    },
    {
      name: 'two lines with the same name, one shipped',
      status: 'PARTIALLY_FULFILLED',
      lines: [
        [MUG, 1],
        [MUG, 2],
      ],
      shipped: [[[MUG, 1]]],
      unshipped: [{ name: MUG, quantity: 2 }],
      step: { state: 'current', detail: 'partial' },
    },
  ];
  it.each(cases)('$name', ({ status, lines, shipped, unshipped, step }) => {
    const result = view({
      ...unfulfilledOrder,
      displayFulfillmentStatus: status,
      lineItems: { nodes: lines.map(([name, quantity]) => ({ name, quantity })) },
      fulfillments: shipped.map(carrying),
    });
    expect(result.unshippedLineItems).toEqual(unshipped);
    const shippedStep = result.milestones.find((m) => m.key === 'shipped');
    expect({ state: shippedStep?.state, detail: shippedStep?.detail }).toEqual({
      detail: undefined,
      ...step,
    });
    // The rule: Shipped is never done while the fulfilment step is still open.
    const preparing = result.milestones.find((m) => m.key === 'fulfillment');
    if (preparing?.state === 'current') expect(shippedStep?.state).not.toBe('done');
  });

  it('says nothing is left to ship when the order was cancelled after one parcel', () => {
    expect(view(cancelledAfterShippingOrder).unshippedLineItems).toBeUndefined();
  });

  it('leaves an order with nothing shipped to the "not shipped yet" note', () => {
    expect(view(unfulfilledOrder).unshippedLineItems).toBeUndefined();
  });
});

describe('delivery milestones refreshed after live carrier data', () => {
  it('keep Shipped in progress while items wait, and mark it done once nothing is left', () => {
    const partial = view(partiallyFulfilledOrder);
    const delivered = {
      ...partial,
      shipments: partial.shipments.map((s) => ({ ...s, status: 'delivered' as const })),
    };
    const shipped = (v: TrackingView) =>
      refreshDeliveryMilestones(v).milestones.find((m) => m.key === 'shipped');
    expect(shipped(delivered)).toMatchObject({ state: 'current', detail: 'partial' });
    const complete = {
      ...delivered,
      order: { ...delivered.order, fulfillmentStatus: 'FULFILLED' },
      unshippedLineItems: undefined,
    };
    expect(shipped(complete)).toMatchObject({ state: 'done' });
    expect(shipped(complete)?.detail).toBeUndefined();
  });
});

describe('product ids for recommendations', () => {
  it("carries each line item's product GID, and none for custom items", () => {
    const order: ShopifyOrder = {
      ...unfulfilledOrder,
      lineItems: {
        nodes: [
          { name: 'Wool hat', quantity: 1, product: { id: 'gid://shopify/Product/42' } },
          { name: 'Gift wrapping', quantity: 1, product: null },
        ],
      },
    };
    expect(view(order).order.lineItems).toEqual([
      { name: 'Wool hat', quantity: 1, productId: 'gid://shopify/Product/42' },
      { name: 'Gift wrapping', quantity: 1 },
    ]);
  });
});
