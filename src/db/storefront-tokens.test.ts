import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer } from '../platform/crypto.js';
import { createShopsRepository } from './shops.js';
import { createStorefrontTokensRepository } from './storefront-tokens.js';
import { databases, testDatabase } from './testing.js';

describe.each(databases())('storefront tokens on %s', (kind) => {
  it('keeps one sealed token per shop and forgets it on request', async () => {
    const handle = await testDatabase(kind);
    const shops = createShopsRepository(handle.db);
    await shops.markInstalled('a.myshopify.com', '');
    await shops.markInstalled('b.myshopify.com', '');
    const tokens = createStorefrontTokensRepository(handle.db, createSealer(randomBytes(32)));
    expect(await tokens.get('a.myshopify.com')).toBeNull();
    await tokens.set('a.myshopify.com', 'public-token-a');
    expect(await tokens.get('a.myshopify.com')).toBe('public-token-a');
    expect(await tokens.get('b.myshopify.com')).toBeNull();
    expect(await tokens.get('unknown.myshopify.com')).toBeNull();
    const row = await handle.db
      .selectFrom('shops')
      .select('storefront_token_sealed')
      .where('domain', '=', 'a.myshopify.com')
      .executeTakeFirstOrThrow();
    expect(row.storefront_token_sealed).toMatch(/^v1:/);
    expect(row.storefront_token_sealed).not.toContain('public-token-a');
    await tokens.set('a.myshopify.com', null);
    expect(await tokens.get('a.myshopify.com')).toBeNull();
  });
});
