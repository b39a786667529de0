// Delivers webhooks to the app the way Shopify does: raw JSON body, base64 HMAC-SHA256 with the app secret, X-Shopify-* headers.
import { createHmac, randomUUID } from 'node:crypto';
import type { Clock, Fetch } from '../../src/core/ports.js';
import { ADMIN_API_VERSION } from '../../src/shopify/api-version.js';
import type { Payload } from './webhook-payloads.js';

/** `X-Shopify-Hmac-Sha256`: base64 of HMAC-SHA256 over the exact body bytes, keyed with the client secret. */
export function signWebhookBody(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

export interface WebhookSenderOptions {
  /** Where the app takes webhooks, e.g. `http://127.0.0.1:3001/webhooks` (shopify.app.toml `uri`). */
  url: string;
  apiSecret: string;
  shop: string;
  fetch: Fetch;
  clock: Clock;
  /** Ids for `X-Shopify-Webhook-Id` / `X-Shopify-Event-Id`; random UUIDs unless a test fixes them. */
  newId?: () => string;
}

/** One delivery: everything needed to send it again byte for byte. */
export interface WebhookDelivery {
  topic: string;
  body: string;
  headers: Record<string, string>;
  eventId: string;
  webhookId: string;
}

export interface WebhookResult {
  delivery: WebhookDelivery;
  /** The app's HTTP status, or 0 when it could not be reached. */
  status: number;
}

export interface WebhookSender {
  /** Signs and posts `payload` as `topic`; never throws (a network failure is status 0). */
  send(topic: string, payload: Payload, ids?: { eventId?: string }): Promise<WebhookResult>;
  /**
   * Sends `delivery` again with the same body, event id and webhook id, as Shopify's retries do;
   * with `{ duplicate: true }` a new webhook id (a second delivery of the same event).
   */
  resend(delivery: WebhookDelivery, options?: { duplicate?: boolean }): Promise<WebhookResult>;
  /** Every delivery attempt so far, oldest first. */
  readonly sent: readonly WebhookResult[];
}

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const newId = options.newId ?? randomUUID;
  const sent: WebhookResult[] = [];

  async function post(delivery: WebhookDelivery): Promise<WebhookResult> {
    let status = 0;
    try {
      const res = await options.fetch(options.url, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
      });
      status = res.status;
      await res.body?.cancel();
    } catch {
      status = 0;
    }
    const result = { delivery, status };
    sent.push(result);
    return result;
  }

  return {
    sent,
    send(topic, payload, ids = {}) {
      const body = JSON.stringify(payload);
      const eventId = ids.eventId ?? newId();
      const webhookId = newId();
      return post({
        topic,
        body,
        eventId,
        webhookId,
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': topic,
          'x-shopify-hmac-sha256': signWebhookBody(body, options.apiSecret),
          'x-shopify-shop-domain': options.shop,
          'x-shopify-api-version': ADMIN_API_VERSION,
          'x-shopify-webhook-id': webhookId,
          'x-shopify-event-id': eventId,
          'x-shopify-triggered-at': new Date(options.clock()).toISOString(),
        },
      });
    },
    resend(delivery, { duplicate = false } = {}) {
      if (!duplicate) return post(delivery);
      const webhookId = newId();
      return post({
        ...delivery,
        webhookId,
        headers: { ...delivery.headers, 'x-shopify-webhook-id': webhookId },
      });
    },
  };
}
