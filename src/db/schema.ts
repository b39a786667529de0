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

/** The overview's settings per shop (migration 0003): stalled thresholds in whole days. */
export interface OverviewSettingsTable {
  shop: string;
  stalled_express_days: number;
  stalled_postal_days: number;
  stalled_other_days: number;
  updated_at: CreatedAt;
}

/** Tracking-page lookups per shop and calendar day in the shop's zone; counts only. */
export interface LookupStatsTable {
  shop: string;
  /** `date` column, read as `YYYY-MM-DD` text (cast in queries). */
  day: ColumnType<string, string, string>;
  found: Generated<number>;
  not_found: Generated<number>;
}

export interface Database {
  shops: ShopsTable;
  offline_sessions: OfflineSessionsTable;
  webhook_events: WebhookEventsTable;
  shop_secrets: ShopSecretsTable;
  overview_settings: OverviewSettingsTable;
  lookup_stats: LookupStatsTable;
}
