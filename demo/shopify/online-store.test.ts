import { describe, expect, it } from 'vitest';
import {
  blockStatus,
  ONBOARDING_THEME_QUERY,
  OnboardingThemeSchema,
} from '../../src/overview/onboarding.js';
import { ADMIN_GRAPHQL_PATH, createAdminEmulator } from './admin-emulator.js';
import { demoThemes } from './online-store.js';

const TOKEN = 'shpat_online_store';

async function ask(withBlock: boolean) {
  const emulator = createAdminEmulator({
    orders: [],
    accessToken: TOKEN,
    onlineStore: { primaryUrl: 'http://127.0.0.1:3000', themes: demoThemes(withBlock) },
  });
  const response = await emulator.handle(
    new Request(`http://local.test${ADMIN_GRAPHQL_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': TOKEN },
      body: JSON.stringify({ query: ONBOARDING_THEME_QUERY }),
    }),
  );
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return OnboardingThemeSchema.parse(body.data);
}

describe("the local Admin API's online store", () => {
  it('answers the onboarding query: the storefront URL and the live theme with the block', async () => {
    const data = await ask(true);
    expect(data.shop.primaryDomain.url).toBe('http://127.0.0.1:3000');
    expect(data.themes.nodes.map((t) => t.name)).toEqual(['Dawn']);
    expect(blockStatus(data)).toEqual({
      state: 'added',
      themeName: 'Dawn',
      files: ['templates/page.track.json'],
    });
  });

  it('without the block the live theme has none', async () => {
    expect(blockStatus(await ask(false)).state).toBe('missing');
  });
});
