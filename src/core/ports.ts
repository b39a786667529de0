// The small interfaces the edges inject into everything else: clock, logger, fetch.

/** Milliseconds since the epoch; injected so tests can move time. */
export type Clock = () => number;

/** Structured logger. Callers pass plain fields; never an email, token or signature. */
export interface Logger {
  info(fields: Record<string, unknown>): void;
  warn(fields: Record<string, unknown>): void;
  error(fields: Record<string, unknown>): void;
}

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export const systemClock: Clock = () => Date.now();
