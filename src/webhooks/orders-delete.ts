// The `orders/delete` webhook: written to the order store (src/sync/order-webhooks.ts).
import { handleOrderDelete } from '../sync/order-webhooks.js';
import type { WebhookHandler } from './types.js';

export const ordersDelete: WebhookHandler = handleOrderDelete;
