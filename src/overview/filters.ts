// The overview's query parameters: parsed and checked once (zod), shared by the list, the CSV,
// the counts and the carrier report.
import { z } from 'zod';
import type { FieldIssue } from '../contract/errors.js';
import { SHIPMENT_STATUSES, type ShipmentStatus } from '../contract/tracking-view.js';

/** Order-level states on the board: orders waiting for a shipment, not shipments. */
export const ORDER_STATES = ['unfulfilled', 'on_hold', 'scheduled'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** Every key of `GET /api/overview`'s counts. */
export const COUNT_KEYS = [...SHIPMENT_STATUSES, ...ORDER_STATES, 'stalled'] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

/** Sort keys of the shipment list: each a non-null time, so keyset pages never skip a row. */
export const SORT_KEYS = ['shippedAt', 'lastActivityAt', 'processedAt'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 250;

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a calendar date',
  );

/** `from` and `to`: inclusive calendar dates in the shop's zone, on the order's processedAt. */
export const DateRangeSchema = z
  .object({ from: date.optional(), to: date.optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'from after to', path: ['to'] });
export type DateRange = z.infer<typeof DateRangeSchema>;

/** Control characters (NUL above all, which Postgres refuses in text) are no part of a name or number. */
const NO_CONTROL = /^\P{Cc}*$/u;
const text = (max: number) =>
  z.string().trim().min(1).max(max).regex(NO_CONTROL, 'no control characters');

export const ListFilterSchema = z.object({
  status: z.enum([...SHIPMENT_STATUSES, ...ORDER_STATES]).optional(),
  carrier: text(64).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'two-letter country code')
    .transform((c) => c.toUpperCase())
    .optional(),
  stalled: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  q: text(100).optional(),
  from: date.optional(),
  to: date.optional(),
  sort: z.enum(SORT_KEYS).default('shippedAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});
export type ListFilter = z.infer<typeof ListFilterSchema>;

export const ListQuerySchema = ListFilterSchema.extend({
  cursor: z.string().max(512).regex(NO_CONTROL, 'no control characters').optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

/** Whether the filter asks for order-level rows (orders waiting for a shipment). */
export function isOrderState(status: ListFilter['status']): status is OrderState {
  return (ORDER_STATES as readonly string[]).includes(status ?? '');
}

export function isShipmentStatus(value: string): value is ShipmentStatus {
  return (SHIPMENT_STATUSES as readonly string[]).includes(value);
}

/** A failed parse as the API's field issues: `[{ field, code }]`, never the input's value. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'query');
    if (seen.has(field)) continue;
    seen.add(field);
    issues.push({ field, issue: issue.code === 'too_big' ? 'too_large' : 'invalid_format' });
  }
  return issues;
}
