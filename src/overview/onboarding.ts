// Onboarding checks for the app home: is the tracking block on the live theme, and does the
// storefront's app proxy reach this app? Pure parsing here; the Admin call and the probe injected.
import { z } from 'zod';
import type { Fetch } from '../core/ports.js';
import type { AdminQuery } from '../shopify/admin-client.js';

/** The block's handle: `theme-extension/blocks/track-order.liquid`. */
export const BLOCK_HANDLE = 'track-order';
/** The storefront path of the app proxy as shopify.app.toml declares it (`prefix` + `subpath`). */
export const APP_PROXY_PATH = '/apps/track';
/** The proxy's route the probe asks for: answers without touching any order. */
export const PROXY_PING_SUBPATH = '/ping';
/** What `/proxy/ping` answers, so the probe knows the answer came from this app. */
export const PING_BODY = { app: 'track-your-order', ok: true } as const;

/**
 * The live theme's JSON templates and section groups (where app blocks are stored: Shopify writes
 * a block added in the theme editor as `"type": "shopify://apps/{app}/blocks/{handle}/{uuid}"`),
 * and the storefront's primary URL. Needs the `read_themes` scope.
 */
export const ONBOARDING_THEME_QUERY = /* GraphQL */ `
  query OnboardingTheme {
    shop {
      primaryDomain {
        url
      }
    }
    themes(first: 1, roles: [MAIN]) {
      nodes {
        id
        name
        files(filenames: ["templates/*.json", "sections/*.json"], first: 250) {
          nodes {
            filename
            body {
              ... on OnlineStoreThemeFileBodyText {
                content
              }
            }
          }
        }
      }
    }
  }
`;

export const OnboardingThemeSchema = z.object({
  shop: z.object({ primaryDomain: z.object({ url: z.string() }) }),
  themes: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        files: z
          .object({
            nodes: z.array(
              z.object({
                filename: z.string(),
                // Other body kinds (base64, URL) are not JSON templates: no content to read.
                body: z.object({ content: z.string().optional() }).passthrough(),
              }),
            ),
          })
          .nullish(),
      }),
    ),
  }),
});
export type OnboardingTheme = z.infer<typeof OnboardingThemeSchema>;

export interface OnboardingStatus {
  block: {
    /** `added`: on the live theme and not disabled; `missing`: not there; `unknown`: not readable. */
    state: 'added' | 'missing' | 'unknown';
    themeName: string | null;
    /** Theme files holding the block (`templates/page.track.json`). */
    files: string[];
  };
  proxy: {
    /** `answering`: the storefront path reached this app; `not_answering`: it did not. */
    state: 'answering' | 'not_answering' | 'unknown';
    /** The storefront URL probed, or null when the storefront's address is not known. */
    url: string | null;
  };
}

/** Shopify's generated templates open with a `/* … *\/` comment; JSON.parse refuses it. */
function withoutLeadingComments(text: string): string {
  return text.replace(/^\s*(\/\*[\s\S]*?\*\/\s*)+/, '');
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether a theme JSON file holds an enabled block of the app's `handle`: any object whose `type`
 * is `shopify://apps/{app}/blocks/{handle}/{uuid}` and that is not `"disabled": true`, at any
 * depth (sections hold blocks, blocks may hold blocks). A file that is not JSON holds none.
 */
export function hasAppBlock(content: string, handle: string = BLOCK_HANDLE): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(withoutLeadingComments(content));
  } catch {
    return false;
  }
  const type = new RegExp(`^shopify://apps/[^/]+/blocks/${handle}/[^/]+$`);
  const stack: unknown[] = [parsed];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isRecord(node)) {
      if (typeof node.type === 'string' && type.test(node.type) && node.disabled !== true)
        return true;
      stack.push(...Object.values(node));
    }
  }
  return false;
}

/** The block part of the status from the theme query's answer. */
export function blockStatus(theme: OnboardingTheme): OnboardingStatus['block'] {
  const live = theme.themes.nodes[0];
  if (!live) return { state: 'missing', themeName: null, files: [] };
  const files = (live.files?.nodes ?? [])
    .filter((f) => f.body.content !== undefined && hasAppBlock(f.body.content))
    .map((f) => f.filename);
  return { state: files.length > 0 ? 'added' : 'missing', themeName: live.name, files };
}

/**
 * Asks the storefront for `{primaryUrl}/apps/track/ping` (through Shopify's app proxy in a real
 * shop) and says whether this app answered: a 200 with PING_BODY. A password page, a theme 404,
 * a timeout or a network fault all mean `not_answering`.
 */
export async function probeProxy(
  fetch: Fetch,
  primaryUrl: string,
  timeoutMs = 5000,
): Promise<OnboardingStatus['proxy']> {
  const url = `${primaryUrl.replace(/\/+$/, '')}${APP_PROXY_PATH}${PROXY_PING_SUBPATH}`;
  try {
    const response = await fetch(url, {
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
    if (response.status !== 200) return { state: 'not_answering', url };
    const body: unknown = await response.json().catch(() => null);
    const answered = isRecord(body) && body.app === PING_BODY.app && body.ok === true;
    return { state: answered ? 'answering' : 'not_answering', url };
  } catch {
    return { state: 'not_answering', url };
  }
}

/**
 * Both checks for one shop. An Admin failure (scope not granted, Shopify down) gives `unknown`
 * for both rather than an error: the home still renders, with the deep link.
 */
export async function onboardingStatus(deps: {
  admin: AdminQuery;
  fetch: Fetch;
  timeoutMs?: number;
}): Promise<OnboardingStatus> {
  let theme: OnboardingTheme;
  try {
    theme = await deps.admin(ONBOARDING_THEME_QUERY, {}, OnboardingThemeSchema);
  } catch {
    return {
      block: { state: 'unknown', themeName: null, files: [] },
      proxy: { state: 'unknown', url: null },
    };
  }
  return {
    block: blockStatus(theme),
    proxy: await probeProxy(deps.fetch, theme.shop.primaryDomain.url, deps.timeoutMs),
  };
}
