// Entry of the admin bundle: reads the shop, API key and language the app home gives, and renders.
import { render } from 'preact';
import { createApi } from './api.js';
import { App, parseRoute } from './app.js';
import { createI18n, pickLocale } from './i18n.js';

const search = new URLSearchParams(window.location.search);
const root = document.getElementById('app') ?? document.body;
const i18n = createI18n(pickLocale(search.get('locale') ?? document.documentElement.lang));
document.documentElement.lang = i18n.locale;
// App Bridge replaces window.fetch with one that adds the session token; call it late, not a copy.
const api = createApi((input, init) => window.fetch(input, init));
const shop = search.get('shop') ?? '';
const apiKey =
  document.querySelector('meta[name="shopify-api-key"]')?.getAttribute('content') ?? '';

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function show() {
  render(
    <App
      api={api}
      i18n={i18n}
      shop={shop}
      apiKey={apiKey}
      route={parseRoute(window.location.hash)}
      download={download}
    />,
    root,
  );
}

window.addEventListener('hashchange', show);
// The home's static note stands until the UI is ready; the UI then takes the whole container.
root.replaceChildren();
show();
