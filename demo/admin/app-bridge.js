// Stand-in for Shopify's App Bridge (https://cdn.shopify.com/shopifycloud/app-bridge.js), which this
// demo's machines cannot reach. It keeps only what the app relies on: `window.shopify.idToken()`,
// and a `fetch` that adds `Authorization: Bearer <session token>` to requests for the app's own
// origin, fetching a fresh token and retrying once when the app answers 401 with
// `X-Shopify-Retry-Invalid-Session-Request: 1`. Tokens come from the local admin that served this
// script (`/admin/session-token`), minted like Shopify's: HS256 with the app secret, one minute.
(() => {
  const script = document.currentScript;
  const adminOrigin = script ? new URL(script.src).origin : location.origin;
  const meta = document.querySelector('meta[name="shopify-api-key"]');
  const apiKey = meta ? meta.getAttribute('content') : null;
  const params = new URLSearchParams(location.search);
  const shop = params.get('shop') || sessionStorage.getItem('shopify-shop');
  const host = params.get('host') || sessionStorage.getItem('shopify-host');
  if (shop) sessionStorage.setItem('shopify-shop', shop);
  if (host) sessionStorage.setItem('shopify-host', host);

  let cached = null; // { token, exp } with exp in ms
  const initial = params.get('id_token');
  if (initial) cached = { token: initial, exp: expiry(initial) };

  function expiry(token) {
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(part)).exp * 1000;
    } catch {
      return 0;
    }
  }

  async function idToken(fresh) {
    if (!fresh && cached && cached.exp - Date.now() > 10000) return cached.token;
    const url = `${adminOrigin}/admin/session-token?shop=${encodeURIComponent(shop || '')}&client_id=${encodeURIComponent(apiKey || '')}`;
    const res = await originalFetch(url, { credentials: 'omit', cache: 'no-store' });
    if (!res.ok) throw new Error(`App Bridge stand-in: no session token (${res.status})`);
    const body = await res.json();
    cached = { token: body.token, exp: expiry(body.token) };
    return cached.token;
  }

  const originalFetch = window.fetch.bind(window);

  function sameOrigin(input) {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    return url.origin === location.origin;
  }

  async function send(request, fresh) {
    const headers = new Headers(request.headers);
    headers.set('Authorization', `Bearer ${await idToken(fresh)}`);
    return originalFetch(new Request(request, { headers }));
  }

  window.fetch = async (input, init) => {
    if (!sameOrigin(input)) return originalFetch(input, init);
    const request = new Request(input, init);
    const retryCopy = request.clone();
    const res = await send(request, false);
    if (res.status === 401 && res.headers.get('X-Shopify-Retry-Invalid-Session-Request') === '1') {
      return send(retryCopy, true);
    }
    return res;
  };

  window.shopify = {
    config: { apiKey, shop, host },
    idToken: () => idToken(false),
    toast: { show: (message) => console.info('[toast]', message) },
    loading: () => {},
  };
})();
