// The `bulk_operations/finish` webhook: written to the order store (src/sync/order-webhooks.ts).
import { handleBulkOperationsFinish } from '../sync/order-webhooks.js';
import type { WebhookHandler } from './types.js';

export const bulkOperationsFinish: WebhookHandler = handleBulkOperationsFinish;
