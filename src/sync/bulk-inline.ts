// Bulk order lines whose fulfillments carry their events and fulfilled lines inline, read as child lines.
import { z } from 'zod';
import {
  type BulkChildLine,
  BulkFulfillmentEventLineSchema,
  BulkFulfillmentLineItemLineSchema,
  type BulkOrderLine,
  BulkOrderLineSchema,
} from '../shopify/bulk-orders-schema.js';
import type { BulkGroup } from './bulk-jsonl.js';

// A connection under the `fulfillments` list may come inline (`{"edges":[{"node":…}]}`) rather than as
// lines of its own: the local Admin emulator writes it so, and Shopify does not document which it does.
// Both are read; the inline nodes become the child lines they would otherwise have been.
const inline = <T extends z.ZodType>(node: T) =>
  z.object({ edges: z.array(z.object({ node })) }).nullish();

const EventNode = BulkFulfillmentEventLineSchema.omit({ __parentId: true });
const FulfilledLineNode = BulkFulfillmentLineItemLineSchema.omit({ __parentId: true });

/** The order line, keeping any inline events and fulfilled lines of its fulfillments. */
export const BulkOrderLineWithInlineSchema = BulkOrderLineSchema.extend({
  fulfillments: z
    .array(
      BulkOrderLineSchema.shape.fulfillments.unwrap().element.extend({
        events: inline(EventNode),
        fulfillmentLineItems: inline(FulfilledLineNode),
      }),
    )
    .default([]),
});
export type BulkOrderLineWithInline = z.infer<typeof BulkOrderLineWithInlineSchema>;

/** The group with inline nodes moved into child lines under their fulfillment. */
export function withInlineChildren(
  group: BulkGroup<BulkOrderLineWithInline, BulkChildLine>,
): BulkGroup<BulkOrderLine, BulkChildLine> {
  const children: BulkChildLine[] = [...group.children];
  const fulfillments = group.root.fulfillments.map(({ events, fulfillmentLineItems, ...f }) => {
    for (const edge of events?.edges ?? []) children.push({ ...edge.node, __parentId: f.id });
    for (const edge of fulfillmentLineItems?.edges ?? []) {
      children.push({ ...edge.node, __parentId: f.id });
    }
    return f;
  });
  return { ...group, root: { ...group.root, fulfillments }, children };
}
