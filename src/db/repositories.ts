// Every repository over one database, built together so the server and the worker wire them alike.
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../core/ports.js';
import type { Sealer } from '../platform/crypto.js';
import type { InvalidationBus } from '../sync/invalidation.js';
import { createOrdersRepository, type OrdersRepository } from './orders.js';
import type { Database } from './schema.js';
import { createOfflineSessionStore, type OfflineSessionStore } from './sessions.js';
import { createShopSecretsRepository, type ShopSecretsRepository } from './shop-secrets.js';
import { createShopsRepository, type ShopsRepository } from './shops.js';
import { createSyncStateRepository, type SyncStateRepository } from './sync-state.js';
import { createWebhookEventsRepository, type WebhookEventsRepository } from './webhook-events.js';

export interface Repositories {
  shops: ShopsRepository;
  sessions: OfflineSessionStore;
  webhookEvents: WebhookEventsRepository;
  shopSecrets: ShopSecretsRepository;
  orders: OrdersRepository;
  syncState: SyncStateRepository;
}

export interface RepositoryOptions {
  /** Where order writes are announced so cached views drop them; none by default. */
  invalidations?: InvalidationBus;
}

/** `sealer` seals tokens and keys at rest; `clock` (ms since epoch) stamps every time written. */
export function createRepositories(
  db: Kysely<Database>,
  sealer: Sealer,
  clock: Clock = systemClock,
  options: RepositoryOptions = {},
): Repositories {
  return {
    shops: createShopsRepository(db, clock),
    sessions: createOfflineSessionStore(db, sealer, clock),
    webhookEvents: createWebhookEventsRepository(db, clock),
    shopSecrets: createShopSecretsRepository(db, sealer),
    orders: createOrdersRepository(db, clock, options.invalidations),
    syncState: createSyncStateRepository(db, clock),
  };
}
