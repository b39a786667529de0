import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createSealer, SealError } from '../platform/crypto.js';
import { createOfflineSessionStore, type OfflineSession } from './sessions.js';
import { createShopsRepository } from './shops.js';
import { databases, testDatabase } from './testing.js';

const SHOP = 'alpha.myshopify.com';
const session: OfflineSession = {
  accessToken: 'shpat_access_7d0c1e2f3a4b5c6d',
  accessExpiresAt: new Date('2026-11-30T13:00:00.000Z'),
  refreshToken: 'shprt_refresh_9a8b7c6d5e4f',
  refreshExpiresAt: new Date('2027-02-28T12:00:00.000Z'),
  scope: 'read_orders,read_fulfillments',
};

describe.each(databases())('offline sessions on %s', (kind) => {
  async function setup() {
    const handle = await testDatabase(kind);
    const sealer = createSealer(randomBytes(32));
    const clock = () => Date.parse('2026-11-30T12:00:00.000Z');
    await createShopsRepository(handle.db, clock).markInstalled(SHOP, session.scope);
    return { handle, sealer, sessions: createOfflineSessionStore(handle.db, sealer, clock) };
  }

  it('round-trips a session, and a second store replaces the first', async () => {
    const { sessions } = await setup();
    expect(await sessions.load(SHOP)).toBeUndefined();
    await sessions.store(SHOP, session);
    expect(await sessions.load(SHOP)).toEqual(session);
    const refreshed = {
      ...session,
      accessToken: 'shpat_access_new',
      accessExpiresAt: new Date('2026-11-30T14:00:00.000Z'),
      refreshToken: null,
      refreshExpiresAt: null,
    };
    await sessions.store(SHOP, refreshed);
    expect(await sessions.load(SHOP)).toEqual(refreshed);
  });

  it('keeps the tokens sealed in the rows', async () => {
    const { handle, sessions } = await setup();
    await sessions.store(SHOP, session);
    const { rows } = await sql<Record<string, unknown>>`
      select * from offline_sessions`.execute(handle.db);
    const raw = JSON.stringify(rows);
    expect(rows).toHaveLength(1);
    expect(raw).not.toContain(session.accessToken);
    expect(raw).not.toContain(session.refreshToken);
    expect(raw).not.toContain('shpat_');
    expect(rows[0]?.access_token_sealed).toMatch(/^v1:/);
  });

  it('refuses to open tokens with another key', async () => {
    const { handle, sessions } = await setup();
    await sessions.store(SHOP, session);
    const otherKey = createOfflineSessionStore(handle.db, createSealer(randomBytes(32)));
    await expect(otherKey.load(SHOP)).rejects.toThrow(SealError);
  });

  it('deletes only the given shop', async () => {
    const { handle, sessions } = await setup();
    await createShopsRepository(handle.db).markInstalled('beta.myshopify.com', '');
    await sessions.store(SHOP, session);
    await sessions.store('beta.myshopify.com', { ...session, accessToken: 'shpat_beta' });
    await sessions.delete(SHOP);
    expect(await sessions.load(SHOP)).toBeUndefined();
    expect((await sessions.load('beta.myshopify.com'))?.accessToken).toBe('shpat_beta');
  });
});
