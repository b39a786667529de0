// The part of Shopify's order search syntax the app relies on; anything else matches no order.
import type { SeedOrder } from './seed-types.js';

export type OrderPredicate = (order: SeedOrder) => boolean;

const NOTHING: OrderPredicate = () => false;

/** Lower-cased word tokens: `#1001-A` → `1001`, `a`. */
export function searchTokens(value: string): string[] {
  return value
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

function containsRun(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((t, j) => haystack[i + j] === t)) return true;
  }
  return false;
}

/** `name:` is a token match: every token of the value, in order, among the name's tokens. */
export function nameMatches(name: string, value: string): boolean {
  return containsRun(searchTokens(name), searchTokens(value));
}

interface Term {
  field: string | null;
  value: string;
}

// Splits on spaces outside quotes; returns null for syntax this emulator does not model.
function terms(query: string): Term[] | null {
  const out: Term[] = [];
  const text = query.trim();
  const pattern = /(?:([A-Za-z_]+):)?(?:"([^"]*)"|'([^']*)'|([^\s"']+))(?:\s+|$)/y;
  while (pattern.lastIndex < text.length) {
    const m = pattern.exec(text);
    if (!m) return null;
    const field = m[1]?.toLowerCase() ?? null;
    const quoted = m[2] ?? m[3];
    const value = quoted ?? m[4] ?? '';
    if (quoted === undefined) {
      if (field === null && value === 'AND') continue;
      if (/^(OR|NOT)$|^-|[*:()<>=]/.test(value)) return null;
    }
    out.push({ field, value });
  }
  return out;
}

function termPredicate(term: Term): OrderPredicate {
  const value = term.value.toLowerCase();
  switch (term.field) {
    case 'name':
      return (o) => nameMatches(o.name, term.value);
    case 'confirmation_number':
      return (o) => o.confirmationNumber?.toLowerCase() === value;
    case 'email':
      return (o) => o.email?.toLowerCase() === value;
    case 'customer_id':
      return (o) => o.customer?.legacyResourceId === term.value;
    case null:
      return (o) =>
        nameMatches(o.name, term.value) ||
        o.email?.toLowerCase() === value ||
        o.customer?.firstName.toLowerCase() === value ||
        o.customer?.lastName.toLowerCase() === value;
    default:
      return NOTHING;
  }
}

/** Compiles a search string; an empty or missing one matches every order. */
export function compileOrderSearch(query: string | null | undefined): OrderPredicate {
  if (query == null) return () => true;
  const parsed = terms(query);
  if (parsed === null) return NOTHING;
  const predicates = parsed.map(termPredicate);
  return (order) => predicates.every((p) => p(order));
}
