// The `fulfillment_events/create` webhook: written to the order store (src/sync/order-webhooks.ts).
import { handleFulfillmentEvent } from '../sync/order-webhooks.js';
import type { WebhookHandler } from './types.js';

export const fulfillmentEventsCreate: WebhookHandler = handleFulfillmentEvent;
