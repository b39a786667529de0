import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer } from '../platform/crypto.js';
import { createShopSecretsRepository } from './shop-secrets.js';
import { createShopsRepository } from './shops.js';
import { databases, testDatabase } from './testing.js';

describe.each(databases())('shop secrets on %s', (kind) => {
  it('makes one 32-byte fingerprint key per shop on first use, stored sealed', async () => {
    const handle = await testDatabase(kind);
    const shops = createShopsRepository(handle.db);
    await shops.markInstalled('a.myshopify.com', '');
    await shops.markInstalled('b.myshopify.com', '');
    const secrets = createShopSecretsRepository(handle.db, createSealer(randomBytes(32)));
    const [first, racing] = await Promise.all([
      secrets.fingerprintKey('a.myshopify.com'),
      secrets.fingerprintKey('a.myshopify.com'),
    ]);
    expect(first).toHaveLength(32);
    expect(racing.equals(first)).toBe(true);
    expect((await secrets.fingerprintKey('a.myshopify.com')).equals(first)).toBe(true);
    expect((await secrets.fingerprintKey('b.myshopify.com')).equals(first)).toBe(false);
    const row = await handle.db
      .selectFrom('shop_secrets')
      .select('fingerprint_key_sealed')
      .where('shop', '=', 'a.myshopify.com')
      .executeTakeFirstOrThrow();
    expect(row.fingerprint_key_sealed).toMatch(/^v1:/);
    expect(row.fingerprint_key_sealed).not.toContain(first.toString('base64'));
  });
});
