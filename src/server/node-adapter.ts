// node:http ⇄ web-standard Request/Response, and nothing else: the logic lives in the handler.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ResponseParts, responseParts } from '../proxy/fast-response.js';
import { nodeRequest } from './node-request.js';

export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Bodies are read into memory up to this many bytes, then reading stops and the handler sees one
 * byte more than the cap (enough for it to refuse). Buffering beats a web stream here: the proxy
 * only takes small bodies, and on Node 20 a stream per request costs more than the lookup itself.
 */
export const ADAPTER_MAX_BODY_BYTES = 64 * 1024;

/** The request as the handler sees it, body read (capped) first. */
export async function toRequest(
  req: IncomingMessage,
  maxBodyBytes = ADAPTER_MAX_BODY_BYTES,
): Promise<Request> {
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? null : await readCapped(req, maxBodyBytes);
  return nodeRequest(method, `http://localhost${pathOf(req.url)}`, req.rawHeaders, body);
}

function readCapped(req: IncomingMessage, cap: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', done);
      req.off('error', reject);
      resolve(joined(chunks, Math.min(size, cap + 1)));
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      // The rest stays unread: the answer closes the connection (see `complete` below).
      if (size > cap) {
        req.pause();
        done();
      }
    };
    req.on('data', onData);
    req.on('end', done);
    req.on('error', reject);
  });
}

function joined(chunks: Buffer[], length: number): Uint8Array<ArrayBuffer> {
  // Socket reads are backed by plain ArrayBuffers.
  const only = chunks[0] as Buffer<ArrayBuffer>;
  if (chunks.length === 1 && only.length === length) return only;
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, length - offset);
    body.set(part, offset);
    offset += part.length;
  }
  return body;
}

/** The request target as a path; the Host header is not trusted to build the URL. */
function pathOf(target: string | undefined): string {
  if (!target) return '/';
  if (target.startsWith('/')) return target;
  try {
    const url = new URL(target);
    return `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}

/** A response `fastResponse` made: status, headers and body straight to the socket. */
function writeParts(res: ServerResponse, parts: ResponseParts, head: boolean, close: boolean) {
  const headers: Record<string, string | number> = { ...parts.headers };
  headers['content-length'] =
    typeof parts.body === 'string' ? Buffer.byteLength(parts.body) : parts.body.byteLength;
  if (close) headers.connection = 'close';
  res.writeHead(parts.status, headers);
  res.end(head ? undefined : parts.body);
}

/** Any other Response: its headers, then its body as it streams. */
export async function writeResponse(
  res: ServerResponse,
  response: Response,
  head: boolean,
  close = false,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  if (close) headers.connection = 'close';
  res.writeHead(response.status, headers);
  if (head || !response.body) {
    await response.body?.cancel();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await new Promise((resume) => res.once('drain', resume));
  }
  res.end();
}

interface PendingWrite {
  res: ServerResponse;
  parts: ResponseParts;
  head: boolean;
  close: boolean;
}

let pending: PendingWrite[] = [];

/**
 * Whole responses are written together once this turn of the event loop has handled every request
 * it read, rather than each as soon as it is ready. A write to a peer that sleeps waiting for it
 * wakes the peer, which costs the writer more than a small request's own work; writes that follow
 * one another find it awake. Under light load a turn holds one request and this adds no wait.
 */
function queueWrite(write: PendingWrite): void {
  if (pending.push(write) === 1) setImmediate(flushWrites);
}

function flushWrites(): void {
  const writes = pending;
  pending = [];
  for (const { res, parts, head, close } of writes) {
    try {
      writeParts(res, parts, head, close);
    } catch {
      failed(res);
    }
  }
}

function answer(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  const head = req.method === 'HEAD';
  // A body left unread cannot be followed by another request on this connection.
  const close = !req.complete;
  const parts = responseParts(response);
  if (parts) {
    queueWrite({ res, parts, head, close });
    return Promise.resolve();
  }
  return writeResponse(res, response, head, close);
}

/**
 * The handler answers every error itself; this guards a socket that went away, a request a Request
 * cannot hold (e.g. a TRACE method), or a response node refuses to write.
 */
function failed(res: ServerResponse): void {
  if (!res.headersSent) {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end();
  } else if (!res.writableEnded) {
    // Cut short rather than let a partial body pass for a whole one.
    res.destroy();
  }
}

export function nodeListener(handler: FetchHandler) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    toRequest(req)
      .then(handler)
      .then((response) => answer(req, res, response))
      .catch(() => failed(res));
  };
}

export interface Serving {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one) and resolves once it does. */
export function serve(
  handler: FetchHandler,
  options: { port: number; host: string },
): Promise<Serving> {
  const server = createServer({ keepAlive: true }, nodeListener(handler));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        server,
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
