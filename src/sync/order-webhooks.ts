// Order and fulfilment webhooks → the store: idempotent, safe in any order, and an unknown order is read from Admin.

import { BulkOperationsFinishSchema } from '../shopify/bulk-orders-schema.js';
import {
  RestFulfillmentEventSchema,
  RestFulfillmentSchema,
  RestOrderDeleteSchema,
  RestOrderSchema,
} from '../shopify/webhook-payloads.js';
import type { WebhookHandler } from '../webhooks/types.js';
import {
  applyFulfillmentEvent,
  applyFulfillmentWebhook,
  applyOrderWebhook,
  fulfillmentEventToUpdate,
  fulfillmentWebhookToUpdate,
  orderDeleteGid,
  orderWebhookToUpdate,
} from './from-webhooks.js';
import { fetchOrderLater, startBackfill } from './jobs.js';
import { fingerprinterOf, readDelivery } from './webhook-apply.js';

/**
 * `orders/create`, `orders/updated`, `orders/cancelled`: the order as the payload states it, unless
 * the store holds a newer state (by `updated_at`); a repeat of one delivery changes nothing.
 */
export const handleOrderWebhook: WebhookHandler = async (delivery, deps) => {
  const order = await readDelivery(delivery, deps, RestOrderSchema);
  if (!order) return;
  const update = orderWebhookToUpdate(order, await fingerprinterOf(deps, delivery.shop));
  await deps.repos.orders.update(delivery.shop, update.row.orderGid, (existing) =>
    applyOrderWebhook(existing, update),
  );
};

/** `orders/delete`: the order and its children go; its id is kept so no late write revives it. */
export const handleOrderDelete: WebhookHandler = async (delivery, deps) => {
  const payload = await readDelivery(delivery, deps, RestOrderDeleteSchema);
  if (!payload) return;
  await deps.repos.orders.deleteByGid(delivery.shop, orderDeleteGid(payload));
};

/**
 * `fulfillments/create`, `fulfillments/update`: merged into the stored order's shipment. An order
 * not stored yet (its `orders/create` is late, or it predates the backfill) is read from Admin by a
 * job instead.
 */
export const handleFulfillmentWebhook: WebhookHandler = async (delivery, deps) => {
  const fulfillment = await readDelivery(delivery, deps, RestFulfillmentSchema);
  if (!fulfillment) return;
  const update = fulfillmentWebhookToUpdate(fulfillment);
  if (!update) {
    deps.logger.warn({
      event: 'webhook_without_order',
      topic: delivery.topic,
      shop: delivery.shop,
    });
    return;
  }
  let missing = false;
  await deps.repos.orders.update(delivery.shop, update.orderGid, (existing) => {
    const next = applyFulfillmentWebhook(existing, update);
    missing = next === null;
    return next;
  });
  if (missing) await fetchOrderLater(deps.jobs, delivery.shop, update.orderGid);
};

/** `fulfillment_events/create`: added to its shipment; an unknown order or shipment is read from Admin. */
export const handleFulfillmentEvent: WebhookHandler = async (delivery, deps) => {
  const event = await readDelivery(delivery, deps, RestFulfillmentEventSchema);
  if (!event) return;
  const update = fulfillmentEventToUpdate(event);
  let missing = false;
  await deps.repos.orders.update(delivery.shop, update.orderGid, (existing) => {
    const next = applyFulfillmentEvent(existing, update);
    missing = next === null;
    return next;
  });
  if (missing) await fetchOrderLater(deps.jobs, delivery.shop, update.orderGid);
};

/** `bulk_operations/finish`: the backfill's next step now rather than at its next poll. */
export const handleBulkOperationsFinish: WebhookHandler = async (delivery, deps) => {
  const payload = await readDelivery(delivery, deps, BulkOperationsFinishSchema);
  if (!payload) return;
  const state = await deps.repos.syncState.get(delivery.shop);
  // Another operation (not ours, or an old one) finishing says nothing about the backfill.
  if (state.bulkOperationId !== payload.admin_graphql_api_id) return;
  await startBackfill(deps.jobs, delivery.shop);
};
