// The app as others mount it: settings from the environment, ports optional, one fetch-style handler.
import { carrierConfigFromEnv } from '../carriers/index.js';
import type { Clock, Fetch, Logger } from '../core/ports.js';
import { loadProxyConfig } from '../proxy/config.js';
import { createProxy, defaultProxyDeps, type ProxyDeps } from '../proxy/create-proxy.js';

export { ConfigError } from '../proxy/errors/config-error.js';

export interface App {
  handler: (request: Request) => Promise<Response>;
}

/** Throws ConfigError (`.missing`, `.invalid`) when required settings are absent or malformed. */
export function createApp(
  env: Record<string, string | undefined>,
  deps: Partial<{ fetch: Fetch; clock: Clock; logger: Logger }> & Partial<ProxyDeps> = {},
): App {
  const config = loadProxyConfig(env);
  const handler = createProxy(config, carrierConfigFromEnv(env), defaultProxyDeps(deps));
  return { handler };
}
