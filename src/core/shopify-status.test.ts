import { describe, expect, it } from 'vitest';
import {
  FINANCIAL_STATUS,
  FULFILLMENT_DISPLAY_STATUS,
  FULFILLMENT_EVENT_STATUS,
  FULFILLMENT_ORDER_STATUS,
  FULFILLMENT_RECORD_STATUS,
  FULFILLMENT_STATUS,
  financialStep,
  fulfillmentOrderPhase,
  fulfillmentRecordUse,
  fulfillmentStep,
  HOLD_REASON,
  holdReason,
  NEUTRAL_STEP,
  RETURN_STATUS,
  returnStep,
  shipmentStatusFromDisplay,
  shipmentStatusFromEvent,
} from './shopify-status.js';

// Names that exist on every plain object: a naive `table[key]` would find Object.prototype's members.
const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const UNSEEN = ['', 'paid', 'SOMETHING_NEW', ...PROTOTYPE_KEYS];

describe('lookups give a neutral default for values the tables do not know', () => {
  it.each(UNSEEN)('%j: payment and fulfillment become a neutral current step', (value) => {
    expect(financialStep(value)).toEqual({ state: 'current', detail: 'other' });
    expect(fulfillmentStep(value)).toEqual({ state: 'current', detail: 'other' });
  });

  it.each(UNSEEN)('%j: a return becomes a neutral current step', (value) => {
    expect(returnStep(value)).toEqual(NEUTRAL_STEP);
  });

  it.each(UNSEEN)('%j: shipment and event statuses become unknown', (value) => {
    expect(shipmentStatusFromDisplay(value)).toBe('unknown');
    expect(shipmentStatusFromEvent(value)).toBe('unknown');
  });

  it.each(UNSEEN)('%j: a hold reason becomes other', (value) => {
    expect(holdReason(value)).toBe('other');
  });

  it.each(UNSEEN)('%j: a fulfillment order phase becomes other', (value) => {
    expect(fulfillmentOrderPhase(value)).toBe('other');
  });

  it.each(UNSEEN)('%j: a fulfillment with an unknown status stays shown', (value) => {
    expect(fulfillmentRecordUse(value)).toBe('shown');
  });

  it('gives no payment step when Shopify gives no financial status', () => {
    expect(financialStep(null)).toBeNull();
    expect(financialStep(undefined)).toBeNull();
  });

  it('treats a missing display status as unknown', () => {
    expect(shipmentStatusFromDisplay(null)).toBe('unknown');
    expect(shipmentStatusFromDisplay(undefined)).toBe('unknown');
  });

  it('shows no return step when there is no return', () => {
    expect(returnStep('NO_RETURN')).toBeNull();
  });
});

describe('lookups return the table entry for every known value', () => {
  const cases: [string, Record<string, unknown>, (value: string) => unknown][] = [
    ['FINANCIAL_STATUS', FINANCIAL_STATUS, financialStep],
    ['FULFILLMENT_STATUS', FULFILLMENT_STATUS, fulfillmentStep],
    ['RETURN_STATUS', RETURN_STATUS, returnStep],
    ['FULFILLMENT_DISPLAY_STATUS', FULFILLMENT_DISPLAY_STATUS, shipmentStatusFromDisplay],
    ['FULFILLMENT_EVENT_STATUS', FULFILLMENT_EVENT_STATUS, shipmentStatusFromEvent],
    ['FULFILLMENT_RECORD_STATUS', FULFILLMENT_RECORD_STATUS, fulfillmentRecordUse],
    ['FULFILLMENT_ORDER_STATUS', FULFILLMENT_ORDER_STATUS, fulfillmentOrderPhase],
    ['HOLD_REASON', HOLD_REASON, holdReason],
  ];

  it.each(cases)('%s', (_name, table, lookup) => {
    for (const [value, mapped] of Object.entries(table)) expect(lookup(value)).toEqual(mapped);
  });
});

describe('shopper-safe wording', () => {
  it('never names fraud or risk in a hold reason', () => {
    expect(HOLD_REASON.HIGH_RISK_OF_FRAUD).toBe('other');
    for (const reason of Object.values(HOLD_REASON)) expect(reason).not.toMatch(/fraud|risk/i);
  });
});
