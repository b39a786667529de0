// The flow_lifecycle and flow_triggers_fired tables: which triggers a shop's workflows use, and what fired.
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../core/ports.js';
import type { FlowTriggerStore } from '../watcher/flow.js';
import type { Database } from './schema.js';

export interface FlowTriggersRepository extends FlowTriggerStore {
  /**
   * Records a lifecycle callback: whether the shop has an enabled workflow using `handle`, as of
   * `changedAt` (Flow's timestamp). A callback older than the one stored is ignored, as Flow asks.
   */
  setLifecycle(shop: string, handle: string, enabled: boolean, changedAt: Date): Promise<void>;
}

export function createFlowTriggersRepository(
  db: Kysely<Database>,
  clock: Clock = systemClock,
): FlowTriggersRepository {
  return {
    async setLifecycle(shop, handle, enabled, changedAt) {
      await db
        .insertInto('flow_lifecycle')
        .values({ shop, handle, enabled, changed_at: changedAt })
        .onConflict((oc) =>
          oc
            .columns(['shop', 'handle'])
            .doUpdateSet({ enabled, changed_at: changedAt })
            .where('flow_lifecycle.changed_at', '<=', changedAt),
        )
        .execute();
    },
    async enabledHandles(shop) {
      const rows = await db
        .selectFrom('flow_lifecycle')
        .select('handle')
        .where('shop', '=', shop)
        .where('enabled', '=', true)
        .execute();
      return new Set(rows.map((row) => row.handle));
    },
    async firedHandles(shop, fulfillmentId) {
      const rows = await db
        .selectFrom('flow_triggers_fired')
        .select('handle')
        .where('shop', '=', shop)
        .where('fulfillment_gid', '=', fulfillmentId)
        .execute();
      return new Set(rows.map((row) => row.handle));
    },
    async claim(shop, fulfillmentId, handle) {
      const inserted = await db
        .insertInto('flow_triggers_fired')
        .values({ shop, fulfillment_gid: fulfillmentId, handle, fired_at: new Date(clock()) })
        .onConflict((oc) => oc.doNothing())
        .returning('handle')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async release(shop, fulfillmentId, handle) {
      await db
        .deleteFrom('flow_triggers_fired')
        .where('shop', '=', shop)
        .where('fulfillment_gid', '=', fulfillmentId)
        .where('handle', '=', handle)
        .execute();
    },
  };
}
