// The local shop's online store as the Admin API shows it: the storefront's address and its live
// theme's JSON templates, where a merchant's app block is stored (for the app home's onboarding).

import { connection } from './admin-connection.js';
import type { Special } from './admin-resolvers.js';

export interface SeedThemeFile {
  filename: string;
  content: string;
}

export interface SeedTheme {
  id: string;
  name: string;
  /** ThemeRole: MAIN is the published theme. */
  role: string;
  files: SeedThemeFile[];
}

export interface OnlineStoreOptions {
  /** The storefront's primary URL (`Shop.primaryDomain.url`). */
  primaryUrl: string;
  themes: SeedTheme[];
}

/** The type Shopify stores for an app block added in the theme editor. */
export function appBlockType(blockHandle: string): string {
  return `shopify://apps/track-your-order/blocks/${blockHandle}/4f2d8a1e-0c6b-4d7e-9a53-7b1f0e2c9d41`;
}

const TEMPLATE_HEADER = `/*
 * ------------------------------------------------------------
 * IMPORTANT: The contents of this file are auto-generated.
 * ------------------------------------------------------------
 */
`;

/**
 * A Dawn-like live theme: the home page without the block, and the tracking page's template
 * (`templates/page.track.json`) with it in an Apps section, as the theme editor writes it.
 * `withBlock: false` leaves it out (onboarding then shows the step as not done).
 */
export function demoThemes(withBlock = true): SeedTheme[] {
  const page = {
    sections: {
      main: { type: 'main-page', settings: {} },
      ...(withBlock
        ? {
            apps: {
              type: 'apps',
              blocks: {
                track: {
                  type: appBlockType('track-order'),
                  settings: { proxy_path: '/apps/track' },
                },
              },
              block_order: ['track'],
              settings: { include_margins: true },
            },
          }
        : {}),
    },
    order: withBlock ? ['main', 'apps'] : ['main'],
  };
  return [
    {
      id: 'gid://shopify/OnlineStoreTheme/180001',
      name: 'Dawn',
      role: 'MAIN',
      files: [
        {
          filename: 'templates/index.json',
          content: `${TEMPLATE_HEADER}${JSON.stringify({ sections: {}, order: [] }, null, 2)}`,
        },
        {
          filename: 'templates/page.track.json',
          content: `${TEMPLATE_HEADER}${JSON.stringify(page, null, 2)}`,
        },
        { filename: 'sections/header-group.json', content: '{"sections":{},"order":[]}' },
      ],
    },
    {
      id: 'gid://shopify/OnlineStoreTheme/180002',
      name: 'Dawn (draft)',
      role: 'UNPUBLISHED',
      files: [],
    },
  ];
}

/** `templates/*.json` as Shopify matches it: `*` is any run of characters. */
function matches(pattern: string, filename: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(filename);
}

/** Resolvers for `QueryRoot.themes`, `OnlineStoreTheme.files` and `Shop.primaryDomain`. */
export function onlineStoreResolvers(options: OnlineStoreOptions): Record<string, Special> {
  const url = new URL(options.primaryUrl);
  return {
    'QueryRoot.themes': (_source, args) => {
      const roles = Array.isArray(args.roles) ? (args.roles as string[]) : null;
      return connection(
        options.themes.filter((t) => roles === null || roles.includes(t.role)),
        args,
      );
    },
    'OnlineStoreTheme.files': (source, args) => {
      const theme = options.themes.find(
        (t) =>
          typeof source === 'object' && source !== null && 'id' in source && t.id === source.id,
      );
      const patterns = Array.isArray(args.filenames) ? (args.filenames as string[]) : ['*'];
      const files = (theme?.files ?? [])
        .filter((f) => patterns.some((p) => matches(p, f.filename)))
        .map((f) => ({
          filename: f.filename,
          size: String(Buffer.byteLength(f.content)),
          body: { __typename: 'OnlineStoreThemeFileBodyText', content: f.content },
        }));
      return connection(files, args);
    },
    'Shop.primaryDomain': () => ({
      id: 'gid://shopify/Domain/90001',
      host: url.host,
      url: url.origin,
      sslEnabled: url.protocol === 'https:',
    }),
  };
}
