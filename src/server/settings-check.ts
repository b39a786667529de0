// Every setting checked before anything opens, each malformed one named in one message (`npm start`, `npm run worker`).
import { CarrierConfigError, carrierConfigFromEnv } from '../carriers/config.js';
import { ConfigError } from '../platform/config-error.js';
import { loadSyncConfig } from '../sync/config.js';
import { watcherInServer } from '../watcher/runtime.js';
import { watcherConfigFromEnv } from '../watcher/watcher.js';
import { type Env, loadProxyConfig, withoutBlanks } from './config.js';
import { isRedisUrl } from './shared-state.js';

/**
 * Runs every settings reader on `env` (the proxy's, the carriers', the sync's, the watcher's,
 * REDIS_URL and DATABASE_URL) and throws one ConfigError naming every missing and malformed
 * setting with each reader's reason, so one start shows all there is to fix. Values are never
 * shown. Other errors (not ConfigError) are thrown as they are.
 *
 * @throws ConfigError
 */
export function checkSettings(raw: Env): void {
  const env = withoutBlanks(raw);
  const missing = new Set<string>();
  const invalid = new Set<string>();
  const reasons: string[] = [];
  const check = (read: () => unknown) => {
    try {
      read();
    } catch (error) {
      if (error instanceof CarrierConfigError) {
        invalid.add(error.variable);
        reasons.push(error.message);
        return;
      }
      if (!(error instanceof ConfigError)) throw error;
      for (const name of error.missing) missing.add(name);
      for (const name of error.invalid) invalid.add(name);
      if (error.detail) reasons.push(error.detail);
    }
  };
  check(() => loadProxyConfig(raw));
  check(() => carrierConfigFromEnv(env));
  check(() => loadSyncConfig(env));
  check(() => watcherConfigFromEnv(env));
  check(() => watcherInServer(env));
  check(() => {
    if (env.REDIS_URL && !isRedisUrl(env.REDIS_URL))
      throw new ConfigError([], ['REDIS_URL'], 'REDIS_URL must be a redis:// or rediss:// URL');
  });
  check(() => {
    if (env.DATABASE_URL && !/^postgres(ql)?:\/\/./.test(env.DATABASE_URL))
      throw new ConfigError([], ['DATABASE_URL'], 'DATABASE_URL must be a postgres:// URL');
  });
  if (missing.size || invalid.size) {
    throw new ConfigError([...missing], [...invalid], reasons.join('; ') || undefined);
  }
}
