// Which handler takes which webhook topic; topics not listed are answered 200 and ignored.

import { ORDER_WEBHOOK_HANDLERS } from '../sync/webhook-handlers.js';
import { appScopesUpdate } from './app-scopes-update.js';
import { appUninstalled } from './app-uninstalled.js';
import { customersDataRequest } from './customers-data-request.js';
import { customersRedact } from './customers-redact.js';
import { shopRedact } from './shop-redact.js';
import type { WebhookHandler } from './types.js';

/** Handlers keyed by `X-Shopify-Topic` as Shopify spells it (`app/uninstalled`). */
export const WEBHOOK_HANDLERS: Readonly<Record<string, WebhookHandler>> = {
  'app/uninstalled': appUninstalled,
  'app/scopes_update': appScopesUpdate,
  'customers/data_request': customersDataRequest,
  'customers/redact': customersRedact,
  'shop/redact': shopRedact,
  // Order sync: orders, fulfilments, their events and the backfill's bulk operation.
  ...ORDER_WEBHOOK_HANDLERS,
};

/**
 * The mandatory privacy topics: processed for a shop that uninstalled too (`shop/redact` arrives
 * 48 hours after the uninstall). Every other topic is ignored for a shop that is not installed.
 */
export const COMPLIANCE_TOPICS: ReadonlySet<string> = new Set([
  'customers/data_request',
  'customers/redact',
  'shop/redact',
]);

export type { WebhookDelivery, WebhookDeps, WebhookHandler } from './types.js';
