// A Request read straight from node:http (method, URL, raw headers, a body already in memory); undici's Request is built only if asked for more.
import { IN_MEMORY_BODY_BYTES } from '../proxy/request/read-body.js';

const FIELDS = Symbol('nodeRequestFields');
const REAL = Symbol('realRequest');

interface Fields {
  method: string;
  url: string;
  /** `url` as a Request would normalise it; parsed on first use. */
  href: string | undefined;
  rawHeaders: readonly string[];
  body: Uint8Array<ArrayBuffer> | null;
  /** Built from `rawHeaders` once something beyond `get` and `has` is asked of the headers. */
  headers: Headers | undefined;
  /** What `request.headers` gives until then: reads answered from `rawHeaders`. */
  rawView: Headers | undefined;
  /** Read through the fast `text()`/`json()`/`arrayBuffer()`. */
  used: boolean;
}

const decoder = new TextDecoder();

/**
 * A URL on the adapter's own origin whose path and query hold only characters the URL parser
 * leaves alone (nothing it would percent-encode, no backslash, no fragment) and no dot segment is
 * its own serialisation; any other goes through the parser, as a Request would.
 */
const ORIGIN = 'http://localhost/';
const SERIALISED_AS_IS = /^[\w\-~!$&()*+,;=:@/?%.]*$/;
const DOT_SEGMENT = /\/\.|%2e/i;

function serialised(url: string): string {
  if (url.startsWith(ORIGIN)) {
    const rest = url.slice(ORIGIN.length - 1);
    if (SERIALISED_AS_IS.test(rest) && !DOT_SEGMENT.test(rest)) return url;
  }
  return new URL(url).href;
}

/**
 * Its prototype chain is Request.prototype, so `instanceof Request` holds. Method, URL, headers
 * and the body reads are answered from what node:http gave; anything else (signal, body stream,
 * clone...) builds the real Request once and is forwarded to it from then on.
 */
class NodeRequest {
  readonly [FIELDS]: Fields;
  [REAL]: Request | undefined;

  constructor(fields: Fields) {
    this[FIELDS] = fields;
    this[REAL] = undefined;
  }

  get [IN_MEMORY_BODY_BYTES](): number {
    return this[FIELDS].body?.byteLength ?? 0;
  }
}

function headersOf(fields: Fields): Headers {
  if (!fields.headers) {
    const headers = new Headers();
    const raw = fields.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i] as string;
      // HTTP/2 pseudo-headers (`:path`) are not headers a Request can hold.
      if (name.charCodeAt(0) !== 0x3a) headers.append(name, raw[i + 1] as string);
    }
    fields.headers = headers;
  }
  return fields.headers;
}

/** Trims only what `Headers` trims from a value: spaces, tabs, CR and LF. */
function httpTrim(value: string): string {
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (first > 0x20 && last > 0x20) return value;
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}

/** A header name `Headers` accepts without throwing (an HTTP token). */
const TOKEN = /^[!#$%&'*+\-.^`|~\w]+$/;

/**
 * Headers whose `get` and `has` read node's raw list (as `Headers` would answer them: any case,
 * repeats joined by ", "); anything else, including a change, goes to the built Headers, which then
 * answers everything. Its prototype chain is Headers.prototype, so `instanceof Headers` holds.
 */
class RawHeaderView {
  readonly #fields: Fields;

  constructor(fields: Fields) {
    this.#fields = fields;
  }

  get(name: string): string | null {
    const fields = this.#fields;
    if (fields.headers || !TOKEN.test(name)) return headersOf(fields).get(name);
    const raw = fields.rawHeaders;
    const wanted = name.toLowerCase();
    let value: string | null = null;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const key = raw[i] as string;
      if (key.length === wanted.length && key.toLowerCase() === wanted) {
        const next = httpTrim(raw[i + 1] as string);
        value = value === null ? next : `${value}, ${next}`;
      }
    }
    return value;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  /** The fields behind a view, for the forwarded methods below. */
  static fieldsOf(view: RawHeaderView): Fields {
    return view.#fields;
  }
}

for (const key of Reflect.ownKeys(Headers.prototype)) {
  const descriptor = Object.getOwnPropertyDescriptor(Headers.prototype, key);
  if (key === 'constructor' || key === 'get' || key === 'has') continue;
  if (typeof descriptor?.value !== 'function') continue;
  Object.defineProperty(RawHeaderView.prototype, key, {
    configurable: true,
    writable: true,
    value(this: RawHeaderView, ...args: unknown[]) {
      const target = headersOf(RawHeaderView.fieldsOf(this));
      return (Reflect.get(target, key) as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
}
Object.setPrototypeOf(RawHeaderView.prototype, Headers.prototype);

function real(request: NodeRequest): Request {
  let built = request[REAL];
  if (!built) {
    const fields = request[FIELDS];
    built = new Request(fields.url, {
      method: fields.method,
      headers: headersOf(fields),
      body: fields.body,
    });
    // A body already read here stays read there.
    if (fields.used) built.arrayBuffer().catch(() => {});
    request[REAL] = built;
  }
  return built;
}

/** The body once, as the Request's own reads would give it; undefined when the real one must answer. */
function takeBody(request: NodeRequest): Promise<Uint8Array> | undefined {
  if (request[REAL]) return undefined;
  const fields = request[FIELDS];
  if (!fields.body) return Promise.resolve(new Uint8Array(0));
  if (fields.used)
    return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
  fields.used = true;
  return Promise.resolve(fields.body);
}

for (const [key, descriptor] of Object.entries(
  Object.getOwnPropertyDescriptors(Request.prototype),
)) {
  if (key === 'constructor') continue;
  if (descriptor.get) {
    Object.defineProperty(NodeRequest.prototype, key, {
      configurable: true,
      get(this: NodeRequest) {
        return Reflect.get(real(this), key);
      },
    });
  } else if (typeof descriptor.value === 'function') {
    Object.defineProperty(NodeRequest.prototype, key, {
      configurable: true,
      writable: true,
      value(this: NodeRequest, ...args: unknown[]) {
        const target = real(this);
        return (Reflect.get(target, key) as (...a: unknown[]) => unknown).apply(target, args);
      },
    });
  }
}

const fast: Record<string, PropertyDescriptor> = {
  method: {
    get(this: NodeRequest) {
      return this[FIELDS].method;
    },
  },
  url: {
    get(this: NodeRequest) {
      const fields = this[FIELDS];
      if (fields.href === undefined) {
        fields.href = serialised(fields.url);
      }
      return fields.href;
    },
  },
  headers: {
    get(this: NodeRequest) {
      const built = this[REAL]?.headers;
      if (built) return built;
      const fields = this[FIELDS];
      if (fields.headers) return fields.headers;
      fields.rawView ??= new RawHeaderView(fields) as unknown as Headers;
      return fields.rawView;
    },
  },
  bodyUsed: {
    get(this: NodeRequest) {
      return this[REAL]?.bodyUsed ?? this[FIELDS].used;
    },
  },
  text: {
    value(this: NodeRequest) {
      return takeBody(this)?.then((bytes) => decoder.decode(bytes)) ?? real(this).text();
    },
  },
  json: {
    value(this: NodeRequest) {
      return (
        takeBody(this)?.then((bytes) => JSON.parse(decoder.decode(bytes))) ?? real(this).json()
      );
    },
  },
  arrayBuffer: {
    value(this: NodeRequest) {
      return takeBody(this)?.then((bytes) => bytes.slice().buffer) ?? real(this).arrayBuffer();
    },
  },
};
for (const [key, descriptor] of Object.entries(fast)) {
  Object.defineProperty(NodeRequest.prototype, key, {
    configurable: true,
    ...descriptor,
    ...('value' in descriptor ? { writable: true } : {}),
  });
}
Object.setPrototypeOf(NodeRequest.prototype, Request.prototype);

/** The methods a Request upper-cases; it keeps any other as given. */
const METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/**
 * `url` must be absolute; `body` must be null for GET and HEAD. Any method but the ones a Request
 * upper-cases goes through the real Request's checks at once (it refuses CONNECT, TRACE, TRACK).
 */
export function nodeRequest(
  method: string,
  url: string,
  rawHeaders: readonly string[],
  body: Uint8Array<ArrayBuffer> | null,
): Request {
  const upper = method.toUpperCase();
  const fields: Fields = {
    method: METHODS.has(upper) ? upper : method,
    url,
    href: undefined,
    rawHeaders,
    body,
    headers: undefined,
    rawView: undefined,
    used: false,
  };
  const request = new NodeRequest(fields);
  if (!METHODS.has(upper)) real(request);
  return request as unknown as Request;
}
