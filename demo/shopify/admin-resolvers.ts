// Resolves any Admin query over the seeded orders: a few fields by hand, the rest by property name.
import {
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
  getNamedType,
  getNullableType,
  isListType,
} from 'graphql';
import { type ConnectionArgs, connection } from './admin-connection.js';
import { compileOrderSearch } from './admin-search.js';
import type { SeedCustomer, SeedOrder } from './seed-types.js';

export type Args = Record<string, unknown> & ConnectionArgs;
/** A hand-written resolver for `Type.field`; may return a promise. */
export type Special = (source: unknown, args: Args) => unknown;

export interface SeedStore {
  orders: readonly SeedOrder[];
  customers: ReadonlyMap<string, SeedCustomer>;
}

export function createStore(orders: readonly SeedOrder[]): SeedStore {
  const customers = new Map<string, SeedCustomer>();
  for (const o of orders) if (o.customer) customers.set(o.customer.id, o.customer);
  return { orders, customers };
}

/** The demo shop as `QueryRoot.shop` answers it. */
export const SHOP = {
  id: 'gid://shopify/Shop/60001',
  name: 'Nordlys Outfitters (demo)',
  myshopifyDomain: 'nordlys-demo.myshopify.com',
  currencyCode: 'NOK',
  ianaTimezone: 'Europe/Oslo',
  timezoneAbbreviation: 'CET',
  weightUnit: 'KILOGRAMS',
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function ordersOf(store: SeedStore, args: Args, customerId?: string): unknown {
  const matches = compileOrderSearch(typeof args.query === 'string' ? args.query : null);
  const rows = store.orders.filter(
    (o) => (customerId === undefined || o.customer?.id === customerId) && matches(o),
  );
  return connection(rows, args);
}

function specials(store: SeedStore): Record<string, Special> {
  const customerId = (source: unknown) => (isRecord(source) ? String(source.id) : '');
  const customerOrders = (source: unknown) =>
    store.orders.filter((o) => o.customer?.id === customerId(source));
  return {
    'QueryRoot.shop': () => SHOP,
    'QueryRoot.orders': (_s, args) => ordersOf(store, args),
    'QueryRoot.order': (_s, args) => store.orders.find((o) => o.id === args.id) ?? null,
    'QueryRoot.customer': (_s, args) => store.customers.get(String(args.id)) ?? null,
    'QueryRoot.ordersCount': (_s, args) => {
      const matches = compileOrderSearch(typeof args.query === 'string' ? args.query : null);
      return { count: store.orders.filter(matches).length, precision: 'EXACT' };
    },
    'Customer.orders': (source, args) => ordersOf(store, args, customerId(source)),
    'Customer.numberOfOrders': (source) => String(customerOrders(source).length),
    'Customer.lastOrder': (source) =>
      customerOrders(source).sort((a, b) => (a.processedAt < b.processedAt ? 1 : -1))[0] ?? null,
    'Order.fulfillmentsCount': (source) => ({
      count:
        isRecord(source) && Array.isArray(source.fulfillments) ? source.fulfillments.length : 0,
      precision: 'EXACT',
    }),
  };
}

/**
 * graphql-js `fieldResolver` for the Admin schema over `store`. `extra` adds or overrides
 * resolvers by `Type.field` (e.g. `Mutation.fulfillmentEventCreate`); other mutations are refused.
 */
export function createFieldResolver(
  store: SeedStore,
  extra: Readonly<Record<string, Special>> = {},
): GraphQLFieldResolver<unknown, unknown> {
  const special = { ...specials(store), ...extra };
  return (source, rawArgs, _context, info) => {
    const args = rawArgs as Args;
    const hand = special[`${info.parentType.name}.${info.fieldName}`];
    if (hand) return hand(source, args);
    if (info.parentType === info.schema.getMutationType()) {
      throw new GraphQLError('This local Admin API answers queries only.', {
        extensions: { code: 'NOT_IMPLEMENTED' },
      });
    }
    const value = isRecord(source) ? source[info.fieldName] : undefined;
    if (value === undefined) return null;
    if (Array.isArray(value)) {
      // Search on nested fields is not modelled: an unsupported filter matches nothing.
      const rows = typeof args.query === 'string' && args.query.trim() !== '' ? [] : value;
      if (getNamedType(info.returnType).name.endsWith('Connection')) {
        return connection(rows as object[], args);
      }
      if (isListType(getNullableType(info.returnType)) && typeof args.first === 'number') {
        return rows.slice(0, Math.max(0, args.first));
      }
      return rows;
    }
    return value;
  };
}

/** Abstract types (e.g. `Event`) are resolved from the seed object's `__typename`. */
export const typeResolver: GraphQLTypeResolver<unknown, unknown> = (value) =>
  isRecord(value) && typeof value.__typename === 'string' ? value.__typename : undefined;
