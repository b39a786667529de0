// Node's http server in front of the demo's fetch-style handler; hands over the socket address as the shopper's IP.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

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
  res.writeHead(response.status, out);
  if (req.method === 'HEAD' || !response.body) {
    res.end();
    return;
  }
  res.end(Buffer.from(await response.arrayBuffer()));
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
