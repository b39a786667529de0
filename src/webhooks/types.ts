// What every webhook topic handler gets: the verified delivery and the app's stores.
import type { Kysely } from 'kysely';
import type { Clock, Logger } from '../core/ports.js';
import type { Database } from '../db/index.js';
import type { Repositories } from '../db/repositories.js';
import type { JobQueue } from '../platform/jobs.js';

/** A delivery whose HMAC was verified; `payload` is the parsed JSON body, not yet validated. */
export interface WebhookDelivery {
  shop: string;
  topic: string;
  eventId: string;
  webhookId: string;
  triggeredAt: string | undefined;
  payload: unknown;
}

export interface WebhookDeps {
  db: Kysely<Database>;
  repos: Repositories;
  jobs: JobQueue;
  logger: Logger;
  clock: Clock;
}

/** Handles one topic. Throws only for faults worth a retry; bad payloads are logged and dropped. */
export type WebhookHandler = (delivery: WebhookDelivery, deps: WebhookDeps) => Promise<void>;
