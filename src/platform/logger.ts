// A Logger writing one JSON line per entry; the fields are the caller's, already free of emails and tokens.
import type { Logger } from '../core/ports.js';

export function createJsonLogger(
  write: (line: string) => void = batchedWriter((chunk) => process.stdout.write(chunk)),
): Logger {
  let lastMs = Number.NaN;
  let lastTime = '';
  // Many lines share a millisecond under load; its ISO form is made once.
  const time = () => {
    const ms = Date.now();
    if (ms !== lastMs) {
      lastMs = ms;
      lastTime = new Date(ms).toISOString();
    }
    return lastTime;
  };
  const entry = (level: string) => {
    const head = `{"level":${JSON.stringify(level)},"time":"`;
    return (fields: Record<string, unknown>) => {
      const rest = JSON.stringify(fields);
      // The caller's fields follow level and time; a field of the same name still wins on parsing.
      write(`${head}${time()}"${rest.length > 2 ? `,${rest.slice(1)}` : '}'}`);
    };
  };
  return { info: entry('info'), warn: entry('warn'), error: entry('error') };
}

/**
 * Joins the lines logged within `maxDelayMs` into one write (sooner once `maxBytes` are pending).
 * Standard output to a file or a pipe is a blocking system call per write; under load, one per
 * request costs more than a cached lookup. Whatever is pending is written when the process exits.
 */
export function batchedWriter(
  writeChunk: (chunk: string) => void,
  options: { maxDelayMs?: number; maxBytes?: number; onExit?: (flush: () => void) => void } = {},
): (line: string) => void {
  const { maxDelayMs = 20, maxBytes = 64 * 1024 } = options;
  const onExit = options.onExit ?? ((flush: () => void) => process.once('exit', flush));
  let pending = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const chunk = pending;
    pending = '';
    writeChunk(chunk);
  };
  onExit(flush);
  return (line) => {
    pending += `${line}\n`;
    if (pending.length >= maxBytes) flush();
    else if (!timer) {
      timer = setTimeout(flush, maxDelayMs);
      // Pending lines never keep the process alive; the exit hook writes them.
      timer.unref();
    }
  };
}
