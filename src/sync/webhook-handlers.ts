// The order sync's webhook topics and their handlers, joined with the app's own topics in src/webhooks/.
import { bulkOperationsFinish } from '../webhooks/bulk-operations-finish.js';
import { fulfillmentEventsCreate } from '../webhooks/fulfillment-events-create.js';
import { fulfillmentsCreate } from '../webhooks/fulfillments-create.js';
import { fulfillmentsUpdate } from '../webhooks/fulfillments-update.js';
import { ordersCancelled } from '../webhooks/orders-cancelled.js';
import { ordersCreate } from '../webhooks/orders-create.js';
import { ordersDelete } from '../webhooks/orders-delete.js';
import { ordersUpdated } from '../webhooks/orders-updated.js';
import type { WebhookHandler } from '../webhooks/types.js';

/** Keyed by Shopify's topic name; shopify.app.toml subscribes to exactly these. */
export const ORDER_WEBHOOK_HANDLERS: Record<string, WebhookHandler> = {
  'orders/create': ordersCreate,
  'orders/updated': ordersUpdated,
  'orders/cancelled': ordersCancelled,
  'orders/delete': ordersDelete,
  'fulfillments/create': fulfillmentsCreate,
  'fulfillments/update': fulfillmentsUpdate,
  'fulfillment_events/create': fulfillmentEventsCreate,
  'bulk_operations/finish': bulkOperationsFinish,
};
