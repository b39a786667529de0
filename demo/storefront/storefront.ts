// The demo storefront: renders the theme layout, the page template and the real app block, as a Shopify store would.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Liquid } from 'liquidjs';
import { blockSettings, readAppBlock } from './block.js';
import { createStorefrontLiquid, escapeAttr } from './liquid.js';
import { loadTranslations } from './translations.js';

const THEME_DIR = fileURLToPath(new URL('.', import.meta.url));

export interface StorefrontOptions {
  /** The theme app extension folder (blocks/, locales/, snippets/, assets/). */
  extensionRoot: string;
  /** The block file inside `blocks/`. */
  blockFile: string;
  shopName: string;
  shopDomain: string;
  /** URL path prefix the extension's assets are served under, ending in `/`. */
  assetBase: string;
  /** Published locales; the first is the primary one (served without a path prefix). */
  locales: readonly { isoCode: string; endonym: string }[];
  now: () => number;
}

export interface DemoCustomer {
  id: string;
  firstName: string;
}

/** The demo's market per storefront language; others sell in Ireland's (euros, English). */
const MARKET_BY_LOCALE: Readonly<Record<string, string>> = {
  nb: 'NO',
  sv: 'SE',
  da: 'DK',
  de: 'DE',
  ja: 'JP',
  'pt-BR': 'BR',
};

/** What the shopper's request tells the theme: locale, editor mode, who is logged in. */
export interface StorefrontRequest {
  locale: string;
  /** Page path without the locale prefix, e.g. `/pages/track`. */
  path: string;
  designMode: boolean;
  customer: DemoCustomer | null;
}

export interface Storefront {
  /** The page with the app block, or without it (`withBlock: false`, the baseline for Lighthouse). */
  renderPage(
    request: StorefrontRequest,
    page: { withBlock: boolean; settings?: Record<string, string> },
  ): Promise<string>;
  /** An app proxy's `application/liquid` answer, rendered in the theme's layout unless it says `{% layout none %}`. */
  renderProxyPage(request: StorefrontRequest, source: string): Promise<string>;
  renderLoginPage(
    request: StorefrontRequest,
    customers: readonly DemoCustomer[],
    returnTo: string,
  ): Promise<string>;
  /** `/` for the primary locale, `/nb` for the others, as Shopify's `routes.root_url`. */
  rootUrl(locale: string): string;
}

/** The id Shopify gives a block instance; any stable string does for one demo page. */
const BLOCK_ID = 'AcW5vb3JkZXJfdHJhY2sy__track_order_demo';
const LAYOUT_NONE = /\{%-?\s*layout\s+(?:none|'none'|"none")\s*-?%\}/;

export function createStorefront(options: StorefrontOptions): Storefront {
  const primary = options.locales[0]?.isoCode ?? 'en';
  const themeEngines = new Map<string, Promise<Liquid>>();
  const blockEngines = new Map<string, Promise<Liquid>>();
  const assetUrl = (file: string) => `${options.assetBase}${encodeURIComponent(file)}`;

  const engineFor =
    (cache: Map<string, Promise<Liquid>>, dir: string, snippets: string[]) =>
    (locale: string): Promise<Liquid> => {
      let engine = cache.get(locale);
      if (!engine) {
        engine = loadTranslations(dir, locale).then((translations) =>
          createStorefrontLiquid({ translations, snippetDirs: snippets, assetUrl }),
        );
        cache.set(locale, engine);
      }
      return engine;
    };
  const themeEngine = engineFor(themeEngines, join(THEME_DIR, 'locales'), [THEME_DIR]);
  const blockEngine = engineFor(blockEngines, join(options.extensionRoot, 'locales'), [
    join(options.extensionRoot, 'snippets'),
  ]);

  const rootUrl = (locale: string) => (locale === primary ? '/' : `/${locale}`);
  const prefix = (locale: string) => (locale === primary ? '' : `/${locale}`);

  const globals = (request: StorefrontRequest) => {
    const root = rootUrl(request.locale);
    const localePrefix = prefix(request.locale);
    return {
      shop: {
        name: options.shopName,
        permanent_domain: options.shopDomain,
        url: '',
        locale: primary,
      },
      request: {
        locale: {
          iso_code: request.locale,
          primary: request.locale === primary,
          root_url: root,
          endonym_name: options.locales.find((l) => l.isoCode === request.locale)?.endonym,
        },
        design_mode: request.designMode,
        page_type: request.path === '/' ? 'index' : 'page',
        path: `${localePrefix}${request.path}`,
      },
      routes: {
        root_url: root,
        account_url: `${localePrefix}/account`,
        account_login_url: `${localePrefix}/account/login`,
        account_logout_url: `${localePrefix}/account/logout`,
        search_url: `${localePrefix}/search`,
        cart_url: `${localePrefix}/cart`,
      },
      customer: request.customer
        ? { id: Number(request.customer.id), first_name: request.customer.firstName }
        : null,
      // The shopper's market, as Shopify's localization picks it (prices in that currency).
      localization: { country: { iso_code: MARKET_BY_LOCALE[request.locale] ?? 'IE' } },
      locale_prefix: localePrefix,
      locales: options.locales.map((l) => ({
        iso_code: l.isoCode,
        endonym_name: l.endonym,
        url: `${prefix(l.isoCode)}${request.path === '/' && l.isoCode !== primary ? '' : request.path}`,
      })),
      year: new Date(options.now()).getUTCFullYear(),
    };
  };

  /** Shopify's content_for_header: its storefront globals, plus an app block's assets once per page. */
  const header = (
    request: StorefrontRequest,
    assets: { javascript?: string | undefined; stylesheet?: string | undefined },
  ): string => {
    const shopify = {
      shop: options.shopDomain,
      locale: request.locale,
      routes: { root: rootUrl(request.locale) === '/' ? '/' : `${rootUrl(request.locale)}/` },
      designMode: request.designMode || undefined,
    };
    const parts = [
      `<script>window.Shopify = ${JSON.stringify(shopify).replace(/</g, '\\u003c')};</script>`,
    ];
    if (assets.stylesheet) {
      parts.push(
        `<link rel="stylesheet" href="${escapeAttr(assetUrl(assets.stylesheet))}" media="all">`,
      );
    }
    if (assets.javascript) {
      parts.push(`<script src="${escapeAttr(assetUrl(assets.javascript))}" defer></script>`);
    }
    return parts.join('\n    ');
  };

  const inLayout = async (
    request: StorefrontRequest,
    pageTitle: string,
    content: string,
    head: string,
  ): Promise<string> => {
    const engine = await themeEngine(request.locale);
    return engine.renderFile('layout', {
      ...globals(request),
      page_title: pageTitle,
      content_for_header: head,
      content_for_layout: content,
    });
  };

  return {
    rootUrl,

    async renderPage(request, page) {
      const theme = await themeEngine(request.locale);
      let appBlock = '';
      let assets = {};
      if (page.withBlock) {
        const block = await readAppBlock(join(options.extensionRoot, 'blocks', options.blockFile));
        const engine = await blockEngine(request.locale);
        const blockType = `shopify://apps/track-your-order/blocks/${options.blockFile.replace(/\.liquid$/, '')}`;
        const attributes = request.designMode
          ? `data-shopify-editor-block="${escapeAttr(JSON.stringify({ id: BLOCK_ID, type: blockType }))}"`
          : '';
        const html = await engine.parseAndRender(block.body, {
          ...globals(request),
          block: {
            id: BLOCK_ID,
            type: blockType,
            settings: blockSettings(block.schema, page.settings),
            shopify_attributes: attributes,
          },
        });
        appBlock = `<div id="shopify-block-${BLOCK_ID}" class="shopify-block shopify-app-block">${html}</div>`;
        assets = { javascript: block.schema.javascript, stylesheet: block.schema.stylesheet };
      }
      const content = await theme.renderFile('page', { ...globals(request), app_block: appBlock });
      const title = await theme.parseAndRender("{{ 'page.title' | t }}", {});
      return inLayout(request, title, content, header(request, assets));
    },

    async renderProxyPage(request, source) {
      const theme = await themeEngine(request.locale);
      const bare = LAYOUT_NONE.test(source);
      const content = await theme.parseAndRender(source.replace(LAYOUT_NONE, ''), globals(request));
      if (bare) return content;
      const title = await theme.parseAndRender("{{ 'general.track' | t }}", {});
      return inLayout(request, title, content, header(request, {}));
    },

    async renderLoginPage(request, customers, returnTo) {
      const theme = await themeEngine(request.locale);
      const content = await theme.renderFile('login', {
        ...globals(request),
        demo_customers: customers.map((c) => ({ id: c.id, first_name: c.firstName })),
        return_to: returnTo,
      });
      const title = await theme.parseAndRender("{{ 'account.title' | t }}", {});
      return inLayout(request, title, content, header(request, {}));
    },
  };
}
