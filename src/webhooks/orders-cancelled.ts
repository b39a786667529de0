// The `orders/cancelled` webhook: written to the order store (src/sync/order-webhooks.ts).
import { handleOrderWebhook } from '../sync/order-webhooks.js';
import type { WebhookHandler } from './types.js';

export const ordersCancelled: WebhookHandler = handleOrderWebhook;
