// The order backfill: one bulk query per shop, its JSONL streamed into the store in short transactions, resumable.
import type { Kysely } from 'kysely';
import type { Clock, Fetch, Logger } from '../core/ports.js';
import type { OrdersRepository } from '../db/orders.js';
import type { Database } from '../db/schema.js';
import type { ShopsRepository } from '../db/shops.js';
import type { SyncStateRepository } from '../db/sync-state.js';
import {
  BULK_OPERATION_QUERY,
  BULK_ORDERS_RUN_MUTATION,
  backfillSince,
  bulkOrdersQuery,
  DEFAULT_BACKFILL_DAYS,
} from '../shopify/bulk-orders-query.js';
import {
  BulkChildLineSchema,
  type BulkOperation,
  BulkOperationDataSchema,
  BulkRunDataSchema,
} from '../shopify/bulk-orders-schema.js';
import { batchBulkGroups, DEFAULT_BATCH_LINES, readAhead } from './bulk-batches.js';
import { BulkOrderLineWithInlineSchema, withInlineChildren } from './bulk-inline.js';
import { type BulkPosition, type ByteSource, readBulkGroups } from './bulk-jsonl.js';
import { bulkGroupToStored } from './from-admin-order.js';
import type { AdminForShop, FingerprinterForShop } from './shop-admin.js';

export interface BackfillDeps {
  db: Kysely<Database>;
  shops: ShopsRepository;
  orders: OrdersRepository;
  syncState: SyncStateRepository;
  adminFor: AdminForShop;
  fingerprinter: FingerprinterForShop;
  /** Downloads the result file; it may answer from another origin after a redirect. */
  fetch: Fetch;
  clock: Clock;
  logger: Logger;
  /** Days of orders read without `read_all_orders`; DEFAULT_BACKFILL_DAYS (60). */
  days?: number;
  /** JSONL lines per transaction; DEFAULT_BATCH_LINES (1,000). */
  batchLines?: number;
}

/** Where one step of the backfill left it: still waiting for Shopify, done, failed, or not wanted. */
export type BackfillStep = 'waiting' | 'completed' | 'failed' | 'skipped';

const WAITING = new Set(['CREATED', 'RUNNING', 'CANCELING']);

/** Whether the shop still has the app: every job checks, so an uninstall stops the shop's work. */
export async function shopIsActive(shops: ShopsRepository, shop: string): Promise<boolean> {
  return (await shops.get(shop))?.state === 'installed';
}

/**
 * One step of a shop's backfill, safe to run again at any time (a retried job, a second worker,
 * the finish webhook and the poll together):
 * - not started (or failed): starts the bulk query (last `days` days, every order with
 *   `read_all_orders`) and records its id; `waiting`.
 * - running: asks Shopify for the operation; `waiting` while it runs; once COMPLETED streams the
 *   file from the committed position (see `ingestBulkFile`) and marks the shop completed.
 * - completed, or the shop uninstalled: `skipped`.
 *
 * @throws UpstreamError when Shopify cannot be reached (the job retries); the state is kept.
 */
export async function backfillStep(shop: string, deps: BackfillDeps): Promise<BackfillStep> {
  if (!(await shopIsActive(deps.shops, shop))) return 'skipped';
  const state = await deps.syncState.get(shop);
  if (state.state === 'completed') return 'skipped';
  const admin = await deps.adminFor(shop);
  if (!admin) return 'skipped';

  if (state.state !== 'running' || !state.bulkOperationId) {
    const scopes = (await deps.shops.get(shop))?.scopes ?? '';
    const readAll = scopes.split(',').some((s) => s.trim() === 'read_all_orders');
    const since = backfillSince(deps.clock(), readAll, deps.days ?? DEFAULT_BACKFILL_DAYS);
    const data = await admin(
      BULK_ORDERS_RUN_MUTATION,
      { query: bulkOrdersQuery({ processedSince: since }) },
      BulkRunDataSchema,
    );
    const run = data.bulkOperationRunQuery;
    const op = run?.bulkOperation;
    if (!op) {
      const code = run?.userErrors[0]?.code ?? 'NO_OPERATION';
      deps.logger.warn({ event: 'backfill_not_started', shop, code });
      await deps.syncState.startRun(shop, null);
      await deps.syncState.finish(shop, 'failed', String(code));
      return 'failed';
    }
    await deps.syncState.startRun(shop, op.id);
    deps.logger.info({
      event: 'backfill_started',
      shop,
      operation: op.id,
      since: since?.toISOString() ?? 'all',
    });
    return 'waiting';
  }

  const data = await admin(
    BULK_OPERATION_QUERY,
    { id: state.bulkOperationId },
    BulkOperationDataSchema,
  );
  const op = data.bulkOperation;
  if (!op) {
    await deps.syncState.finish(shop, 'failed', 'OPERATION_NOT_FOUND');
    return 'failed';
  }
  if (WAITING.has(op.status)) return 'waiting';
  if (op.status !== 'COMPLETED') {
    deps.logger.warn({ event: 'backfill_failed', shop, status: op.status, code: op.errorCode });
    await deps.syncState.finish(shop, 'failed', op.errorCode ?? op.status);
    return 'failed';
  }
  await ingestOperation(shop, op, state.resume, deps);
  if (!(await shopIsActive(deps.shops, shop))) return 'skipped';
  await deps.syncState.finish(shop, 'completed');
  const done = await deps.syncState.get(shop);
  deps.logger.info({ event: 'backfill_completed', shop, orders: done.ordersCount });
  return 'completed';
}

async function ingestOperation(
  shop: string,
  op: BulkOperation,
  resume: BulkPosition,
  deps: BackfillDeps,
): Promise<void> {
  // A shop without orders in the window gets no file.
  if (!op.url) return;
  const ranged = resume.byteOffset > 0;
  const response = await deps.fetch(
    op.url,
    ranged ? { headers: { range: `bytes=${resume.byteOffset}-` } } : {},
  );
  if (!response.ok || !response.body) {
    throw new Error(`bulk result download answered ${response.status}`);
  }
  // 206: the file from the committed byte; 200: the whole file, whose first bytes are skipped.
  const partial = response.status === 206;
  await ingestBulkFile(shop, response.body, resume, partial, deps);
}

/**
 * Streams a bulk result into the store: groups → batches of at most `batchLines` lines, each batch
 * written with the position after it in one short transaction (the next batch is read meanwhile). A batch another worker committed
 * first is not written again (`SyncStateRepository.advance`). Stops between batches when the shop
 * is uninstalled.
 *
 * @param body the file from `resume` (`fromResume`) or from its start.
 * @returns orders written by this call.
 */
export async function ingestBulkFile(
  shop: string,
  body: ByteSource,
  resume: BulkPosition,
  fromResume: boolean,
  deps: BackfillDeps,
): Promise<number> {
  const fingerprint = await deps.fingerprinter(shop);
  const groups = readBulkGroups(body, {
    rootSchema: BulkOrderLineWithInlineSchema,
    childSchema: BulkChildLineSchema,
    logger: deps.logger,
    ...(fromResume
      ? { start: resume }
      : { skipUntil: resume.byteOffset, start: { line: 0, byteOffset: 0 } }),
  });
  let from = resume;
  let written = 0;
  let committedBatches = 0;
  const batches = batchBulkGroups(
    groups,
    (group) => bulkGroupToStored(withInlineChildren(group), fingerprint),
    deps.batchLines ?? DEFAULT_BATCH_LINES,
  );
  // The next batch is parsed while this one is written.
  for await (const batch of readAhead(batches)) {
    if (!(await shopIsActive(deps.shops, shop))) return written;
    const to = batch.next;
    const committed = await deps.db.transaction().execute(async (trx) => {
      if (!(await deps.syncState.advance(trx, shop, from, to, batch.items.length))) return false;
      await deps.orders.upsertMany(shop, batch.items, trx);
      return true;
    });
    from = to;
    if (!committed) continue;
    written += batch.items.length;
    committedBatches += 1;
    // After batches 1, 2, 4, 8, …: statistics that keep up with the tables' growth, a dozen times
    // in a 100,000-order file (see OrdersRepository.analyze).
    if ((committedBatches & (committedBatches - 1)) === 0) await deps.orders.analyze();
  }
  return written;
}
