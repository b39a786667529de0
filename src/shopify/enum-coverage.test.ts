import { isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  FINANCIAL_STATUS,
  FULFILLMENT_DISPLAY_STATUS,
  FULFILLMENT_EVENT_STATUS,
  FULFILLMENT_ORDER_STATUS,
  FULFILLMENT_RECORD_STATUS,
  FULFILLMENT_STATUS,
  HOLD_REASON,
  RETURN_STATUS,
} from '../core/shopify-status.js';
import { loadAdminSchema } from './admin-schema.js';

// Each Shopify enum the tracking view reads, beside the table that maps it.
const TABLES: [enumName: string, table: Record<string, unknown>][] = [
  ['OrderDisplayFinancialStatus', FINANCIAL_STATUS],
  ['OrderDisplayFulfillmentStatus', FULFILLMENT_STATUS],
  ['OrderReturnStatus', RETURN_STATUS],
  ['FulfillmentDisplayStatus', FULFILLMENT_DISPLAY_STATUS],
  ['FulfillmentEventStatus', FULFILLMENT_EVENT_STATUS],
  ['FulfillmentStatus', FULFILLMENT_RECORD_STATUS],
  ['FulfillmentOrderStatus', FULFILLMENT_ORDER_STATUS],
  ['FulfillmentHoldReason', HOLD_REASON],
];

function enumValues(name: string): string[] {
  const type = loadAdminSchema().getType(name);
  if (!isEnumType(type)) throw new Error(`${name} is not an enum in the Admin schema`);
  return type.getValues().map((value) => value.name);
}

describe("status tables cover Shopify's 2026-10 Admin schema exactly", () => {
  it.each(TABLES)('every %s value has an explicit entry', (enumName, table) => {
    const missing = enumValues(enumName).filter((value) => !Object.hasOwn(table, value));
    expect(missing).toEqual([]);
  });

  it.each(TABLES)('the %s table holds no value the schema lacks', (enumName, table) => {
    const known = new Set(enumValues(enumName));
    expect(Object.keys(table).filter((value) => !known.has(value))).toEqual([]);
  });

  it('includes deprecated values still in the schema (FulfillmentStatus OPEN and PENDING)', () => {
    expect(enumValues('FulfillmentStatus')).toEqual(expect.arrayContaining(['OPEN', 'PENDING']));
  });

  it('rejects a name that is not an enum (the check can fail)', () => {
    expect(() => enumValues('Order')).toThrow(/not an enum/);
  });
});
