// A Logger writing one JSON line per entry; the fields are the caller's, already free of emails and tokens.
import type { Logger } from '../core/ports.js';

export function createJsonLogger(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const entry = (level: string) => (fields: Record<string, unknown>) => {
    write(JSON.stringify({ level, time: new Date().toISOString(), ...fields }));
  };
  return { info: entry('info'), warn: entry('warn'), error: entry('error') };
}
