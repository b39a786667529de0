// `customers/data_request` (compliance): report what the app holds about one customer of the shop.
//
// What this app holds: no personal data at all (no names, e-mails, phones or addresses; e-mails
// only as keyed fingerprints once orders are stored). The answer is therefore a log record, free
// of personal data, saying the request was handled and which of the named orders the app holds, so
// the merchant can be told; Shopify expects the merchant, not the app, to send the data to the
// customer. Tables that hold customer-linked rows add a CustomerDataReporter.
import {
  CUSTOMER_DATA_REPORTERS,
  type CustomerDataReporter,
  type CustomerRequest,
} from './customer-data.js';
import { parsePayload } from './parse.js';
import { CustomersDataRequestPayloadSchema, customerGid, orderGid } from './payloads.js';
import type { WebhookHandler } from './types.js';

/**
 * A data-request handler over `reporters`. Logs `customer_data_request_answered` with the shop,
 * the request's id, how many orders were named and the ids of the records held (per kind). No
 * customer id, e-mail or phone is logged.
 */
export function createCustomersDataRequestHandler(
  reporters: readonly CustomerDataReporter[],
): WebhookHandler {
  return async (delivery, deps) => {
    const payload = parsePayload(CustomersDataRequestPayloadSchema, delivery, deps);
    if (!payload) return;
    const request: CustomerRequest = {
      shop: delivery.shop,
      customerId: payload.customer.id,
      customerGid: customerGid(payload.customer.id),
      orderIds: payload.orders_requested,
      orderGids: payload.orders_requested.map(orderGid),
    };
    const held = [];
    for (const reporter of reporters) {
      const records = await reporter.held(request, deps);
      if (records.ids.length > 0) held.push(records);
    }
    deps.logger.info({
      event: 'customer_data_request_answered',
      shop: delivery.shop,
      eventId: delivery.eventId,
      dataRequestId: payload.data_request?.id,
      ordersRequested: payload.orders_requested.length,
      personalDataHeld: false,
      held,
    });
  };
}

export const customersDataRequest: WebhookHandler =
  createCustomersDataRequestHandler(CUSTOMER_DATA_REPORTERS);
