// The sync_state table: where each shop's order backfill stands and when reconciliation last ran.
import type { Kysely, Transaction } from 'kysely';
import { type Clock, systemClock } from '../core/ports.js';
import type { BulkPosition } from '../sync/bulk-jsonl.js';
import type { Database } from './schema.js';

/** Open text in the database; these are the values this code writes. */
export type SyncStateName = 'not_started' | 'running' | 'completed' | 'failed';

export interface SyncState {
  shop: string;
  state: SyncStateName | string;
  bulkOperationId: string | null;
  ordersCount: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Where the current bulk result's next uncommitted order starts. */
  resume: BulkPosition;
  lastReconciledAt: Date | null;
  errorCode: string | null;
}

export interface SyncStateRepository {
  /** The shop's state; `not_started` with zeros when it has no row. */
  get(shop: string): Promise<SyncState>;
  /** A new run: state running, the bulk operation id, offset and count back to 0. */
  startRun(shop: string, bulkOperationId: string | null): Promise<void>;
  /** Sets the operation a running backfill waits for. */
  setOperation(shop: string, bulkOperationId: string): Promise<void>;
  /**
   * Claims a batch inside the batch's own transaction `trx`: when the committed position is still
   * `from`, moves it to `to`, adds `orders` to the count and returns true; otherwise (another worker
   * committed this batch already) returns false and the caller writes nothing. The row is locked
   * until `trx` ends, so two workers never both write one batch.
   */
  advance(
    trx: Transaction<Database>,
    shop: string,
    from: BulkPosition,
    to: BulkPosition,
    orders: number,
  ): Promise<boolean>;
  finish(shop: string, state: 'completed' | 'failed', errorCode?: string): Promise<void>;
  setReconciledAt(shop: string, at: Date): Promise<void>;
}

export function createSyncStateRepository(
  db: Kysely<Database>,
  clock: Clock = systemClock,
): SyncStateRepository {
  const now = () => new Date(clock());
  const ensure = async (q: Kysely<Database> | Transaction<Database>, shop: string) => {
    await q
      .insertInto('sync_state')
      .values({ shop, updated_at: now() })
      .onConflict((oc) => oc.column('shop').doNothing())
      .execute();
  };
  return {
    async get(shop) {
      const row = await db
        .selectFrom('sync_state')
        .selectAll()
        .where('shop', '=', shop)
        .executeTakeFirst();
      return {
        shop,
        state: row?.state ?? 'not_started',
        bulkOperationId: row?.bulk_operation_id ?? null,
        ordersCount: row?.orders_count ?? 0,
        startedAt: row?.started_at ?? null,
        finishedAt: row?.finished_at ?? null,
        resume: { line: row?.resume_line ?? 0, byteOffset: Number(row?.resume_offset ?? 0) },
        lastReconciledAt: row?.last_reconciled_at ?? null,
        errorCode: row?.error_code ?? null,
      };
    },
    async startRun(shop, bulkOperationId) {
      await ensure(db, shop);
      await db
        .updateTable('sync_state')
        .set({
          state: 'running',
          bulk_operation_id: bulkOperationId,
          orders_count: 0,
          resume_offset: 0,
          resume_line: 0,
          started_at: now(),
          finished_at: null,
          error_code: null,
          updated_at: now(),
        })
        .where('shop', '=', shop)
        .execute();
    },
    async setOperation(shop, bulkOperationId) {
      await db
        .updateTable('sync_state')
        .set({ bulk_operation_id: bulkOperationId, updated_at: now() })
        .where('shop', '=', shop)
        .execute();
    },
    async advance(trx, shop, from, to, orders) {
      const row = await trx
        .selectFrom('sync_state')
        .select(['resume_offset', 'resume_line'])
        .where('shop', '=', shop)
        .forUpdate()
        .executeTakeFirst();
      if (!row || Number(row.resume_offset) !== from.byteOffset || row.resume_line !== from.line) {
        return false;
      }
      await trx
        .updateTable('sync_state')
        .set((eb) => ({
          resume_offset: to.byteOffset,
          resume_line: to.line,
          orders_count: eb('orders_count', '+', orders),
          updated_at: now(),
        }))
        .where('shop', '=', shop)
        .execute();
      return true;
    },
    async finish(shop, state, errorCode) {
      await db
        .updateTable('sync_state')
        .set({ state, finished_at: now(), error_code: errorCode ?? null, updated_at: now() })
        .where('shop', '=', shop)
        .execute();
    },
    async setReconciledAt(shop, at) {
      await ensure(db, shop);
      await db
        .updateTable('sync_state')
        .set({ last_reconciled_at: at, updated_at: now() })
        .where('shop', '=', shop)
        .execute();
    },
  };
}
