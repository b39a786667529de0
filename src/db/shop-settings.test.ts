import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer } from '../platform/crypto.js';
import { EMPTY_SETTINGS } from '../watcher/carrier-settings.js';
import { createShopSettingsRepository } from './shop-settings.js';
import { createShopsRepository } from './shops.js';
import { databases, testDatabase } from './testing.js';

const A = 'alpha.myshopify.com';
const B = 'beta.myshopify.com';

describe.each(databases())('shop settings on %s', (kind) => {
  async function setup() {
    const handle = await testDatabase(kind);
    const shops = createShopsRepository(handle.db);
    await shops.markInstalled(A, '');
    await shops.markInstalled(B, '');
    const repo = createShopSettingsRepository(handle.db, createSealer(randomBytes(32)));
    return { handle, repo };
  }

  it('gives the defaults to a shop that saved nothing', async () => {
    const { repo } = await setup();
    expect(await repo.getShopSettings(A)).toEqual(EMPTY_SETTINGS);
  });

  it("stores the carriers' keys sealed and reads them back, per shop", async () => {
    const { handle, repo } = await setup();
    const saved = await repo.updateShopSettings(A, {
      carriers: { bring: { uid: 'bring-user', key: 'bring-secret-key' }, dhl: { key: 'dhl-k' } },
      writeBack: true,
    });
    expect(saved).toEqual({
      carriers: { bring: { uid: 'bring-user', key: 'bring-secret-key' }, dhl: { key: 'dhl-k' } },
      writeBack: true,
      stalledAfterDays: undefined,
    });
    expect(await repo.getShopSettings(A)).toEqual(saved);
    expect(await repo.getShopSettings(B)).toEqual(EMPTY_SETTINGS);
    const row = await handle.db
      .selectFrom('shop_settings')
      .selectAll()
      .where('shop', '=', A)
      .executeTakeFirstOrThrow();
    expect(row.carrier_keys_sealed).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toMatch(/bring-secret-key|bring-user|dhl-k/);
  });

  it('applies patches on top of each other, also when two arrive at once', async () => {
    const { repo } = await setup();
    await repo.updateShopSettings(A, { carriers: { postnord: { key: 'pn' } } });
    await Promise.all([
      repo.updateShopSettings(A, { carriers: { dhl: { key: 'd' } } }),
      repo.updateShopSettings(A, { stalledAfterDays: 8 }),
    ]);
    await repo.updateShopSettings(A, { carriers: { postnord: null } });
    expect(await repo.getShopSettings(A)).toEqual({
      carriers: { dhl: { key: 'd' } },
      writeBack: false,
      stalledAfterDays: 8,
    });
  });
});
