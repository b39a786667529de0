import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer } from '../platform/crypto.js';
import { storedOrder } from '../testing/stored-orders.js';
import { createRepositories } from './repositories.js';
import { databases, testDatabase } from './testing.js';

const A = 'a.myshopify.com';
const B = 'b.myshopify.com';
const DAY = 86_400_000;

async function setup(
  kind: 'pglite' | 'postgres',
  now = { ms: Date.parse('2026-11-30T00:00:00Z') },
) {
  const handle = await testDatabase(kind);
  const repos = createRepositories(handle.db, createSealer(randomBytes(32)), () => now.ms);
  for (const shop of [A, B]) await repos.shops.markInstalled(shop, 'read_orders');
  return { repos, now };
}

describe.each(databases())('orders repository (%s)', (kind) => {
  it('reads back what it wrote, and an older snapshot never replaces a newer one', async () => {
    const { repos } = await setup(kind);
    const newer = storedOrder(1, { updatedAt: '2026-11-05T10:00:00Z' });
    expect((await repos.orders.upsert(A, newer)).outcome).toBe('written');
    expect(await repos.orders.get(A, newer.orderGid)).toEqual(newer);
    const older = {
      ...storedOrder(1, { updatedAt: '2026-11-04T10:00:00Z' }),
      financialStatus: 'REFUNDED',
    };
    expect((await repos.orders.upsert(A, older)).outcome).toBe('kept');
    expect((await repos.orders.get(A, newer.orderGid))?.financialStatus).toBe('PAID');
    // Scoped by shop: B sees nothing of A.
    expect(await repos.orders.get(B, newer.orderGid)).toBeUndefined();
    expect(await repos.orders.count(B)).toBe(0);
  });

  it('deletes a customer’s orders in one shop only (customers/redact)', async () => {
    const { repos } = await setup(kind);
    const customer = 'gid://shopify/Customer/77';
    await repos.orders.upsert(A, storedOrder(1, { customerGid: customer }));
    await repos.orders.upsert(A, storedOrder(2, { customerGid: customer }));
    await repos.orders.upsert(A, storedOrder(3));
    await repos.orders.upsert(B, storedOrder(4, { customerGid: customer }));
    expect((await repos.orders.deleteByCustomer(A, customer)).sort()).toEqual(['#1', '#2']);
    expect(await repos.orders.count(A)).toBe(1);
    expect(await repos.orders.count(B)).toBe(1);
  });

  it('retention deletes orders delivered more than the given days ago, keeps the rest', async () => {
    const { repos, now } = await setup(kind);
    await repos.orders.upsert(A, storedOrder(1, { deliveredAt: '2026-05-01T10:00:00Z' }));
    await repos.orders.upsert(A, storedOrder(2, { deliveredAt: '2026-11-20T10:00:00Z' }));
    await repos.orders.upsert(A, storedOrder(3));
    expect(await repos.orders.deleteExpired(180)).toBe(1);
    expect(await repos.orders.get(A, storedOrder(1).orderGid)).toBeUndefined();
    now.ms += 200 * DAY;
    expect(await repos.orders.deleteExpired(180)).toBe(1);
    // Still on its way: kept however old.
    expect(await repos.orders.count(A)).toBe(1);
  });
});
