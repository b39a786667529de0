// Date terms in Admin order search (`updated_at:>2026-11-01T00:00:00Z`), which backfill and reconciliation page by.
//
// The rest of the search string goes to compileOrderSearch unchanged. Shopify's syntax:
// `field:>value`, `:>=`, `:<`, `:<=`, or `:value` (the same instant); values are ISO 8601 times,
// optionally quoted.
import { connection } from './admin-connection.js';
import type { Args, Special } from './admin-resolvers.js';
import { compileOrderSearch, type OrderPredicate } from './admin-search.js';
import type { SeedOrder } from './seed-types.js';

const DATE_FIELDS = {
  updated_at: 'updatedAt',
  created_at: 'createdAt',
  processed_at: 'processedAt',
} as const;
const DATE_TERM =
  /(?:^|\s)(updated_at|created_at|processed_at):(>=|<=|>|<)?(?:"([^"]*)"|'([^']*)'|(\S+))(?=\s|$)/g;

/** Compiles `query` with date terms understood; an unparseable date matches nothing. */
export function compileOrderSearchWithDates(query: string | null | undefined): OrderPredicate {
  if (query == null) return compileOrderSearch(query);
  const checks: OrderPredicate[] = [];
  const rest = query.replace(DATE_TERM, (_m, field: keyof typeof DATE_FIELDS, op = '', a, b, c) => {
    const at = Date.parse(String(a ?? b ?? c));
    const key = DATE_FIELDS[field];
    checks.push((o) => {
      const t = Date.parse(o[key]);
      if (Number.isNaN(at)) return false;
      if (op === '>') return t > at;
      if (op === '>=') return t >= at;
      if (op === '<') return t < at;
      if (op === '<=') return t <= at;
      return t === at;
    });
    return ' ';
  });
  const others = rest.trim() === '' ? null : compileOrderSearch(rest.replace(/\s+AND\s*$/, ''));
  return (o) => checks.every((c) => c(o)) && (others === null || others(o));
}

/** `QueryRoot.orders` and `ordersCount` with date terms, for createFieldResolver's `extra`. */
export function dateSearchResolvers(orders: readonly SeedOrder[]): Record<string, Special> {
  const matching = (args: Args) =>
    orders.filter(compileOrderSearchWithDates(typeof args.query === 'string' ? args.query : null));
  return {
    'QueryRoot.orders': (_s, args) => connection(matching(args), args),
    'QueryRoot.ordersCount': (_s, args) => ({ count: matching(args).length, precision: 'EXACT' }),
  };
}
