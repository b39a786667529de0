// Runs queued webhook deliveries: the `webhooks` pg-boss queue, processed once per (shop, event id).
//
// Why the claim is made in the job and not at receipt: the route only verifies and queues (pg-boss
// `send`, with `singletonKey` = shop + event id on an `exclusive` queue, so one job per event is
// queued or running at a time). If the process dies before the job is queued, Shopify got no 200 and
// sends again; once queued, the job survives restarts. The job then claims the event in
// `webhook_events`: a repeat of an event already processed ends there; an event claimed but not
// processed (an earlier attempt threw or died) runs again, which is why handlers are idempotent.
import type { JobQueue, JobRun, QueueSettings } from '../platform/jobs.js';
import { COMPLIANCE_TOPICS, WEBHOOK_HANDLERS } from './index.js';
import type { WebhookDelivery, WebhookDeps, WebhookHandler } from './types.js';

export const WEBHOOK_QUEUE = 'webhooks';

/** Retries for a handler that throws: 5 more attempts, 5 s apart and doubling (≈ 2.5 min in all). */
export const WEBHOOK_QUEUE_SETTINGS: QueueSettings = {
  policy: 'exclusive',
  retryLimit: 5,
  retryDelaySeconds: 5,
  retryBackoff: true,
  expireInSeconds: 5 * 60,
  // A delivery's payload is Shopify's whole order, shopper's email and address included: a job
  // that ran out of retries is not kept for days (a processed one is deleted at once, below).
  deleteAfterSeconds: 60 * 60,
};

/** One job per event at a time: pg-boss refuses a second live job with this key. */
export const webhookJobKey = (delivery: Pick<WebhookDelivery, 'shop' | 'eventId'>): string =>
  `${delivery.shop}:${delivery.eventId}`;

export type Handlers = Readonly<Record<string, WebhookHandler>>;

/** Why a delivery is not handled: its topic has no handler, or its shop is not installed. */
export type IgnoreReason = 'unknown_topic' | 'unknown_shop' | 'shop_not_installed';

/**
 * Whether `topic` for `shop` is worth handling now: undefined when it is, else the reason.
 * Compliance topics are handled for any shop the app knows, installed or not.
 */
export async function ignoreReason(
  shop: string,
  topic: string,
  deps: Pick<WebhookDeps, 'repos'>,
  handlers: Handlers = WEBHOOK_HANDLERS,
): Promise<IgnoreReason | undefined> {
  if (!Object.hasOwn(handlers, topic)) return 'unknown_topic';
  const known = await deps.repos.shops.get(shop);
  if (!known) return 'unknown_shop';
  if (known.state !== 'installed' && !COMPLIANCE_TOPICS.has(topic)) return 'shop_not_installed';
  return undefined;
}

export type ProcessOutcome = 'processed' | 'duplicate' | IgnoreReason;

/**
 * Processes one queued delivery: claims its event, skips it when already processed or no longer
 * wanted (the shop uninstalled since), runs the topic's handler, stamps the event processed.
 * Throws what the handler throws, so the queue retries the job.
 */
export async function processWebhook(
  delivery: WebhookDelivery,
  deps: WebhookDeps,
  handlers: Handlers = WEBHOOK_HANDLERS,
): Promise<ProcessOutcome> {
  const { shop, eventId, topic } = delivery;
  const events = deps.repos.webhookEvents;
  const first = await events.claim(shop, eventId, topic);
  if (!first) {
    const status = await events.status(shop, eventId);
    if (status?.processedAt) {
      deps.logger.info({ event: 'webhook_duplicate', shop, topic, eventId });
      return 'duplicate';
    }
  }
  const ignored = await ignoreReason(shop, topic, deps, handlers);
  const handler = handlers[topic];
  if (ignored || !handler) {
    deps.logger.info({ event: 'webhook_ignored', shop, topic, eventId, reason: ignored });
    await events.markProcessed(shop, eventId);
    return ignored ?? 'unknown_topic';
  }
  await handler(delivery, deps);
  await events.markProcessed(shop, eventId);
  deps.logger.info({ event: 'webhook_processed', shop, topic, eventId });
  return 'processed';
}

/** The queue with its retry settings; call before the first `send` (the route does, once). */
export function createWebhookQueue(jobs: JobQueue): Promise<void> {
  return jobs.createQueue(WEBHOOK_QUEUE, WEBHOOK_QUEUE_SETTINGS);
}

/**
 * Starts taking deliveries off the `webhooks` queue in this process (server or worker). A handler
 * that throws is logged (error class only) and rethrown for pg-boss to retry.
 */
export async function startWebhookWorker(
  deps: WebhookDeps,
  options: { handlers?: Handlers; pollingIntervalSeconds?: number; localConcurrency?: number } = {},
): Promise<string> {
  await createWebhookQueue(deps.jobs);
  return deps.jobs.work<WebhookDelivery>(
    WEBHOOK_QUEUE,
    async (job: JobRun<WebhookDelivery>) => {
      try {
        await processWebhook(job.data, deps, options.handlers);
        // What the store needed is stored (without personal data); the payload goes with the job.
        await deps.jobs.deleteJob(WEBHOOK_QUEUE, job.id);
      } catch (error) {
        deps.logger.error({
          event: 'webhook_failed',
          shop: job.data.shop,
          topic: job.data.topic,
          eventId: job.data.eventId,
          attempt: job.retryCount + 1,
          name: error instanceof Error ? error.name : typeof error,
        });
        throw error;
      }
    },
    {
      ...(options.pollingIntervalSeconds === undefined
        ? {}
        : { pollingIntervalSeconds: options.pollingIntervalSeconds }),
      ...(options.localConcurrency === undefined
        ? {}
        : { localConcurrency: options.localConcurrency }),
    },
  );
}
