// The database's tables as Kysely sees them: one interface per table, column types as stored.
import type { ColumnType, Generated } from 'kysely';

/** A `timestamptz` column: read as a Date, written as a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A `timestamptz` column the database fills on insert (`default now()`). */
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

/** One row per shop that ever installed the app; the shop's domain is its key everywhere. */
export interface ShopsTable {
  /** `example.myshopify.com`, lower case. */
  domain: string;
  /** Open text: `installed` | `uninstalled` today. */
  state: string;
  /** Granted access scopes, comma-separated as Shopify sends them. */
  scopes: string;
  /** IANA zone such as `Europe/Oslo`; null until first read from the shop. */
  iana_time_zone: string | null;
  installed_at: Timestamp | null;
  uninstalled_at: Timestamp | null;
  /** Set when Shopify refused the refresh token; a new session token exchange clears it. */
  needs_reauthorisation: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** The shop's offline token (expiring); both tokens sealed (`v1:` AES-256-GCM text). */
export interface OfflineSessionsTable {
  shop: string;
  access_token_sealed: string;
  access_expires_at: Timestamp | null;
  refresh_token_sealed: string | null;
  refresh_expires_at: Timestamp | null;
  scope: string;
  updated_at: CreatedAt;
}

/** Each webhook event id seen, so an event is processed once however often Shopify delivers it. */
export interface WebhookEventsTable {
  shop: string;
  event_id: string;
  topic: string;
  received_at: CreatedAt;
  processed_at: Timestamp | null;
}

/** Per-shop secrets that are not Shopify's: the sealed key of the e-mail fingerprint HMAC. */
export interface ShopSecretsTable {
  shop: string;
  fingerprint_key_sealed: string;
  created_at: CreatedAt;
}

/** A shop's watcher settings; the carriers' keys are one sealed JSON value. */
export interface ShopSettingsTable {
  shop: string;
  carrier_keys_sealed: string | null;
  write_back: Generated<boolean>;
  /** Null: the deployment's default. */
  stalled_after_days: number | null;
  updated_at: CreatedAt;
}

/** Whether a shop has an enabled Flow workflow using a trigger (Flow's lifecycle callbacks). */
export interface FlowLifecycleTable {
  shop: string;
  /** The trigger extension's handle, e.g. `shipment-delivered`. */
  handle: string;
  enabled: boolean;
  /** Flow's `timestamp` of the callback that set `enabled`. */
  changed_at: Timestamp;
}

/** One row per (shop, fulfilment, trigger) fired: a trigger fires once per shipment and state. */
export interface FlowTriggersFiredTable {
  shop: string;
  fulfillment_gid: string;
  handle: string;
  fired_at: CreatedAt;
}

export interface Database {
  shops: ShopsTable;
  offline_sessions: OfflineSessionsTable;
  webhook_events: WebhookEventsTable;
  shop_secrets: ShopSecretsTable;
  shop_settings: ShopSettingsTable;
  flow_lifecycle: FlowLifecycleTable;
  flow_triggers_fired: FlowTriggersFiredTable;
}
