// Reads a request body as text, refusing more than a fixed number of bytes before it is all in memory.
import { httpError } from '../../server/http-error.js';

export const MAX_BODY_BYTES = 4096;

/**
 * A server adapter that has already read a request's body into memory (bounded by its own cap) puts
 * its size in bytes under this key; then `text()` costs no stream and the size check needs no read.
 */
export const IN_MEMORY_BODY_BYTES: unique symbol = Symbol.for('track-your-order.inMemoryBodyBytes');

export async function readBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw httpError('payload_too_large');
  const inMemory = (request as Request & { [IN_MEMORY_BODY_BYTES]?: number })[IN_MEMORY_BODY_BYTES];
  if (typeof inMemory === 'number') {
    if (inMemory > maxBytes) throw httpError('payload_too_large');
    return request.text();
  }
  if (!request.body) return '';

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stop reading at once: the rest of a flood never reaches memory.
      await reader.cancel().catch(() => {});
      throw httpError('payload_too_large');
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(concat(chunks, size));
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}
