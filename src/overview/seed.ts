// Writes orders, fulfilment orders, shipments and events straight into the store, many at a time:
// for the overview's tests and its benchmark (the app itself fills these tables through sync).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface SeedEvent {
  id: string;
  /** Shopify FulfillmentEventStatus, raw. */
  status: string;
  at: string;
  message?: string | null;
}

export interface SeedShipment {
  id: string;
  status: string;
  carrierCode?: string | null;
  carrierName?: string | null;
  trackingNumber?: string | null;
  trackingUrl?: string | null;
  createdAt: string;
  inTransitAt?: string | null;
  deliveredAt?: string | null;
  firstEstimatedDeliveryAt?: string | null;
  estimatedDeliveryAt?: string | null;
  events?: SeedEvent[];
}

export interface SeedOrder {
  id: string;
  name: string;
  processedAt: string;
  cancelledAt?: string | null;
  confirmationNumber?: string | null;
  destinationCountryCode?: string | null;
  /** FulfillmentOrderStatus of each fulfilment order (`OPEN`, `ON_HOLD`, `SCHEDULED`, `CLOSED`…). */
  fulfillmentOrders?: { status: string; fulfillAt?: string | null }[];
  shipments?: SeedShipment[];
}

/** Inserts the shop (installed, in `timeZone`) when missing. */
export async function seedShop(
  db: Kysely<Database>,
  shop: string,
  timeZone: string | null = 'UTC',
): Promise<void> {
  await db
    .insertInto('shops')
    .values({ domain: shop, state: 'installed', scopes: 'read_orders', iana_time_zone: timeZone })
    .onConflict((oc) => oc.column('domain').doUpdateSet({ iana_time_zone: timeZone }))
    .execute();
}

const CHUNK = 500;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** Inserts `orders` of `shop` with everything under them, in batched multi-row inserts. */
export async function seedOrders(
  db: Kysely<Database>,
  shop: string,
  orders: readonly SeedOrder[],
): Promise<void> {
  const orderRows = orders.map((o) => ({
    shop,
    order_gid: o.id,
    name: o.name,
    confirmation_number: o.confirmationNumber ?? null,
    processed_at: o.processedAt,
    updated_at: o.processedAt,
    cancelled_at: o.cancelledAt ?? null,
    financial_status: 'PAID',
    fulfillment_status: o.shipments?.length ? 'FULFILLED' : 'UNFULFILLED',
    return_status: 'NO_RETURN',
    destination_country_code: o.destinationCountryCode ?? null,
  }));
  const foRows = orders.flatMap((o) =>
    (o.fulfillmentOrders ?? []).map((f, position) => ({
      shop,
      fulfillment_order_gid: `${o.id}/fo/${position}`,
      order_gid: o.id,
      position,
      status: f.status,
      fulfill_at: f.fulfillAt ?? null,
      hold_reasons: [] as string[],
    })),
  );
  const shipmentRows = orders.flatMap((o) =>
    (o.shipments ?? []).map((s) => ({
      shop,
      fulfillment_gid: s.id,
      order_gid: o.id,
      record_status: s.status === 'cancelled' ? 'CANCELLED' : 'SUCCESS',
      status: s.status,
      carrier_name: s.carrierName ?? null,
      carrier_code: s.carrierCode ?? null,
      tracking_number: s.trackingNumber ?? null,
      tracking_url: s.trackingUrl ?? null,
      created_at: s.createdAt,
      in_transit_at: s.inTransitAt ?? null,
      delivered_at: s.deliveredAt ?? null,
      first_estimated_delivery_at: s.firstEstimatedDeliveryAt ?? null,
      estimated_delivery_at: s.estimatedDeliveryAt ?? null,
      destination_country_code: o.destinationCountryCode ?? null,
      more_tracking: '[]',
      line_items: '[]',
    })),
  );
  const eventRows = orders.flatMap((o) =>
    (o.shipments ?? []).flatMap((s) =>
      (s.events ?? []).map((e) => ({
        shop,
        event_gid: e.id,
        fulfillment_gid: s.id,
        status: e.status,
        happened_at: e.at,
        message: e.message ?? null,
      })),
    ),
  );
  await inChunks(orderRows, (c) => db.insertInto('orders').values(c).execute());
  await inChunks(foRows, (c) => db.insertInto('fulfillment_orders').values(c).execute());
  await inChunks(shipmentRows, (c) => db.insertInto('shipments').values(c).execute());
  await inChunks(eventRows, (c) => db.insertInto('shipment_events').values(c).execute());
}
