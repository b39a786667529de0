// The app as others mount it: settings from the environment, ports optional, one fetch-style handler.
import { type CarrierConfig, CarrierConfigError, carrierConfigFromEnv } from '../carriers/index.js';
import type { Clock, Fetch, Logger } from '../core/ports.js';
import { loadProxyConfig } from './config.js';
import { createProxy, defaultProxyDeps, type ProxyDeps } from '../proxy/create-proxy.js';
import { ConfigError } from './config-error.js';

export { ConfigError } from './config-error.js';

export interface App {
  handler: (request: Request) => Promise<Response>;
}

/** Throws ConfigError (`.missing`, `.invalid`) when required settings are absent or malformed. */
export function createApp(
  env: Record<string, string | undefined>,
  deps: Partial<{ fetch: Fetch; clock: Clock; logger: Logger }> & Partial<ProxyDeps> = {},
): App {
  const config = loadProxyConfig(env);
  const handler = createProxy(config, carrierSettings(env), defaultProxyDeps(deps));
  return { handler };
}

/** Carrier settings are optional, but a malformed one stops the start like any other setting. */
function carrierSettings(env: Record<string, string | undefined>): CarrierConfig {
  try {
    return carrierConfigFromEnv(env);
  } catch (error) {
    if (error instanceof CarrierConfigError) {
      throw new ConfigError([], [error.variable], error.message);
    }
    throw error;
  }
}
