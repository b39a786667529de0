import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createStorefront, type StorefrontRequest } from './storefront.js';

const storefront = createStorefront({
  extensionRoot: fileURLToPath(new URL('./fixtures/extension', import.meta.url)),
  blockFile: 'sample.liquid',
  shopName: 'Demo Store',
  shopDomain: 'demo-store.myshopify.com',
  assetBase: '/extension-assets/',
  locales: [
    { isoCode: 'en', endonym: 'English' },
    { isoCode: 'nb', endonym: 'Norsk (bokmål)' },
  ],
  now: () => Date.UTC(2026, 10, 20),
});

const english: StorefrontRequest = { locale: 'en', path: '/', designMode: false, customer: null };

describe('the demo storefront', () => {
  it('renders the block with its schema defaults, translations and a snippet', async () => {
    const html = await storefront.renderPage(english, { withBlock: true });
    expect(html).toContain('<h2>Sample heading</h2>');
    expect(html).toContain('Hello Kari');
    expect(html).toContain('2 items');
    expect(html).toContain('<span class="snippet">Kari</span>');
    expect(html).toContain('data-proxy="/apps/track"');
    expect(html).not.toContain('class="note"');
    expect(html).not.toContain('{% schema %}');
  });

  it('injects the schema javascript and stylesheet once, in the head', async () => {
    const html = await storefront.renderPage(english, { withBlock: true });
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<script src="/extension-assets/sample.js" defer></script>');
    expect(head).toContain(
      '<link rel="stylesheet" href="/extension-assets/sample.css" media="all">',
    );
    expect(html.match(/sample\.js/g)).toHaveLength(1);
    expect(html).toContain('src="/extension-assets/sample.svg"');
  });

  it('leaves the block and its assets out of the page without it', async () => {
    const html = await storefront.renderPage(english, { withBlock: false });
    expect(html).not.toContain('sample');
    expect(html).toContain('<h1 class="main-page-title">Order status</h1>');
  });

  it('switches the block and the theme to Norwegian, falling back to English key by key', async () => {
    const html = await storefront.renderPage({ ...english, locale: 'nb' }, { withBlock: true });
    expect(html).toContain('<html class="no-js" lang="nb">');
    expect(html).toContain('Eksempeloverskrift');
    expect(html).toContain('Hei Kari');
    expect(html).toContain('2 varer');
    expect(html).toContain('data-root="/nb"');
    expect(html).toContain('Bestillingsstatus');
  });

  it('converts setting overrides to the setting type', async () => {
    const html = await storefront.renderPage(english, {
      withBlock: true,
      settings: { show_note: 'true', name: 'Ola' },
    });
    expect(html).toContain('class="note"');
    expect(html).toContain('Hello Ola');
  });

  it('marks the theme editor preview with design_mode and the editor block attribute', async () => {
    const html = await storefront.renderPage({ ...english, designMode: true }, { withBlock: true });
    expect(html).toContain('<p class="editor">editor</p>');
    expect(html).toContain('data-shopify-editor-block="{&quot;id&quot;');
    expect(html).toContain('"designMode":true');
  });

  it('shows the logged-in customer to the block and the header', async () => {
    const html = await storefront.renderPage(
      { ...english, customer: { id: '7001', firstName: 'Kari' } },
      { withBlock: true },
    );
    expect(html).toContain('<p class="customer">7001</p>');
    expect(html).toContain('Logged in as Kari');
  });

  it('renders an application/liquid answer inside the layout, or bare with layout none', async () => {
    const framed = await storefront.renderProxyPage(english, '<p>{{ shop.name }}</p>');
    expect(framed).toContain('<main id="MainContent"');
    expect(framed).toContain('<p>Demo Store</p>');
    const bare = await storefront.renderProxyPage(english, '{% layout none %}<p>only</p>');
    expect(bare).toBe('<p>only</p>');
  });

  it('shows a missing translation as Shopify does, without failing', async () => {
    const html = await storefront.renderProxyPage(english, "{{ 'sample.heading' | t }}");
    expect(html).toContain('Translation missing: en.sample.heading');
  });
});
