import { GraphQLEnumType } from 'graphql';
import { getTracking } from 'ts-tracking-number';
import { describe, expect, it } from 'vitest';
import { parseOrderNumber } from '../../src/core/order-number.js';
import { loadAdminSchema } from '../../src/shopify/admin-schema.js';
import { privateStrings } from './seed-builders.js';
import { demoOrderTable, seedOrders } from './seed-orders.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const orders = seedOrders(NOW);
const byName = (name: string) => {
  const order = orders.find((o) => o.name === name);
  if (!order) throw new Error(`no seed order ${name}`);
  return order;
};

function enumValues(name: string): string[] {
  const type = loadAdminSchema().getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an enum`);
  return type.getValues().map((v) => v.name);
}

describe('seeded orders', () => {
  it('are at least 16, with unique names and ids', () => {
    expect(orders.length).toBeGreaterThanOrEqual(16);
    expect(new Set(orders.map((o) => o.name)).size).toBe(orders.length);
    expect(new Set(orders.map((o) => o.id)).size).toBe(orders.length);
  });

  it('each have a unique confirmation code that the lookup reads as one', () => {
    const codes = orders.map((o) => o.confirmationNumber ?? '');
    expect(new Set(codes).size).toBe(orders.length);
    for (const code of codes) {
      const parsed = parseOrderNumber(code);
      expect(parsed.ok && parsed.value).toMatchObject({ kind: 'confirmation_number', bare: code });
    }
  });

  it('each have a customer with name, email, phone and a full address', () => {
    for (const o of orders) {
      expect(o.customer?.firstName, o.name).toBeTruthy();
      expect(o.customer?.lastName, o.name).toBeTruthy();
      expect(o.email, o.name).toMatch(/^[a-z]+@example\.(com|org)$/);
      expect(o.customer?.email).toBe(o.email);
      expect(o.phone, o.name).toMatch(/^\+\d[\d ]+$/);
      const a = o.billingAddress;
      expect([a?.address1, a?.city, a?.zip, a?.country, a?.countryCodeV2].every(Boolean)).toBe(
        true,
      );
    }
  });

  it('each carry staff-only data: a note, tags and a staff comment', () => {
    for (const o of orders) {
      expect(o.note, o.name).toBeTruthy();
      expect(o.tags.length, o.name).toBeGreaterThan(0);
      expect(o.events.length, o.name).toBeGreaterThan(0);
      expect(privateStrings(o).length, o.name).toBeGreaterThanOrEqual(6);
    }
  });

  it("use only enum values Shopify's 2026-10 schema defines", () => {
    const allowed = {
      financial: enumValues('OrderDisplayFinancialStatus'),
      fulfillment: enumValues('OrderDisplayFulfillmentStatus'),
      returns: enumValues('OrderReturnStatus'),
      display: enumValues('FulfillmentDisplayStatus'),
      status: enumValues('FulfillmentStatus'),
      event: enumValues('FulfillmentEventStatus'),
      fo: enumValues('FulfillmentOrderStatus'),
      hold: enumValues('FulfillmentHoldReason'),
      cancel: enumValues('OrderCancelReason'),
    };
    for (const o of orders) {
      expect(allowed.financial).toContain(o.displayFinancialStatus);
      expect(allowed.fulfillment).toContain(o.displayFulfillmentStatus);
      expect(allowed.returns).toContain(o.returnStatus);
      if (o.cancelReason) expect(allowed.cancel).toContain(o.cancelReason);
      for (const f of o.fulfillments) {
        expect(allowed.display).toContain(f.displayStatus);
        expect(allowed.status).toContain(f.status);
        for (const e of f.events) expect(allowed.event).toContain(e.status);
      }
      for (const fo of o.fulfillmentOrders) {
        expect(allowed.fo).toContain(fo.status);
        for (const h of fo.fulfillmentHolds) expect(allowed.hold).toContain(h.reason);
      }
    }
  });

  it('cover every payment status the widget shows', () => {
    const seen = new Set(orders.map((o) => o.displayFinancialStatus));
    for (const s of [
      'PENDING',
      'AUTHORIZED',
      'PAID',
      'EXPIRED',
      'PARTIALLY_REFUNDED',
      'REFUNDED',
      'VOIDED',
    ]) {
      expect(seen, s).toContain(s);
    }
  });

  it('cover fulfillment, shipment and return states', () => {
    const fulfillment = new Set(orders.map((o) => o.displayFulfillmentStatus));
    for (const s of [
      'UNFULFILLED',
      'SCHEDULED',
      'ON_HOLD',
      'PARTIALLY_FULFILLED',
      'FULFILLED',
      'FULFILLMENT_NOT_REQUIRED',
    ]) {
      expect(fulfillment, s).toContain(s);
    }
    const display = new Set(orders.flatMap((o) => o.fulfillments.map((f) => f.displayStatus)));
    for (const s of [
      'IN_TRANSIT',
      'OUT_FOR_DELIVERY',
      'ATTEMPTED_DELIVERY',
      'DELIVERED',
      'READY_FOR_PICKUP',
      'DELAYED',
    ]) {
      expect(display, s).toContain(s);
    }
    const returns = new Set(orders.map((o) => o.returnStatus));
    for (const s of ['RETURN_REQUESTED', 'IN_PROGRESS', 'RETURNED'])
      expect(returns, s).toContain(s);
    expect(orders.some((o) => o.cancelledAt !== null)).toBe(true);
  });

  it('hold one order for stock and one for fraud', () => {
    const reasons = orders.flatMap((o) =>
      o.fulfillmentOrders.flatMap((fo) => fo.fulfillmentHolds.map((h) => h.reason)),
    );
    expect(reasons).toContain('INVENTORY_OUT_OF_STOCK');
    expect(reasons).toContain('HIGH_RISK_OF_FRAUD');
  });

  it('schedule a fulfillment order in the future', () => {
    const scheduled = orders
      .flatMap((o) => o.fulfillmentOrders)
      .filter((fo) => fo.status === 'SCHEDULED');
    expect(scheduled.length).toBeGreaterThan(0);
    for (const fo of scheduled) expect(Date.parse(fo.fulfillAt ?? '')).toBeGreaterThan(+NOW);
  });

  it('ship a partly fulfilled order in two parcels by different carriers', () => {
    const partial = orders.find((o) => o.displayFulfillmentStatus === 'PARTIALLY_FULFILLED');
    const companies = partial?.fulfillments.map((f) => f.trackingInfo[0]?.company);
    expect(new Set(companies).size).toBe(2);
  });

  it('include a UPS number without a carrier name that a format check recognises', () => {
    const bare = orders
      .flatMap((o) => o.fulfillments.flatMap((f) => f.trackingInfo))
      .find((t) => t.company === null);
    expect(bare?.number).toBe('1Z999AA10123456784');
    expect(getTracking(bare?.number ?? '')?.courier.code).toBe('ups');
  });

  it("include Bring's documented test parcels", () => {
    const numbers = orders.flatMap((o) =>
      o.fulfillments.flatMap((f) => f.trackingInfo.map((t) => t.number)),
    );
    for (const n of [
      'TESTPACKAGEATPICKUPPOINT',
      'TESTPACKAGELOADEDFORDELIVERY',
      'TESTPACKAGEDELIVERED',
    ]) {
      expect(numbers).toContain(n);
    }
  });

  it('include a digital order, a prefixed order name and a name-token twin', () => {
    expect(byName('#1017').lineItems.every((l) => !l.requiresShipping)).toBe(true);
    expect(byName('#1017').fulfillments).toEqual([]);
    expect(byName('#NO-1042').displayFulfillmentStatus).toBe('FULFILLED');
    expect(byName('#1001-A').email).not.toBe(byName('#1001').email);
  });

  it('give customer 7001 at least three orders', () => {
    const mine = orders.filter((o) => o.customer?.id === 'gid://shopify/Customer/7001');
    expect(mine.length).toBeGreaterThanOrEqual(3);
  });

  it('ship only line items of their own order, in quantities the order has', () => {
    for (const o of orders) {
      for (const f of o.fulfillments) {
        for (const fli of f.fulfillmentLineItems) {
          const item = o.lineItems.find((l) => l.id === fli.lineItem.id);
          expect(item, o.name).toBeDefined();
          expect(fli.quantity).toBeLessThanOrEqual(item?.quantity ?? 0);
        }
      }
    }
  });

  it('are dated relative to now, so the demo always looks current', () => {
    for (const o of orders) {
      const age = +NOW - Date.parse(o.processedAt);
      expect(age, o.name).toBeGreaterThan(0);
      expect(age, o.name).toBeLessThan(60 * 24 * 3_600_000);
    }
    const later = seedOrders(new Date(+NOW + 86_400_000));
    expect(Date.parse(later[0]?.processedAt ?? '') - Date.parse(orders[0]?.processedAt ?? '')).toBe(
      86_400_000,
    );
  });

  it('list their events oldest first with times that are not in the future', () => {
    for (const o of orders) {
      for (const f of o.fulfillments) {
        const times = f.events.map((e) => Date.parse(e.happenedAt));
        expect([...times].sort((a, b) => a - b)).toEqual(times);
        for (const t of times) expect(t).toBeLessThanOrEqual(+NOW);
      }
    }
  });
});

describe('demoOrderTable', () => {
  it('has one row per seeded order, with its number and email', () => {
    const rows = demoOrderTable();
    expect(rows.map((r) => [r.orderNumber, r.email])).toEqual(orders.map((o) => [o.name, o.email]));
    for (const r of rows) expect(r.shows.length).toBeGreaterThan(5);
  });
});
