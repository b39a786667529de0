import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Fetch } from '../core/ports.js';
import { loadAdminSchema } from '../shopify/admin-schema.js';
import {
  blockStatus,
  hasAppBlock,
  ONBOARDING_THEME_QUERY,
  onboardingStatus,
  PING_BODY,
  probeProxy,
} from './onboarding.js';

const BLOCK =
  'shopify://apps/track-your-order/blocks/track-order/0b8c6d1e-1111-4222-8333-944455556666';
const HEADER = '/*\n * IMPORTANT: The contents of this file are auto-generated.\n */\n';
const template = (blocks: Record<string, unknown>) =>
  `${HEADER}${JSON.stringify({ sections: { apps: { type: 'apps', blocks } }, order: ['apps'] })}`;

describe('the onboarding theme query', () => {
  it("validates against Shopify's 2026-10 Admin schema", () => {
    expect(
      validate(loadAdminSchema(), parse(ONBOARDING_THEME_QUERY)).map((e) => e.message),
    ).toEqual([]);
  });
});

describe('hasAppBlock', () => {
  it('finds the block in a generated template, behind its comment header', () => {
    expect(hasAppBlock(template({ a: { type: BLOCK, settings: {} } }))).toBe(true);
  });

  it('finds it nested in a theme block', () => {
    const nested = { a: { type: 'group', blocks: { b: { type: BLOCK } } } };
    expect(hasAppBlock(template(nested))).toBe(true);
  });

  it('does not count a disabled block, another block of the app, another app or broken JSON', () => {
    expect(hasAppBlock(template({ a: { type: BLOCK, disabled: true } }))).toBe(false);
    expect(
      hasAppBlock(template({ a: { type: BLOCK.replace('/track-order/', '/reviews/') } })),
    ).toBe(false);
    expect(
      hasAppBlock(template({ a: { type: 'shopify://apps/other/blocks/track-orders/x' } })),
    ).toBe(false);
    expect(hasAppBlock(`${template({ a: { type: BLOCK } })}}`)).toBe(false);
    expect(hasAppBlock(`{"note": "${BLOCK}"}`)).toBe(false);
  });
});

describe('blockStatus', () => {
  const theme = (files: { filename: string; content?: string }[]) => ({
    shop: { primaryDomain: { url: 'https://shop.example' } },
    themes: {
      nodes: [
        {
          id: 'gid://shopify/OnlineStoreTheme/1',
          name: 'Dawn',
          files: {
            nodes: files.map((f) => ({ filename: f.filename, body: { content: f.content } })),
          },
        },
      ],
    },
  });

  it('names the files holding the block on the live theme', () => {
    const status = blockStatus(
      theme([
        { filename: 'templates/index.json', content: template({}) },
        { filename: 'templates/page.track.json', content: template({ a: { type: BLOCK } }) },
        { filename: 'templates/page.json' },
      ]),
    );
    expect(status).toEqual({
      state: 'added',
      themeName: 'Dawn',
      files: ['templates/page.track.json'],
    });
  });

  it('is missing without it, and without a live theme', () => {
    expect(
      blockStatus(theme([{ filename: 'templates/index.json', content: template({}) }])).state,
    ).toBe('missing');
    expect(
      blockStatus({ shop: { primaryDomain: { url: 'https://x' } }, themes: { nodes: [] } }),
    ).toEqual({ state: 'missing', themeName: null, files: [] });
  });
});

describe('probeProxy', () => {
  const answering = (response: () => Response): { fetch: Fetch; urls: string[] } => {
    const urls: string[] = [];
    return {
      urls,
      fetch: async (input) => {
        urls.push(String(input));
        return response();
      },
    };
  };

  it("is answering when the storefront's proxy path returns this app's ping", async () => {
    const f = answering(() => Response.json(PING_BODY));
    expect(await probeProxy(f.fetch, 'https://shop.example/')).toEqual({
      state: 'answering',
      url: 'https://shop.example/apps/track/ping',
    });
    expect(f.urls).toEqual(['https://shop.example/apps/track/ping']);
  });

  it('is not answering for a password page, a redirect, another JSON, or a network fault', async () => {
    for (const response of [
      () => new Response('<html>password</html>', { headers: { 'content-type': 'text/html' } }),
      () => new Response(null, { status: 302, headers: { location: '/password' } }),
      () => Response.json({ ok: true }),
      () => Response.json(PING_BODY, { status: 404 }),
    ])
      expect((await probeProxy(answering(response).fetch, 'https://shop.example')).state).toBe(
        'not_answering',
      );
    const failing: Fetch = async () => {
      throw new TypeError('fetch failed');
    };
    expect((await probeProxy(failing, 'https://shop.example')).state).toBe('not_answering');
  });
});

describe('onboardingStatus', () => {
  it('says unknown for both when the Admin API refuses (scope not granted yet)', async () => {
    const status = await onboardingStatus({
      admin: async () => {
        throw new Error('ACCESS_DENIED');
      },
      fetch: async () => Response.json(PING_BODY),
    });
    expect(status).toEqual({
      block: { state: 'unknown', themeName: null, files: [] },
      proxy: { state: 'unknown', url: null },
    });
  });
});
