// Validates a handler's payload; a bad one is logged (paths and codes only, never values) and dropped.
import type { z } from 'zod';
import type { WebhookDelivery, WebhookDeps } from './types.js';

/**
 * The payload parsed by `schema`, or undefined after logging `webhook_payload_invalid` with the
 * failing paths and zod issue codes (no values: a payload may carry personal data). Also undefined
 * when the body names another shop than the signed `X-Shopify-Shop-Domain` header.
 */
export function parsePayload<S extends z.ZodType>(
  schema: S,
  delivery: WebhookDelivery,
  deps: Pick<WebhookDeps, 'logger'>,
): z.infer<S> | undefined {
  const parsed = schema.safeParse(delivery.payload);
  const where = { topic: delivery.topic, shop: delivery.shop, eventId: delivery.eventId };
  if (!parsed.success) {
    deps.logger.warn({
      event: 'webhook_payload_invalid',
      ...where,
      issues: parsed.error.issues
        .slice(0, 10)
        .map((i) => ({ path: i.path.join('.'), code: i.code })),
    });
    return undefined;
  }
  const data: unknown = parsed.data;
  const named =
    typeof data === 'object' && data !== null && 'shop_domain' in data
      ? (data as { shop_domain?: unknown }).shop_domain
      : undefined;
  if (typeof named === 'string' && named.toLowerCase() !== delivery.shop) {
    deps.logger.warn({ event: 'webhook_payload_other_shop', ...where });
    return undefined;
  }
  return parsed.data;
}
