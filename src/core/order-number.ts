// Order-number parsing: what a shopper typed or pasted → a safe Shopify search term and the form to compare with.
import { cleanInput } from './input-text.js';

export type OrderNumberIssue = 'required' | 'too_long' | 'invalid_format';

/**
 * Which number the shopper gave: an order name (`#1001`, `NO-1001`) or the confirmation code from
 * the thank-you page (`Order.confirmationNumber`, e.g. `KX7P2M9QD`).
 */
export type OrderNumberKind = 'name' | 'confirmation_number';

export interface OrderNumber {
  kind: OrderNumberKind;
  /** What the shopper meant, without a leading `#`, spaces or text around it: `1001`, `NO-1001`, `KX7P2M9QD`. */
  bare: string;
  /** The Admin API search string, `name:1001` or `confirmation_number:KX7P2M9QD`. Safe: no search syntax. */
  searchQuery: string;
}

export type OrderNumberResult =
  | { ok: true; value: OrderNumber }
  | { ok: false; issue: OrderNumberIssue };

/** Longest order number (one token). */
export const ORDER_NUMBER_MAX_LENGTH = 32;
/** Longest pasted text an order number is picked out of ("Order #1004, thanks!"). */
export const ORDER_TEXT_MAX_LENGTH = 100;

// An allow-list rather than a list of dangerous characters: Shopify's search grammar may grow, but
// letters and digits joined by single inner separators will stay plain terms. A separator may not
// lead (a leading `-` negates a term), trail, or repeat.
const WORD = String.raw`[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}]*`;
const ALLOWED = new RegExp(`^${WORD}(?:[-_./]${WORD})*$`, 'u');

/**
 * Shopify's confirmation codes: 9 to 12 ASCII letters and digits, at least one a letter, never a `#`
 * or separator. Order names are digits with an optional `#`, prefix or suffix; a shop whose names
 * look like a code (9+ letters and digits, nothing between) is looked up by name when typed with `#`.
 */
const CONFIRMATION_CODE = /^(?=[0-9]*[A-Za-z])[A-Za-z0-9]{9,12}$/;

// Shopify's search connectives; as a whole query they would be read as syntax, not as a name.
const CONNECTIVES = new Set(['or', 'and', 'not']);

// Pasted text: words of letters (inner `-` or apostrophe allowed), prose punctuation after a word, and the
// one token that holds a digit, optionally behind one `#`. Anything else (`:` inside a word, quotes,
// `*`, brackets, a leading `-`) makes the text invalid, so no search syntax is ever half-read.
const PROSE_WORD = /^\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*$/u;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/u;

function token(value: string, hashed: boolean): OrderNumberResult {
  if ([...value].length > ORDER_NUMBER_MAX_LENGTH) return { ok: false, issue: 'too_long' };
  if (!ALLOWED.test(value) || CONNECTIVES.has(value.toLowerCase())) {
    return { ok: false, issue: 'invalid_format' };
  }
  if (!hashed && CONFIRMATION_CODE.test(value)) {
    const code = value.toUpperCase();
    return {
      ok: true,
      value: {
        kind: 'confirmation_number',
        bare: code,
        searchQuery: `confirmation_number:${code}`,
      },
    };
  }
  return { ok: true, value: { kind: 'name', bare: value, searchQuery: `name:${value}` } };
}

/** The one digit-holding token of pasted text, or invalid_format for none, several, or syntax. */
function fromText(text: string): OrderNumberResult {
  const found: string[] = [];
  for (const word of text.split(/\s+/u)) {
    const bare = word.replace(TRAILING_PUNCTUATION, '');
    if (bare === '#') continue;
    if (PROSE_WORD.test(bare) && !/^(?:OR|AND|NOT)$/.test(bare)) continue;
    const candidate = bare.startsWith('#') ? bare.slice(1) : bare;
    if (!/\p{Nd}/u.test(candidate) || !ALLOWED.test(candidate)) {
      return { ok: false, issue: 'invalid_format' };
    }
    found.push(bare);
  }
  const [only] = found;
  if (only === undefined || found.length > 1) return { ok: false, issue: 'invalid_format' };
  return token(only.replace(/^#/, ''), only.startsWith('#'));
}

/**
 * Reads an order name or confirmation code from the order-number field. Accepts any script's
 * digits, invisible characters from copy-paste, full-width forms, one leading `#`, and text around
 * exactly one number ("Order #1004", "order 1004, thanks!", "Ordre nr. 1005").
 */
export function parseOrderNumber(input: string): OrderNumberResult {
  const text = cleanInput(input);
  const hashed = text.startsWith('#');
  const single = text.replace(/^#\s*/, '');
  if (!single) return { ok: false, issue: 'required' };
  if (!/\s/u.test(single)) {
    const result = token(single, hashed);
    if (result.ok || result.issue === 'too_long') return result;
  }
  if ([...text].length > ORDER_TEXT_MAX_LENGTH) return { ok: false, issue: 'too_long' };
  return fromText(text);
}

function canonicalName(name: string): string {
  return name.normalize('NFKC').replace(/^#/, '').toLowerCase();
}

/** Exact match of Shopify's `Order.name` against the parsed number (case-insensitive, one leading `#` ignored). */
export function orderNameMatches(orderName: string, orderNumber: OrderNumber): boolean {
  const wanted = canonicalName(orderNumber.bare);
  return wanted !== '' && canonicalName(orderName) === wanted;
}

/**
 * Whether an order is the one the shopper named: `Order.name` for a name, `Order.confirmationNumber`
 * (case-insensitive, exact) for a confirmation code. The search that found the order is a token
 * match, so this exact comparison decides.
 */
export function orderMatches(
  order: { name: string; confirmationNumber?: string | null | undefined },
  orderNumber: OrderNumber,
): boolean {
  if (orderNumber.kind === 'name') return orderNameMatches(order.name, orderNumber);
  const code = order.confirmationNumber?.trim().toUpperCase() ?? '';
  return code !== '' && code === orderNumber.bare.toUpperCase();
}
