// The Redis connection shared state rides on (ioredis), and the one log line per outage.
import { Redis } from 'ioredis';
import type { Logger } from '../core/ports.js';

/** Longest wait between reconnection attempts while Redis is away. */
const RECONNECT_MAX_MS = 5_000;

/**
 * A client that fails a command at once while disconnected (no offline queue, one retry), so a
 * rate limit falls back to process memory instead of waiting for Redis. It reconnects by itself.
 * `url` is `redis://[:password@]host:port[/db]`; connecting starts at once and never throws here.
 */
export function connectRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, RECONNECT_MAX_MS),
  });
}

/** Says when Redis went away and when it came back, each once per outage, whoever noticed first. */
export interface OutageLog {
  /** Logs `redis_unavailable` (warn) unless the current outage was already logged. */
  down(reason: string): void;
  /** Logs `redis_restored` (info) when an outage was logged; otherwise nothing. */
  up(): void;
}

export function createOutageLog(logger: Logger): OutageLog {
  let out = false;
  return {
    down(reason) {
      if (out) return;
      out = true;
      logger.warn({ event: 'redis_unavailable', reason, fallback: 'process_memory' });
    },
    up() {
      if (!out) return;
      out = false;
      logger.info({ event: 'redis_restored' });
    },
  };
}

/** Wires a client's connection events to the outage log (errors name only their code, no URL). */
export function watchRedis(client: Redis, outage: OutageLog): void {
  client.on('error', (error: NodeJS.ErrnoException) => outage.down(error.code ?? error.name));
  client.on('close', () => {
    // 'close' also follows a deliberate disconnect; only a live client going away is an outage.
    if (client.status !== 'end') outage.down('connection_closed');
  });
  client.on('ready', () => outage.up());
}
