// The settings the demo gives the proxy: a self-contained local Shopify by default, a real store when asked.
import { ADMIN_API_VERSION } from '../src/shopify/api-version.js';

export const DEMO_SHOP = 'demo-store.myshopify.com';
export const ADMIN_PATH = `/admin/api/${ADMIN_API_VERSION}/graphql.json`;
export const BRING_PATH = '/carriers/bring/tracking.json';
export const DHL_PATH = '/carriers/dhl/track/shipments';
export const POSTNORD_PATH = '/carriers/postnord/findByIdentifier.json';

export interface DemoSettings {
  /** `local`: the Admin emulator with seeded orders; `store`: the developer's real shop. */
  mode: 'local' | 'store';
  env: Record<string, string | undefined>;
}

/**
 * With SHOPIFY_SHOP and SHOPIFY_ADMIN_TOKEN set, the developer's store is used (custom-app mode,
 * with their endpoint and carrier keys, if any). Otherwise the app runs in app mode and every
 * Shopify and carrier URL points back at this server (`SHOPIFY_API_ORIGIN`), where the local
 * Shopify (token endpoint, Admin API per shop, admin page, CDN stand-ins) and the local carrier
 * endpoints answer.
 * Other settings (rate limits, cache) pass through either way. The app secret only has to agree
 * between the local app proxy and the proxy, so a fresh one is made when none is given.
 */
export function demoSettings(
  given: Record<string, string | undefined>,
  origin: string,
  randomSecret: () => string,
  /** Where the app itself (home, /api, /proxy, /webhooks) listens; the demo gives it its own port. */
  appOrigin: string = origin,
): DemoSettings {
  const secret = given.SHOPIFY_API_SECRET?.trim() || randomSecret();
  if (given.SHOPIFY_SHOP?.trim() && given.SHOPIFY_ADMIN_TOKEN?.trim()) {
    return { mode: 'store', env: { ...given, SHOPIFY_API_SECRET: secret } };
  }
  return {
    mode: 'local',
    env: {
      ...given,
      SHOPIFY_API_SECRET: secret,
      // App mode against the local Shopify: the demo shop installs the app like a real store.
      SHOPIFY_API_KEY: given.SHOPIFY_API_KEY?.trim() || `demo-${randomSecret()}`,
      SHOPIFY_APP_URL: appOrigin,
      SHOPIFY_API_ORIGIN: origin,
      SHOPIFY_CDN_ORIGIN: origin,
      FRAME_ANCESTORS_EXTRA: origin,
      BRING_API_UID: 'demo@example.com',
      BRING_API_KEY: `demo-${randomSecret()}`,
      BRING_TRACKING_URL: `${origin}${BRING_PATH}`,
      BRING_CLIENT_URL: origin,
      DHL_API_KEY: `demo-${randomSecret()}`,
      DHL_TRACKING_URL: `${origin}${DHL_PATH}`,
      POSTNORD_API_KEY: `demo-${randomSecret()}`,
      POSTNORD_TRACKING_URL: `${origin}${POSTNORD_PATH}`,
      // The shipment watcher's rounds: every two seconds, so the demo shows them at once.
      WATCHER_INTERVAL_S: given.WATCHER_INTERVAL_S?.trim() || '2',
    },
  };
}
