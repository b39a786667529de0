// The ports the two customer compliance topics go through: each table tied to customers adds one.
//
// The orders store is the one table tied to customers (by customer GID and by order); shops,
// sessions, webhook events and secrets are about the shop.
import type { WebhookDeps } from './types.js';

/** One customer of one shop and the orders a compliance request names, in both id spellings. */
export interface CustomerRequest {
  shop: string;
  /** Shopify's REST customer id (decimal text) and its GraphQL id `gid://shopify/Customer/…`. */
  customerId: string;
  customerGid: string;
  /** REST order ids as the payload lists them, and the same as `gid://shopify/Order/…`. */
  orderIds: readonly string[];
  orderGids: readonly string[];
}

/** What one store holds about the customer: ids of records only, never their content. */
export interface HeldRecords {
  /** What kind of record, e.g. `order`. */
  kind: string;
  /** Their ids (GraphQL ids where the record has one). */
  ids: string[];
}

/** Reports, for `customers/data_request`, what one table holds about the customer. */
export interface CustomerDataReporter {
  name: string;
  held(request: CustomerRequest, deps: WebhookDeps): Promise<HeldRecords>;
}

/** Erases, for `customers/redact`, what one table holds tied to the customer or those orders. */
export interface CustomerRedactor {
  name: string;
  /** Deletes the rows of `request.shop` only; returns how many went. Throws on a database fault. */
  redact(request: CustomerRequest, deps: WebhookDeps): Promise<number>;
}

/** Every table that can answer a data request: the stored orders (their ids, never content). */
export const CUSTOMER_DATA_REPORTERS: readonly CustomerDataReporter[] = [
  {
    name: 'orders',
    async held(request, deps) {
      const orders = await deps.repos.orders.byCustomer(request.shop, request.customerGid, 250);
      return { kind: 'order', ids: orders.map((order) => order.orderGid) };
    },
  },
];

/** Every table that must forget a customer: the stored orders of the customer and those named. */
export const CUSTOMER_REDACTORS: readonly CustomerRedactor[] = [
  {
    name: 'orders',
    async redact(request, deps) {
      const byCustomer = await deps.repos.orders.deleteByCustomer(
        request.shop,
        request.customerGid,
      );
      let named = 0;
      for (const gid of request.orderGids) {
        if (await deps.repos.orders.deleteByGid(request.shop, gid)) named += 1;
      }
      return byCustomer.length + named;
    },
  },
];
