// The app's @shopify/shopify-api instance (app mode): session-token checks, token exchange, refresh.
// The node adapter sets the library's runtime hooks; its global fetch is replaced by withTransport.
import '@shopify/shopify-api/adapters/node';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import type { AppModeConfig } from '../config.js';

export type ShopifyAuth = ReturnType<typeof createShopifyAuth>;

/**
 * One library instance per app. Its HTTP goes through `withTransport` (src/shopify/shopify-fetch),
 * never the library's own global fetch. The library's logger is silenced: its lines would bypass
 * pino and its redaction; our own code logs what matters.
 */
export function createShopifyAuth(app: AppModeConfig, apiSecret: string) {
  return shopifyApi({
    apiKey: app.apiKey,
    apiSecretKey: apiSecret,
    hostName: new URL(app.appUrl).host,
    hostScheme: app.appUrl.startsWith('http:') ? 'http' : 'https',
    apiVersion: ApiVersion.October26,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error, log: () => {}, httpRequests: false, timestamps: false },
    future: {},
  });
}
