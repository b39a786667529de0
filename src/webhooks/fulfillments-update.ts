// The `fulfillments/update` webhook: written to the order store (src/sync/order-webhooks.ts).
import { handleFulfillmentWebhook } from '../sync/order-webhooks.js';
import type { WebhookHandler } from './types.js';

export const fulfillmentsUpdate: WebhookHandler = handleFulfillmentWebhook;
