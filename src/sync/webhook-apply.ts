// What the order and fulfilment webhook handlers share: payload checks, the shop check and one-order writes.
import type { z } from 'zod';
import type { WebhookDelivery, WebhookDeps } from '../webhooks/types.js';
import { shopIsActive } from './backfill.js';
import { createEmailFingerprinter, type EmailFingerprinter } from './email-fingerprint.js';

/**
 * The payload read by `schema`, or null (logged, dropped: Shopify would send the same body again)
 * when it does not fit or the shop no longer has the app. Only the topic and issue count are
 * logged, never a value.
 */
export async function readDelivery<T>(
  delivery: WebhookDelivery,
  deps: WebhookDeps,
  schema: z.ZodType<T>,
): Promise<T | null> {
  const parsed = schema.safeParse(delivery.payload);
  if (!parsed.success) {
    deps.logger.warn({
      event: 'webhook_payload_invalid',
      topic: delivery.topic,
      shop: delivery.shop,
      issues: parsed.error.issues.length,
    });
    return null;
  }
  if (!(await shopIsActive(deps.repos.shops, delivery.shop))) return null;
  return parsed.data;
}

/** The shop's email fingerprinter (its own key, made on first use). */
export async function fingerprinterOf(
  deps: WebhookDeps,
  shop: string,
): Promise<EmailFingerprinter> {
  return createEmailFingerprinter(await deps.repos.shopSecrets.fingerprintKey(shop));
}
