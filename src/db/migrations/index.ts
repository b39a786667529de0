// Every migration, in order; a new one is a new `NNNN_name.ts` file added to this list.
import type { Migration } from 'kysely/migration';
import * as init from './0001_init.js';
import * as orders from './0002_orders.js';
import * as overview from './0003_overview.js';
import * as watcher from './0004_watcher.js';
import * as storefrontToken from './0005_storefront_token.js';
import * as overviewCarrierClass from './0006_overview_carrier_class.js';
import * as watcherPolls from './0007_watcher_polls.js';
import * as lastEventByKey from './0008_last_event_by_key.js';
import * as carrierOverrideKept from './0009_carrier_override_kept.js';

/** Names sort in the order they run; Kysely refuses to start if one that ran is missing here. */
export const migrations: Record<string, Migration> = {
  '0001_init': init,
  '0002_orders': orders,
  '0003_overview': overview,
  '0004_watcher': watcher,
  '0005_storefront_token': storefrontToken,
  '0006_overview_carrier_class': overviewCarrierClass,
  '0007_watcher_polls': watcherPolls,
  '0008_last_event_by_key': lastEventByKey,
  '0009_carrier_override_kept': carrierOverrideKept,
};
