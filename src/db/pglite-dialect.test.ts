import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, wrapPGlite } from './index.js';
import { freshPGlite } from './testing.js';

let handle: DatabaseHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

async function counter(): Promise<DatabaseHandle> {
  handle = wrapPGlite(await freshPGlite());
  await sql`create table counter (n int not null)`.execute(handle.db);
  await sql`insert into counter values (0)`.execute(handle.db);
  return handle;
}

describe('Kysely over PGlite', () => {
  it('keeps concurrent transactions apart on the one session', async () => {
    const { db } = await counter();
    const bump = () =>
      db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ n: number }>`select n from counter`.execute(trx);
        // Another caller's statement landing here would read the same n and lose an update.
        await new Promise((resolve) => setTimeout(resolve, 5));
        await sql`update counter set n = ${(rows[0]?.n ?? 0) + 1}`.execute(trx);
      });
    await Promise.all([bump(), bump(), bump(), sql`update counter set n = n + 10`.execute(db)]);
    const { rows } = await sql<{ n: number }>`select n from counter`.execute(db);
    expect(rows[0]?.n).toBe(13);
  });

  it('rolls a failed transaction back and leaves the session usable', async () => {
    const { db } = await counter();
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`update counter set n = 99`.execute(trx);
        await sql`select * from no_such_table`.execute(trx);
      }),
    ).rejects.toThrow(/no_such_table/);
    const { rows } = await sql<{ n: number }>`select n from counter`.execute(db);
    expect(rows[0]?.n).toBe(0);
  });

  it('reports affected rows', async () => {
    const { db } = await counter();
    const result = await sql`update counter set n = 1`.execute(db);
    expect(result.numAffectedRows).toBe(1n);
  });
});
