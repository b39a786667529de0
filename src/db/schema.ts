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
  /** Public Storefront access token for recommendations, sealed; null until made at install. */
  storefront_token_sealed: ColumnType<string | null, string | null | undefined, string | null>;
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

/** The watcher's state of one shipment (migration 0007); a shipment without a row is due now. */
export interface WatchedShipmentsTable {
  shop: string;
  fulfillment_gid: string;
  /** Our carrier code chosen by the merchant; null: identification decides. */
  carrier_override: string | null;
  /** The override's display name, kept on every rewrite of the shipment (migration 0009). */
  carrier_override_name: string | null;
  next_poll_at: Timestamp | null;
  last_polled_at: Timestamp | null;
  consecutive_failures: Generated<number>;
  retry_after_until: Timestamp | null;
  claim_id: string | null;
  lease_until: Timestamp | null;
  /** Open text: stalled | late | attempted_delivery | failure | returned_to_sender. */
  exception: string | null;
  updated_at: CreatedAt;
}

/** One row per milestone written back to a fulfilment with fulfillmentEventCreate (the claim). */
export interface FulfillmentWriteBacksTable {
  shop: string;
  fulfillment_gid: string;
  /** FulfillmentEventStatus written. */
  status: string;
  written_at: CreatedAt;
}

/** JSON stored in a `jsonb` column: written as text (JSON.stringify), read back parsed. */
type Json<T> = ColumnType<T, string, string>;

/** One synced order (src/sync/stored-order.ts `StoredOrderRow`); no customer personal data. */
export interface OrdersTable {
  shop: string;
  order_gid: string;
  /** `#1001` as Shopify shows it; looked up by `lower(name)`. */
  name: string;
  confirmation_number: string | null;
  processed_at: Timestamp;
  /** Shopify's last change; an older incoming state never replaces a newer one. */
  updated_at: Timestamp;
  cancelled_at: Timestamp | null;
  financial_status: string | null;
  fulfillment_status: string;
  return_status: string;
  destination_country_code: string | null;
  /** Keyed HMAC of the normalised email, never the email. */
  email_fingerprint: string | null;
  email_fingerprint_version: number | null;
  customer_gid: string | null;
  /** Latest shipment delivery when every counting shipment is delivered; retention counts from it. */
  delivered_at: Timestamp | null;
  synced_at: CreatedAt;
}

export interface OrderLineItemsTable {
  shop: string;
  line_item_gid: string;
  order_gid: string;
  /** Index in the order's own order, from 0. */
  position: number;
  name: string;
  quantity: number;
  product_gid: string | null;
}

export interface FulfillmentOrdersTable {
  shop: string;
  fulfillment_order_gid: string;
  order_gid: string;
  position: number;
  status: string;
  fulfill_at: Timestamp | null;
  hold_reasons: string[];
}

/** One Shopify Fulfillment; `status` is the normalised shipment status the overview counts. */
export interface ShipmentsTable {
  shop: string;
  fulfillment_gid: string;
  order_gid: string;
  record_status: string;
  display_status: string | null;
  status: string;
  carrier_name: string | null;
  carrier_code: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  more_tracking: Json<unknown>;
  created_at: Timestamp;
  updated_at: Timestamp | null;
  in_transit_at: Timestamp | null;
  delivered_at: Timestamp | null;
  first_estimated_delivery_at: Timestamp | null;
  estimated_delivery_at: Timestamp | null;
  destination_country_code: string | null;
  line_items: Json<unknown>;
  /**
   * Newest `shipment_events.happened_at`, kept by migration 0003's triggers (0008). The order write
   * path sets it on insert to the newest event it inserts with the shipment, so the trigger finds
   * nothing to update; code never updates it.
   */
  last_event_at: ColumnType<Date | null, string | null | undefined, never>;
  /** `express` | `postal` | `other` (src/core/stalled.ts's carrierClass), generated by migration 0006. */
  carrier_class: ColumnType<string, never, never>;
}

/** One Shopify FulfillmentEvent: the carrier's place (city/province/country), never street or zip. */
export interface ShipmentEventsTable {
  shop: string;
  event_gid: string;
  fulfillment_gid: string;
  status: string;
  happened_at: Timestamp;
  message: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
  estimated_delivery_at: Timestamp | null;
}

/** Orders Shopify deleted, kept as ids only so no late write brings them back. */
export interface DeletedOrdersTable {
  shop: string;
  order_gid: string;
  deleted_at: Timestamp;
}

/** Each shop's backfill progress and last reconciliation. */
export interface SyncStateTable {
  shop: string;
  /** Open text: `not_started` | `running` | `completed` | `failed`. */
  state: Generated<string>;
  bulk_operation_id: string | null;
  orders_count: Generated<number>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  /** Bytes of the current bulk result already committed (bigint: read as text or number). */
  resume_offset: ColumnType<string | number | bigint, number | undefined, number>;
  /** Lines of the current bulk result already committed. */
  resume_line: Generated<number>;
  last_reconciled_at: Timestamp | null;
  error_code: string | null;
  updated_at: CreatedAt;
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
  shop_settings: ShopSettingsTable;
  flow_lifecycle: FlowLifecycleTable;
  flow_triggers_fired: FlowTriggersFiredTable;
  orders: OrdersTable;
  order_line_items: OrderLineItemsTable;
  fulfillment_orders: FulfillmentOrdersTable;
  shipments: ShipmentsTable;
  shipment_events: ShipmentEventsTable;
  sync_state: SyncStateTable;
  deleted_orders: DeletedOrdersTable;
  overview_settings: OverviewSettingsTable;
  lookup_stats: LookupStatsTable;
  watched_shipments: WatchedShipmentsTable;
  fulfillment_write_backs: FulfillmentWriteBacksTable;
}
