// A Logger writing one JSON line per entry; the fields are the caller's, already free of emails and tokens.
import type { Logger } from '../core/ports.js';

export function createJsonLogger(
  write: (line: string) => void = batchedWriter((chunk) => process.stdout.write(chunk)),
): Logger {
  const entry = (level: string) => (fields: Record<string, unknown>) => {
    write(JSON.stringify({ level, time: new Date().toISOString(), ...fields }));
  };
  return { info: entry('info'), warn: entry('warn'), error: entry('error') };
}

/**
 * Joins the lines logged during one turn of the event loop into one write. Standard output to a
 * file or a pipe is a blocking system call per write; under load, one per request costs more than
 * a cached lookup. Whatever is pending is written when the process exits.
 */
export function batchedWriter(
  writeChunk: (chunk: string) => void,
  onExit: (flush: () => void) => void = (flush) => process.once('exit', flush),
): (line: string) => void {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending) return;
    const chunk = pending;
    pending = '';
    writeChunk(chunk);
  };
  onExit(flush);
  return (line) => {
    pending += `${line}\n`;
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}
