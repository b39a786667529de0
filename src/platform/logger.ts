// The process's pino logger: one JSON line per entry, secrets redacted by key wherever they sit.
import pino, { type DestinationStream } from 'pino';
import type { Logger } from '../core/ports.js';

/** A logger that can make a child carrying fixed fields (e.g. `requestId`, `shop`) on every line. */
export interface AppLogger extends Logger {
  child(bindings: Record<string, unknown>): AppLogger;
}

/**
 * Keys whose values never reach a log line, at the top level or one level down. Callers already
 * pass no personal data; this is the second lock on the door.
 */
export const REDACTED_KEYS = [
  'email',
  'token',
  'accessToken',
  'adminToken',
  'signature',
  'secret',
  'apiSecret',
  'authorization',
  'password',
] as const;

const REDACTED = new Set<string>(REDACTED_KEYS);
export const CENSOR = '[redacted]';

/**
 * `fields` with the value of each REDACTED_KEYS key replaced by CENSOR, at the top level and in
 * any object one level down (`email`, `*.email`). Copies only what it changes; never mutates.
 */
export function redactKeys(fields: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) continue;
    if (REDACTED.has(key)) {
      out ??= { ...fields };
      out[key] = CENSOR;
      continue;
    }
    const value = fields[key];
    // An array's own keys are its indexes: JSON writes no `email` of an array.
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    let inner: Record<string, unknown> | undefined;
    for (const name in value) {
      if (!Object.hasOwn(value, name) || !REDACTED.has(name)) continue;
      inner ??= { ...(value as Record<string, unknown>) };
      inner[name] = CENSOR;
    }
    if (inner) {
      out ??= { ...fields };
      out[key] = inner;
    }
  }
  return out ?? fields;
}

/**
 * `destination` receives each line (tests collect them; default: standard output, written
 * synchronously so nothing is lost on exit). Level names, not numbers, so lines read plainly.
 */
export function createLogger(
  options: { level?: string; destination?: DestinationStream } = {},
): AppLogger {
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      // Redaction in the formatters rather than pino's `redact` paths, which run every value of
      // every line through a path walker: one pass over the keys instead (same keys, same censor).
      formatters: { level: (label) => ({ level: label }), log: redactKeys },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  // pino gives a child's fields to no formatter: they are redacted on the way in. Children are
  // made from their parent by prototype, so every generation inherits this `child`.
  const pinoChild = logger.child;
  logger.child = function child(this: typeof logger, bindings, childOptions) {
    return pinoChild.call(this, redactKeys(bindings), childOptions);
  } as typeof logger.child;
  return logger;
}

/** A logger that keeps its lines as parsed objects (tests, the demo's console view). */
export function memoryLogger(): { logger: AppLogger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  return { logger, lines };
}

/** A child logger made only when it first writes, whose fixed fields can be read. */
export interface LazyChildLogger extends AppLogger {
  readonly bindings: Readonly<Record<string, unknown>>;
  child(bindings: Record<string, unknown>): LazyChildLogger;
}

/**
 * `parent.child(bindings)`, made on first use: a request that writes only its request line never
 * pays for a pino child (the app writes that line with `bindings` itself). A child of it merges
 * the bindings and stays lazy; a line reads as the pino child's would.
 */
export function lazyChild(parent: AppLogger, bindings: Record<string, unknown>): LazyChildLogger {
  return new LazyChild(parent, bindings);
}

/** A class, not closures: one is made per request, and its methods are made once. */
class LazyChild implements LazyChildLogger {
  #made: AppLogger | undefined;
  constructor(
    private readonly parent: AppLogger,
    readonly bindings: Record<string, unknown>,
  ) {}
  #real(): AppLogger {
    this.#made ??= this.parent.child(this.bindings);
    return this.#made;
  }
  info(fields: Record<string, unknown>): void {
    this.#real().info(fields);
  }
  warn(fields: Record<string, unknown>): void {
    this.#real().warn(fields);
  }
  error(fields: Record<string, unknown>): void {
    this.#real().error(fields);
  }
  child(more: Record<string, unknown>): LazyChildLogger {
    return new LazyChild(this.parent, { ...this.bindings, ...more });
  }
}
