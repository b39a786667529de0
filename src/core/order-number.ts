// Order-number parsing: what a shopper typed → a safe Shopify search term and the form to compare with Order.name.

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

// An allow-list rather than a list of dangerous characters: Shopify's search grammar may grow, but
// letters and digits joined by single inner separators will stay plain terms. A separator may not
// lead (a leading `-` negates a term), trail, or repeat.
const WORD = String.raw`[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}]*`;
const ALLOWED = new RegExp(`^${WORD}(?:[-_./]${WORD})*$`, 'u');

// Shopify's search connectives; as a whole query they would be read as syntax, not as a name.
const CONNECTIVES = new Set(['or', 'and', 'not']);

export function parseOrderNumber(input: string): OrderNumberResult {
  // NFKC folds what phone keyboards produce (full-width digits, `＃`) into the plain characters.
  const bare = input.normalize('NFKC').trim().replace(/^#\s*/, '');
  if (!bare) return { ok: false, issue: 'required' };
  if ([...bare].length > ORDER_NUMBER_MAX_LENGTH) return { ok: false, issue: 'too_long' };
  if (!ALLOWED.test(bare) || CONNECTIVES.has(bare.toLowerCase())) {
    return { ok: false, issue: 'invalid_format' };
  }
  return { ok: true, value: { bare, searchQuery: `name:${bare}` } };
}

function canonicalName(name: string): string {
  return name.normalize('NFKC').replace(/^#/, '').toLowerCase();
}

/** Exact match of Shopify's `Order.name` against the parsed number (case-insensitive, one leading `#` ignored). */
export function orderNameMatches(orderName: string, orderNumber: OrderNumber): boolean {
  const wanted = canonicalName(orderNumber.bare);
  return wanted !== '' && canonicalName(orderName) === wanted;
}
