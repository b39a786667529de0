// POST /webhooks: Shopify's deliveries — size limit, HMAC on the raw body, then queued for the worker.
//
// Answers (Shopify retries anything but 2xx for 4 hours, so 2xx whenever a retry cannot help):
//   413 payload_too_large   body over 1 MB (Shopify's own bodies stay far below)
//   401 invalid_hmac        X-Shopify-Hmac-Sha256 missing or not the HMAC of the body
//   400 invalid_input       signed, but a required X-Shopify-* header is missing or malformed
//   200 {"result":"ignored"}  signed but not JSON (logged: a retry would bring the same bytes),
//                           a topic without handler, a shop never installed, or a non-compliance
//                           topic for an uninstalled shop
//   200 {"result":"queued"|"duplicate"}  the delivery is on the `webhooks` queue (or already was)
//   503 database_unavailable  queueing failed (the queue lives in the database): Shopify sends it again
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { FieldIssue } from '../../contract/errors.js';
import { queueableSyncPayload as queueableSyncPayloadOf } from '../../sync/queue-payload.js';
import { createFingerprinters } from '../../sync/shop-admin.js';
import { COMPLIANCE_TOPICS, WEBHOOK_HANDLERS } from '../../webhooks/index.js';
import {
  createWebhookQueue,
  type Handlers,
  ignoreReason,
  WEBHOOK_QUEUE,
  webhookJobKey,
} from '../../webhooks/process.js';
import type { WebhookDelivery, WebhookDeps } from '../../webhooks/types.js';
import { verifyWebhookHmac } from '../auth/webhook-hmac.js';
import type { AppEnv } from '../context.js';
import { HttpError, httpError } from '../http-error.js';
import { jsonResponse } from '../responses.js';

/** Largest webhook body taken, in bytes (1 MiB). */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export interface WebhookRouteDeps extends WebhookDeps {
  /** The app's client secret (`SHOPIFY_API_SECRET`): the HMAC key. */
  apiSecret: string;
  /** Topic handlers; default WEBHOOK_HANDLERS. */
  handlers?: Handlers;
}

const Header = z.string().trim().min(1).max(255);
const HeadersSchema = z.object({
  topic: Header.regex(/^[a-z0-9_]+(\/[a-z0-9_]+)+$/),
  shop: Header.toLowerCase().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/),
  webhookId: Header,
  eventId: Header.optional(),
  triggeredAt: Header.optional(),
});

const HEADER_NAMES = {
  topic: 'x-shopify-topic',
  shop: 'x-shopify-shop-domain',
  webhookId: 'x-shopify-webhook-id',
  eventId: 'x-shopify-event-id',
  triggeredAt: 'x-shopify-triggered-at',
} as const;

/** Mounts `POST /webhooks` (and 405 for other methods) on `app`. */
export function mountWebhookRoutes(app: Hono<AppEnv>, deps: WebhookRouteDeps): void {
  const handlers = deps.handlers ?? WEBHOOK_HANDLERS;
  const fingerprinters = createFingerprinters(deps.repos.shopSecrets);
  /** The order sync's payloads cut down to what its handlers read, the email as its fingerprint. */
  const queueableSyncPayload = (payload: unknown, topic: string, shop: string) =>
    queueableSyncPayloadOf(topic, payload, () => fingerprinters(shop));
  let queueReady: Promise<void> | undefined;
  const limitBody = bodyLimit({
    maxSize: MAX_WEBHOOK_BODY_BYTES,
    onError: () => {
      throw httpError('payload_too_large');
    },
  });

  app.post(
    '/webhooks',
    (c, next) => {
      c.get('fields').route = 'webhooks';
      return limitBody(c, next);
    },
    async (c) => {
      const request = c.req.raw;
      const raw = new Uint8Array(await request.arrayBuffer());
      const h = request.headers;
      if (!verifyWebhookHmac(raw, h.get('x-shopify-hmac-sha256'), deps.apiSecret)) {
        throw httpError('invalid_hmac');
      }
      const headers = HeadersSchema.safeParse({
        topic: h.get('x-shopify-topic') ?? undefined,
        shop: h.get('x-shopify-shop-domain') ?? undefined,
        webhookId: h.get('x-shopify-webhook-id') ?? undefined,
        eventId: h.get('x-shopify-event-id') ?? undefined,
        triggeredAt: h.get('x-shopify-triggered-at') ?? undefined,
      });
      if (!headers.success) {
        const fields: FieldIssue[] = headers.error.issues.map((issue) => ({
          field: HEADER_NAMES[String(issue.path[0]) as keyof typeof HEADER_NAMES] ?? 'header',
          issue: issue.code === 'invalid_type' ? 'required' : 'invalid_format',
        }));
        throw new HttpError(
          'invalid_input',
          'A required X-Shopify-* header is missing or malformed.',
          {
            fields,
          },
        );
      }
      const { topic, shop, webhookId, triggeredAt } = headers.data;
      // Shopify sends X-Shopify-Event-Id on every delivery today; older senders only the webhook id.
      const eventId = headers.data.eventId ?? webhookId;
      c.get('fields').shop = shop;
      const log = c.get('log').child({ shop });
      c.set('log', log);
      const where = { event: 'webhook_received', topic, eventId, webhookId };

      let payload: unknown;
      try {
        payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
      } catch {
        log.warn({ ...where, result: 'ignored', reason: 'malformed_json' });
        return jsonResponse({ result: 'ignored', reason: 'malformed_json' });
      }

      let ignored: Awaited<ReturnType<typeof ignoreReason>>;
      try {
        ignored = await ignoreReason(shop, topic, deps, handlers);
      } catch (error) {
        log.error({ ...where, result: 'not_queued', name: errorName(error) });
        throw httpError('database_unavailable');
      }
      if (ignored) {
        log.info({ ...where, result: 'ignored', reason: ignored });
        return jsonResponse({ result: 'ignored', reason: ignored });
      }

      let queued: unknown;
      try {
        queued = await queueableSyncPayload(queueablePayload(topic, payload), topic, shop);
      } catch (error) {
        // The shop's fingerprint key could not be read: Shopify sends the delivery again.
        log.error({ ...where, result: 'not_queued', name: errorName(error) });
        throw httpError('database_unavailable');
      }
      const delivery: WebhookDelivery = {
        shop,
        topic,
        eventId,
        webhookId,
        triggeredAt,
        payload: queued,
      };
      queueReady ??= createWebhookQueue(deps.jobs).catch((error: unknown) => {
        queueReady = undefined;
        throw error;
      });
      let jobId: string | null;
      try {
        await queueReady;
        jobId = await deps.jobs.send(WEBHOOK_QUEUE, delivery, {
          singletonKey: webhookJobKey(delivery),
        });
      } catch (error) {
        log.error({ ...where, result: 'not_queued', name: errorName(error) });
        throw httpError('database_unavailable');
      }
      const result = jobId === null ? 'duplicate' : 'queued';
      log.info({ ...where, result });
      return jsonResponse({ result });
    },
  );
  app.all('/webhooks', (c) => {
    c.get('fields').route = 'webhooks';
    throw httpError('method_not_allowed', { allow: ['POST'] });
  });
}

/**
 * The payload as it waits in the queue. The compliance topics carry the customer's e-mail and
 * phone, which no handler reads: they are dropped so the job table never holds them.
 */
function queueablePayload(topic: string, payload: unknown): unknown {
  if (!COMPLIANCE_TOPICS.has(topic) || !isRecord(payload) || !isRecord(payload.customer)) {
    return payload;
  }
  const { email: _email, phone: _phone, ...customer } = payload.customer;
  return { ...payload, customer };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
