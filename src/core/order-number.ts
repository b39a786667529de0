// Order-number parsing: what a shopper typed → a safe Shopify search term and the form to compare with Order.name.
// PROVISIONAL: signatures are fixed; the implementation is being completed with its tests.

export type OrderNumberIssue = 'required' | 'too_long' | 'invalid_format';

export interface OrderNumber {
  /** What the shopper meant, without a leading `#` and surrounding spaces: `1001`, `NO-1001`, `1001-A`. */
  bare: string;
  /** The Admin API search string, e.g. `name:1001`. Safe: contains no search syntax. */
  searchQuery: string;
}

export type OrderNumberResult =
  | { ok: true; value: OrderNumber }
  | { ok: false; issue: OrderNumberIssue };

export const ORDER_NUMBER_MAX_LENGTH = 32;

export function parseOrderNumber(input: string): OrderNumberResult {
  const trimmed = input.trim().replace(/^#/, '');
  if (!trimmed) return { ok: false, issue: 'required' };
  if (trimmed.length > ORDER_NUMBER_MAX_LENGTH) return { ok: false, issue: 'too_long' };
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(trimmed)) return { ok: false, issue: 'invalid_format' };
  return { ok: true, value: { bare: trimmed, searchQuery: `name:${trimmed}` } };
}

/** Exact match of Shopify's `Order.name` against the parsed number (case-insensitive, one leading `#` ignored). */
export function orderNameMatches(orderName: string, orderNumber: OrderNumber): boolean {
  return orderName.replace(/^#/, '').toLowerCase() === orderNumber.bare.toLowerCase();
}
