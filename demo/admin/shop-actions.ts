// Glue for the local admin's forms: order changes and chosen webhooks, delivered to the app signed like Shopify.
import type { Clock } from '../../src/core/ports.js';
import type { AccessTokens } from '../shopify/access-tokens.js';
import {
  cancelOrder,
  deliverOrder,
  findOrder,
  type OutgoingWebhook,
  shipOrder,
} from '../shopify/order-actions.js';
import type { SeedOrder, SeedTrackingInfo } from '../shopify/seed-types.js';
import {
  appUninstalledPayload,
  samplePayload,
  WEBHOOK_TOPICS,
  type WebhookTopic,
} from '../shopify/webhook-payloads.js';
import type { WebhookSender } from '../shopify/webhook-sender.js';
import type { AdminActions, OrderAction } from './admin-frame.js';

export interface ShopActionsOptions {
  /** Each shop's seed orders (the same objects its Admin emulator serves). */
  ordersOf: (shop: string) => readonly SeedOrder[];
  /** One sender per shop (each carries its shop domain). */
  senderFor: (shop: string) => WebhookSender;
  tokens: AccessTokens;
  clock: Clock;
  /** Tracking for a new shipment; Bring's documented test parcel by default, which the local Bring answers. */
  tracking?: (order: SeedOrder) => SeedTrackingInfo;
}

const BRING_TEST = (): SeedTrackingInfo => ({
  company: 'Bring',
  number: 'TESTPACKAGEEDI',
  url: 'https://tracking.bring.com/tracking/TESTPACKAGEEDI',
});

const isTopic = (t: string): t is WebhookTopic => (WEBHOOK_TOPICS as readonly string[]).includes(t);

/** AdminActions over the seed orders; messages are what the admin page shows after a form. */
export function createShopActions(options: ShopActionsOptions): AdminActions {
  const now = () => new Date(options.clock());
  const deliver = async (shop: string, webhooks: OutgoingWebhook[]) => {
    const sender = options.senderFor(shop);
    const statuses: number[] = [];
    for (const w of webhooks) statuses.push((await sender.send(w.topic, w.payload)).status);
    return webhooks.map((w, i) => `${w.topic} → ${statuses[i]}`).join(', ');
  };
  const orderFor = (shop: string, key: string) => {
    const order = findOrder(options.ordersOf(shop), key);
    if (!order) throw new Error(`no order ${key}`);
    return order;
  };

  return {
    async sendWebhook(shop, topic, orderKey, payload) {
      if (!isTopic(topic)) throw new Error(`unknown topic ${topic}`);
      const body =
        payload ??
        samplePayload(topic, {
          shop,
          order: orderFor(shop, orderKey),
          orders: options.ordersOf(shop),
          now: now().toISOString(),
        });
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw new Error(`${topic} needs an order with a fulfilment (or a JSON object payload)`);
      }
      return `Sent ${await deliver(shop, [{ topic, payload: body as Record<string, unknown> }])}`;
    },
    async orderAction(shop, orderKey, action: OrderAction) {
      const order = orderFor(shop, orderKey);
      const result =
        action === 'ship'
          ? shipOrder(order, (options.tracking ?? BRING_TEST)(order), now())
          : action === 'deliver'
            ? deliverOrder(order, now())
            : cancelOrder(order, now());
      return `${order.name}: ${action}. Sent ${await deliver(shop, result.webhooks)}`;
    },
    async onUninstall(shop) {
      options.tokens.revokeShop(shop);
      await deliver(shop, [{ topic: 'app/uninstalled', payload: appUninstalledPayload(shop) }]);
    },
  };
}
