// node:http ⇄ web-standard Request/Response, and nothing else: the logic lives in the handler.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Bodies are read into memory up to this many bytes, then reading stops and the handler sees one
 * byte more than the cap (enough for it to refuse). Buffering beats a web stream here: on Node 20,
 * `Readable.toWeb` halves throughput for the small bodies this proxy takes.
 */
export const ADAPTER_MAX_BODY_BYTES = 64 * 1024;

export async function toRequest(
  req: IncomingMessage,
  maxBodyBytes = ADAPTER_MAX_BODY_BYTES,
): Promise<Request> {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    headers.append(raw[i] as string, raw[i + 1] as string);
  }
  const method = req.method ?? 'GET';
  // No `signal`: on Node 20 a Request with one costs more than everything else here together.
  const init: RequestInit = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') init.body = await readCapped(req, maxBodyBytes);
  return new Request(`http://localhost${pathOf(req.url)}`, init);
}

async function readCapped(req: IncomingMessage, cap: number): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > cap) break;
  }
  const body = new Uint8Array(Math.min(size, cap + 1));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, body.length - offset);
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

export async function writeResponse(
  res: ServerResponse,
  response: Response,
  head: boolean,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  const body = head || !response.body ? undefined : await response.text();
  res.writeHead(response.status, headers);
  res.end(body);
}

export function nodeListener(handler: FetchHandler) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    toRequest(req)
      .then(handler)
      .then((response) => {
        // A body left unread cannot be followed by another request on this connection.
        if (!req.complete) response.headers.set('connection', 'close');
        return writeResponse(res, response, req.method === 'HEAD');
      })
      .catch(() => {
        // The handler answers every error itself; this only guards a socket that went away mid-write.
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end();
      });
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
