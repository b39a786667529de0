// `customers/redact` (compliance): erase what the app holds tied to one customer of the shop.
import {
  CUSTOMER_REDACTORS,
  type CustomerRedactor,
  type CustomerRequest,
} from './customer-data.js';
import { parsePayload } from './parse.js';
import { CustomersRedactPayloadSchema, customerGid, orderGid } from './payloads.js';
import type { WebhookHandler } from './types.js';

/**
 * A redact handler over `redactors`: each deletes the shop's rows keyed by the customer's GraphQL
 * id or by one of `orders_to_redact`. A redactor that throws fails the job, and the queue retries
 * the whole request (every redactor is idempotent). Logs `customer_redacted` with counts only.
 */
export function createCustomersRedactHandler(
  redactors: readonly CustomerRedactor[],
): WebhookHandler {
  return async (delivery, deps) => {
    const payload = parsePayload(CustomersRedactPayloadSchema, delivery, deps);
    if (!payload) return;
    const request: CustomerRequest = {
      shop: delivery.shop,
      customerId: payload.customer.id,
      customerGid: customerGid(payload.customer.id),
      orderIds: payload.orders_to_redact,
      orderGids: payload.orders_to_redact.map(orderGid),
    };
    const deleted: Record<string, number> = {};
    for (const redactor of redactors) {
      deleted[redactor.name] = await redactor.redact(request, deps);
    }
    deps.logger.info({
      event: 'customer_redacted',
      shop: delivery.shop,
      eventId: delivery.eventId,
      ordersToRedact: payload.orders_to_redact.length,
      deleted,
    });
  };
}

export const customersRedact: WebhookHandler = createCustomersRedactHandler(CUSTOMER_REDACTORS);
