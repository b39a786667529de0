// Responses built from a whole string or byte body, which a server adapter can write without reading a web stream.

/** What an adapter needs to write a response directly: header names are lower-case. */
export interface ResponseParts {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array<ArrayBuffer>;
}

export interface FastResponseInit {
  status?: number;
  headers?: Record<string, string>;
}

const PARTS = Symbol('responseParts');
const REAL = Symbol('realResponse');

/**
 * Looks and acts like a Response (its prototype chain is Response.prototype) but keeps its parts
 * until something other than `status` or `ok` is asked for; then it builds the real Response once,
 * forwards everything to it, and stops offering its parts (the caller may have changed headers).
 */
class FastResponse {
  [PARTS]: ResponseParts | undefined;
  [REAL]: Response | undefined;

  constructor(parts: ResponseParts) {
    this[PARTS] = parts;
    this[REAL] = undefined;
  }
}

function real(response: FastResponse): Response {
  let built = response[REAL];
  if (!built) {
    const parts = response[PARTS] as ResponseParts;
    built = new Response(parts.body, { status: parts.status, headers: parts.headers });
    response[REAL] = built;
    response[PARTS] = undefined;
  }
  return built;
}

for (const [key, descriptor] of Object.entries(
  Object.getOwnPropertyDescriptors(Response.prototype),
)) {
  if (key === 'constructor') continue;
  if (descriptor.get) {
    Object.defineProperty(FastResponse.prototype, key, {
      configurable: true,
      get(this: FastResponse) {
        return Reflect.get(real(this), key);
      },
    });
  } else if (typeof descriptor.value === 'function') {
    Object.defineProperty(FastResponse.prototype, key, {
      configurable: true,
      writable: true,
      value(this: FastResponse, ...args: unknown[]) {
        const target = real(this);
        return (Reflect.get(target, key) as (...a: unknown[]) => unknown).apply(target, args);
      },
    });
  }
}
// The two fields the handler reads on every request stay cheap.
Object.defineProperty(FastResponse.prototype, 'status', {
  configurable: true,
  get(this: FastResponse) {
    return this[PARTS]?.status ?? real(this).status;
  },
});
Object.defineProperty(FastResponse.prototype, 'ok', {
  configurable: true,
  get(this: FastResponse) {
    const parts = this[PARTS];
    return parts ? parts.status >= 200 && parts.status <= 299 : real(this).ok;
  },
});
Object.setPrototypeOf(FastResponse.prototype, Response.prototype);

/** Like `new Response(body, init)` for a whole body, with the checks it makes on the status. */
export function fastResponse(
  body: string | Uint8Array<ArrayBuffer>,
  init: FastResponseInit = {},
): Response {
  const status = init.status ?? 200;
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new RangeError(`init["status"] must be in the range of 200 to 599, inclusive.`);
  }
  if (status === 204 || status === 205 || status === 304) {
    throw new TypeError('Response constructor: Invalid response status code');
  }
  const headers: Record<string, string> = {};
  if (init.headers) {
    for (const name of Object.keys(init.headers)) {
      headers[name.toLowerCase()] = (init.headers[name] as string).trim();
    }
  }
  // The type a Response gives a string body of its own accord.
  if (typeof body === 'string' && headers['content-type'] === undefined) {
    headers['content-type'] = 'text/plain;charset=UTF-8';
  }
  return new FastResponse({ status, headers, body }) as unknown as Response;
}

/** The parts of a response `fastResponse` made and nothing has turned into a real one yet. */
export function responseParts(response: Response): ResponseParts | undefined {
  return response instanceof FastResponse ? response[PARTS] : undefined;
}

/** Sets a header without turning a fast response into a real one. */
export function setResponseHeader(response: Response, name: string, value: string): void {
  const parts = responseParts(response);
  if (parts) parts.headers[name.toLowerCase()] = value.trim();
  else response.headers.set(name, value);
}
