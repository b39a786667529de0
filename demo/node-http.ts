// Node's http server in front of the demo's fetch-style handler; hands over the socket address as the shopper's IP.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

export type DemoHandler = (request: Request, clientIp: string) => Promise<Response>;

/** Bodies above this are refused before they reach anything else. */
const MAX_BODY_BYTES = 1_000_000;

export function createNodeServer(handler: DemoHandler): Server {
  return createServer((req, res) => {
    serve(handler, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  });
}

async function serve(handler: DemoHandler, req: IncomingMessage, res: ServerResponse) {
  const body = await readBody(req);
  if (body === 'too_large') {
    res.writeHead(413, { 'content-type': 'text/plain' }).end('Payload too large');
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    body: body.length ? new Uint8Array(body) : undefined,
  });
  const response = await handler(request, req.socket.remoteAddress ?? 'unknown');
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) out['set-cookie'] = cookies;
  let payload =
    req.method === 'HEAD' || !response.body ? undefined : Buffer.from(await response.arrayBuffer());
  // Shopify's storefront compresses text; so does the demo, or Lighthouse would weigh bytes a
  // real shop never sends.
  if (
    payload &&
    compressible(response.headers.get('content-type'), req.headers['accept-encoding'])
  ) {
    payload = gzipSync(payload);
    out['content-encoding'] = 'gzip';
    out.vary = 'accept-encoding';
    delete out['content-length'];
  }
  res.writeHead(response.status, out);
  res.end(payload);
}

function compressible(contentType: string | null, acceptEncoding: string | undefined): boolean {
  return (
    /\bgzip\b/.test(acceptEncoding ?? '') &&
    /^(text\/|application\/(json|javascript))/.test(contentType ?? '')
  );
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
