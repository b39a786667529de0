// A JSON success answer; personal lookups are never stored by shared caches.

export function jsonResponse(body: unknown, status = 200): Response {
  return jsonTextResponse(JSON.stringify(body), status);
}

/** For a body already serialised (a cached view is kept as its JSON text). */
export function jsonTextResponse(json: string, status = 200): Response {
  return new Response(json, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}
