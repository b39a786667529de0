// zod schemas of the backfill's JSONL lines and of the bulk operation answers and webhook.
import { z } from 'zod';

// Open enums and bounded strings, as in order-schema.ts; unknown fields are ignored (zod strips them).
const OpenEnum = z.string().max(100);
const Str = z.string().max(5000);
const Gid = z.string().min(1).max(200);

/** The order line (no `__parentId`); its `fulfillments` list is inline. */
export const BulkOrderLineSchema = z.object({
  id: Gid,
  name: Str,
  confirmationNumber: Str.nullish(),
  email: Str.nullish(),
  processedAt: Str,
  updatedAt: Str,
  cancelledAt: Str.nullish(),
  displayFinancialStatus: OpenEnum.nullish(),
  displayFulfillmentStatus: OpenEnum,
  returnStatus: OpenEnum,
  customer: z.object({ id: Gid }).nullish(),
  shippingAddress: z.object({ countryCodeV2: Str.nullish() }).nullish(),
  fulfillments: z
    .array(
      z.object({
        id: Gid,
        status: OpenEnum,
        displayStatus: OpenEnum.nullish(),
        createdAt: Str,
        updatedAt: Str.nullish(),
        inTransitAt: Str.nullish(),
        deliveredAt: Str.nullish(),
        estimatedDeliveryAt: Str.nullish(),
        trackingInfo: z
          .array(z.object({ company: Str.nullish(), number: Str.nullish(), url: Str.nullish() }))
          .default([]),
      }),
    )
    .default([]),
});
export type BulkOrderLine = z.infer<typeof BulkOrderLineSchema>;
export type BulkFulfillment = BulkOrderLine['fulfillments'][number];

const Child = { __parentId: Gid };

export const BulkLineItemLineSchema = z.object({
  ...Child,
  id: Gid.startsWith('gid://shopify/LineItem/'),
  name: Str,
  quantity: z.number().int(),
  product: z.object({ id: Gid }).nullish(),
});

export const BulkFulfillmentOrderLineSchema = z.object({
  ...Child,
  id: Gid.startsWith('gid://shopify/FulfillmentOrder/'),
  status: OpenEnum,
  fulfillAt: Str.nullish(),
  fulfillmentHolds: z.array(z.object({ reason: OpenEnum })).default([]),
});

export const BulkFulfillmentEventLineSchema = z.object({
  ...Child,
  id: Gid.startsWith('gid://shopify/FulfillmentEvent/'),
  status: OpenEnum,
  happenedAt: Str,
  message: Str.nullish(),
  city: Str.nullish(),
  province: Str.nullish(),
  country: Str.nullish(),
  estimatedDeliveryAt: Str.nullish(),
});

export const BulkFulfillmentLineItemLineSchema = z.object({
  ...Child,
  id: Gid.startsWith('gid://shopify/FulfillmentLineItem/'),
  quantity: z.number().int().nullish(),
  lineItem: z.object({ id: Gid.nullish(), name: Str }),
});

/** Any child line; told apart by the GID type of its `id`. */
export const BulkChildLineSchema = z.union([
  BulkLineItemLineSchema,
  BulkFulfillmentOrderLineSchema,
  BulkFulfillmentEventLineSchema,
  BulkFulfillmentLineItemLineSchema,
]);
export type BulkChildLine = z.infer<typeof BulkChildLineSchema>;
export type BulkLineItemLine = z.infer<typeof BulkLineItemLineSchema>;
export type BulkFulfillmentOrderLine = z.infer<typeof BulkFulfillmentOrderLineSchema>;
export type BulkFulfillmentEventLine = z.infer<typeof BulkFulfillmentEventLineSchema>;
export type BulkFulfillmentLineItemLine = z.infer<typeof BulkFulfillmentLineItemLineSchema>;

export const BulkOperationSchema = z.object({
  id: Gid,
  status: OpenEnum,
  errorCode: OpenEnum.nullish(),
  createdAt: Str.nullish(),
  completedAt: Str.nullish(),
  // UnsignedInt64 arrives as a string.
  objectCount: z.union([Str, z.number()]).nullish(),
  rootObjectCount: z.union([Str, z.number()]).nullish(),
  fileSize: z.union([Str, z.number()]).nullish(),
  url: Str.nullish(),
  partialDataUrl: Str.nullish(),
});
export type BulkOperation = z.infer<typeof BulkOperationSchema>;

/** `data` of BULK_ORDERS_RUN_MUTATION. */
export const BulkRunDataSchema = z.object({
  bulkOperationRunQuery: z
    .object({
      bulkOperation: BulkOperationSchema.pick({
        id: true,
        status: true,
        createdAt: true,
      }).nullish(),
      userErrors: z.array(
        z.object({
          field: z.array(Str).nullish(),
          message: Str,
          code: OpenEnum.nullish(),
        }),
      ),
    })
    .nullable(),
});
export type BulkRunData = z.infer<typeof BulkRunDataSchema>;

/** `data` of BULK_OPERATION_QUERY. */
export const BulkOperationDataSchema = z.object({ bulkOperation: BulkOperationSchema.nullable() });

/** `data` of RECENT_BULK_QUERIES_QUERY. */
export const RecentBulkQueriesDataSchema = z.object({
  bulkOperations: z.object({ nodes: z.array(BulkOperationSchema) }),
});

/**
 * Body of the `bulk_operations/finish` webhook (REST-style, lower-case enums):
 * `{"admin_graphql_api_id","completed_at","created_at","error_code","status","type"}`.
 */
export const BulkOperationsFinishSchema = z.object({
  admin_graphql_api_id: Gid,
  completed_at: Str.nullish(),
  created_at: Str.nullish(),
  error_code: OpenEnum.nullish(),
  status: OpenEnum,
  type: OpenEnum.nullish(),
});
export type BulkOperationsFinish = z.infer<typeof BulkOperationsFinishSchema>;
