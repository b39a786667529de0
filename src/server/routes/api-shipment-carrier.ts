// PATCH /api/shipments/{fulfillment id} {"carrier": "bring"}: the merchant corrects a shipment's carrier (null: identification decides again).
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { OrdersRepository } from '../../db/orders.js';
import type { WatchedShipmentsRepository } from '../../db/watched-shipments.js';
import { carrierDisplayName, isKnownCarrierCode } from '../../watcher/carrier-adapters.js';
import type { AppEnv } from '../context.js';
import { httpError } from '../http-error.js';
import { jsonResponse } from '../responses.js';
import { readJsonBody } from './api-settings.js';
import { type ApiEnv, sessionShop } from './api-shared.js';

const MAX_BODY_BYTES = 1024;
const FULFILLMENT_GID = /^gid:\/\/shopify\/Fulfillment\/(\d{1,20})$/;

const CarrierPatchSchema = z
  .object({ carrier: z.string().trim().min(1).max(50).refine(isKnownCarrierCode).nullable() })
  .strict();

export interface ShipmentCarrierDeps {
  watched: Pick<WatchedShipmentsRepository, 'orderOf' | 'setCarrierOverride'>;
  /** Announces its writes on the process's InvalidationBus, when it has one. */
  orders: Pick<OrdersRepository, 'update'>;
  /** Drops the cached views of an order in every process (names such as `#1001`). */
  evict: (shop: string, ...orderNames: string[]) => Promise<void>;
}

/** The Fulfillment GID of a path id: the GID itself (URL-encoded) or its number. */
export function fulfillmentGidOf(id: string): string | undefined {
  if (/^\d{1,20}$/.test(id)) return `gid://shopify/Fulfillment/${id}`;
  return FULFILLMENT_GID.test(id) ? id : undefined;
}

/**
 * Sets the carrier the watcher asks for this shipment (a carrier code of src/carriers/catalogue.ts)
 * and stores it on the shipment at once, so the overview's carrier class, the tracking page and the
 * next round use it; evicts the order's cached views. 404 `not_found` for a shipment the session's
 * shop does not have (another shop's included); 400 `invalid_input` (field `carrier`) for a code
 * that is not a carrier. Answers `{"fulfillmentId", "carrier"}`.
 */
export function apiPatchShipmentCarrier(deps: ShipmentCarrierDeps) {
  return async (c: Context<ApiEnv>): Promise<Response> => {
    const shop = sessionShop(c);
    const gid = fulfillmentGidOf(decodeURIComponent(c.req.param('id') ?? ''));
    if (!gid) throw httpError('not_found');
    const parsed = CarrierPatchSchema.safeParse(await readJsonBody(c, MAX_BODY_BYTES));
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'carrier'))];
      throw httpError('invalid_input', {
        fields: fields.map((field) => ({ field, issue: 'invalid_format' })),
      });
    }
    const orderGid = await deps.watched.orderOf(shop, gid);
    if (!orderGid) throw httpError('not_found');
    const carrier = parsed.data.carrier;
    await deps.watched.setCarrierOverride(
      shop,
      gid,
      carrier,
      carrier === null ? null : (carrierDisplayName(carrier) ?? null),
    );
    if (carrier !== null) {
      const written = await deps.orders.update(shop, orderGid, (order) => {
        if (!order) return null;
        return {
          ...order,
          shipments: order.shipments.map((s) =>
            s.fulfillmentGid === gid
              ? {
                  ...s,
                  carrierCode: carrier,
                  carrierName: carrierDisplayName(carrier) ?? s.carrierName,
                }
              : s,
          ),
        };
      });
      if (written)
        await deps.evict(
          shop,
          written.name,
          ...(written.confirmationNumber ? [written.confirmationNumber] : []),
        );
    }
    return jsonResponse({ fulfillmentId: gid, carrier });
  };
}

/** Mounts PATCH `/api/shipments/:id`; the `/api/*` session-token middleware must run before. */
export function mountShipmentCarrierRoute(app: Hono<AppEnv>, deps: ShipmentCarrierDeps): void {
  const api = new Hono<ApiEnv>({ strict: false });
  api.patch('/shipments/:id', (c) => {
    c.get('fields').route = 'api-shipment-carrier';
    return apiPatchShipmentCarrier(deps)(c);
  });
  api.all('/shipments/:id', () => {
    throw httpError('method_not_allowed', { allow: ['PATCH'] });
  });
  app.route('/api', api);
}
