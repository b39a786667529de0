import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { SeedAddress, SeedOrder } from '../../demo/shopify/seed-types.js';
import {
  fulfillmentEventPayload,
  fulfillmentPayload,
  orderPayload,
} from '../../demo/shopify/webhook-payloads.js';
import { backfillStep } from '../sync/backfill.js';
import { ORDER_WEBHOOK_HANDLERS } from '../sync/webhook-handlers.js';
import { SHOP, syncHarness } from '../testing/sync-harness.js';
import { databases } from './testing.js';

/** Every piece of personal data the seed orders carry: emails, names, phones, addresses, notes, tags. */
function personalData(orders: SeedOrder[]): string[] {
  const found = new Set<string>();
  const add = (value: string | null | undefined) => {
    // Very short values ("M", "AB") would match innocently anywhere.
    if (value && value.trim().length >= 4) found.add(value.trim());
  };
  const address = (a: SeedAddress | null) => {
    if (!a) return;
    for (const v of [
      a.firstName,
      a.lastName,
      a.name,
      a.company,
      a.address1,
      a.address2,
      a.zip,
      a.phone,
    ])
      add(v);
  };
  for (const o of orders) {
    add(o.email);
    add(o.phone);
    add(o.note);
    for (const t of o.tags) add(t);
    address(o.shippingAddress);
    address(o.billingAddress);
    if (o.customer) {
      const c = o.customer;
      for (const v of [c.firstName, c.lastName, c.displayName, c.email, c.phone, c.note]) add(v);
      for (const t of c.tags) add(t);
      address(c.defaultAddress);
    }
    for (const f of o.fulfillments) {
      for (const e of f.events) {
        add(e.address1);
        add(e.zip);
      }
    }
    for (const e of o.events) add(e.message);
  }
  return [...found];
}

// Shopify's ids are numbers too, so a postcode equal to one of them is no leak: GIDs are blanked first.
function prepared(text: string, lowerCase: boolean): string {
  const blanked = text.replace(/gid:\/\/shopify\/\w+\/\d+/g, 'gid');
  return lowerCase ? blanked.toLowerCase() : blanked;
}

/** Whether `value` occurs as a whole word: "Mary" is not found in "summary", 0150 not in 60150. */
function holds(haystack: string, value: string): boolean {
  const edge = /[\p{L}\p{N}]/u;
  for (let at = haystack.indexOf(value); at !== -1; at = haystack.indexOf(value, at + 1)) {
    const before = haystack[at - 1] ?? '';
    const after = haystack[at + value.length] ?? '';
    if (!edge.test(before) && !edge.test(after)) return true;
  }
  return false;
}

describe.each(databases())('no personal data in the store (%s)', (kind) => {
  it('after a backfill and every order webhook, no table column and no data file holds an email, name, phone, address, note or tag', async () => {
    const h = await syncHarness(kind);
    const pii = personalData(h.orders);
    expect(pii.length).toBeGreaterThan(20);
    expect(pii).toContain(h.orders[0]?.email);

    for (let i = 0; i < 10; i += 1) {
      if ((await backfillStep(SHOP, h.backfillDeps)) !== 'waiting') break;
      h.now.ms += 2000;
      h.runTimers();
    }
    expect(await h.repos.orders.count(SHOP)).toBe(h.orders.length);
    // The same orders again through webhooks, PII-laden as Shopify sends them, and as new orders.
    let n = 0;
    for (const order of h.orders) {
      const fresh = { ...order, id: `gid://shopify/Order/${900000 + n}`, name: `#W${n}` };
      n += 1;
      // A backfilled order is updated; a new one is created (and the first of them cancelled).
      for (const [o, orderTopic, fulfillmentTopics] of [
        [order, 'orders/updated', ['fulfillments/update']],
        [fresh, 'orders/create', ['fulfillments/create', 'fulfillments/update']],
      ] as const) {
        await ORDER_WEBHOOK_HANDLERS[orderTopic]?.(
          h.delivery({ topic: orderTopic, payload: orderPayload(o) }),
          h.webhookDeps,
        );
        if (o === fresh && n === 1) {
          await ORDER_WEBHOOK_HANDLERS['orders/cancelled']?.(
            h.delivery({ topic: 'orders/cancelled', payload: orderPayload(o) }),
            h.webhookDeps,
          );
        }
        for (const f of o.fulfillments) {
          for (const topic of fulfillmentTopics) {
            await ORDER_WEBHOOK_HANDLERS[topic]?.(
              h.delivery({ topic, payload: fulfillmentPayload(o, f) }),
              h.webhookDeps,
            );
          }
          for (const e of f.events) {
            await ORDER_WEBHOOK_HANDLERS['fulfillment_events/create']?.(
              h.delivery({
                topic: 'fulfillment_events/create',
                payload: fulfillmentEventPayload(o, f, e),
              }),
              h.webhookDeps,
            );
          }
        }
      }
    }
    expect(await h.repos.orders.count(SHOP)).toBe(h.orders.length * 2);

    // Every column of every table, as text: on PGlite every schema there is (the instance is the
    // test's own, so this includes any the job queue made); on Postgres the test's schema, as the
    // server's other schemas belong to tests running beside this one.
    const { rows: columns } = await sql<{
      table_schema: string;
      table_name: string;
      column_name: string;
    }>`
      select c.table_schema, c.table_name, c.column_name
      from information_schema.columns c
      join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name
      where t.table_type = 'BASE TABLE'
        and c.table_schema not in ('pg_catalog', 'information_schema')
        and (${kind === 'pglite'} or c.table_schema = ${h.handle.schema})`.execute(h.handle.db);
    const tables = new Set(columns.map((c) => c.table_name));
    for (const table of [
      'orders',
      'order_line_items',
      'fulfillment_orders',
      'shipments',
      'shipment_events',
      'sync_state',
    ]) {
      expect(tables).toContain(table);
    }
    let cells = 0;
    const leaks: string[] = [];
    for (const { table_schema, table_name, column_name } of columns) {
      const { rows } = await sql<{ v: string | null }>`
        select ${sql.ref(column_name)}::text as v from ${sql.id(table_schema, table_name)}`.execute(
        h.handle.db,
      );
      for (const { v } of rows) {
        if (v === null) continue;
        cells += 1;
        const text = prepared(v, true);
        for (const p of pii)
          if (holds(text, p.toLowerCase())) leaks.push(`${table_name}.${column_name}: ${p}`);
      }
    }
    expect(cells).toBeGreaterThan(500);
    expect(leaks).toEqual([]);

    // The embedded database's files: every page, dead rows and the write-ahead log included.
    if (h.handle.pglite) {
      await h.handle.pglite.exec('checkpoint');
      const dump = Buffer.from(
        await (await h.handle.pglite.dumpDataDir('none')).arrayBuffer(),
      ).toString('latin1');
      expect(dump.includes('gid://shopify/Order/')).toBe(true);
      // Values as UTF-8 bytes read as latin1, so non-ASCII names are looked for byte by byte.
      const files = prepared(dump, false);
      // Bare numbers (postcodes) are checked in the columns above only: in binary pages any four
      // digits turn up by chance (page headers, log positions, index keys cut short).
      const words = pii.filter((p) => !/^[\d\s-]+$/.test(p));
      expect(words.length).toBeGreaterThan(20);
      const inFiles = words.filter((p) => holds(files, Buffer.from(p, 'utf8').toString('latin1')));
      expect(inFiles).toEqual([]);
    }
  }, 180_000);
});
