// Storefront string keys, the Strings type, interpolation, and building Strings from a locale file.
import en from '../../theme-extension/locales/en.default.json' with { type: 'json' };

/** Every storefront string the widget and the server-rendered page use, as paths under `track_order`. */
export const STRING_KEYS = [
  'form.heading',
  'form.intro',
  'form.order_number',
  'form.order_number_hint',
  'form.email',
  'form.email_hint',
  'form.email_optional_hint',
  'form.submit',
  'form.loading',
  'form.errors_heading',
  'form.your_orders',
  'form.no_orders',
  'form.placed',
  'form.track_another',
  'invalid.order_number_required',
  'invalid.order_number_too_long',
  'invalid.order_number_invalid_format',
  'invalid.email_required',
  'invalid.email_too_long',
  'invalid.email_invalid_format',
  'error.invalid_signature',
  'error.invalid_input',
  'error.order_not_found',
  'error.not_found',
  'error.method_not_allowed',
  'error.payload_too_large',
  'error.unsupported_media_type',
  'error.shop_not_installed',
  'error.rate_limited',
  'error.rate_limited_wait',
  'error.upstream_unavailable',
  'error.internal_error',
  'error.network',
  'error.retry',
  'result.heading',
  'result.sample',
  'result.cancelled',
  'result.digital',
  'result.not_shipped',
  'result.shipment',
  'result.shipment_n',
  'result.carrier',
  'result.tracking_number',
  'result.copy',
  'result.copied',
  'result.carrier_link',
  'result.new_window',
  'result.estimated_delivery',
  'result.delivered_on',
  'result.history',
  'result.no_events',
  'result.items',
  'result.order_items',
  'result.quantity',
  'result.stalled',
  'result.live_unavailable',
  'recommendations.heading',
  'milestone.placed',
  'milestone.payment',
  'milestone.fulfillment',
  'milestone.shipped',
  'milestone.out_for_delivery',
  'milestone.delivered',
  'milestone.return',
  'milestone.cancelled',
  'milestone.other',
  'state.done',
  'state.current',
  'state.upcoming',
  'state.problem',
  'payment.pending',
  'payment.authorized',
  'payment.partially_paid',
  'payment.paid',
  'payment.partially_refunded',
  'payment.refunded',
  'payment.voided',
  'payment.expired',
  'fulfillment.unfulfilled',
  'fulfillment.in_progress',
  'fulfillment.scheduled',
  'fulfillment.on_hold',
  'fulfillment.partially_fulfilled',
  'fulfillment.fulfilled',
  'fulfillment.not_required',
  'fulfillment.request_declined',
  'fulfillment.restocked',
  'hold.awaiting_payment',
  'hold.awaiting_return_items',
  'hold.incorrect_address',
  'hold.out_of_stock',
  'hold.unknown_delivery_date',
  'hold.other',
  'delivered.partial',
  'delivered.out_for_delivery',
  'delivered.ready_for_pickup',
  'delivered.attempted_delivery',
  'delivered.failure',
  'delivered.returned_to_sender',
  'return.requested',
  'return.in_progress',
  'return.inspection_complete',
  'return.returned',
  'return.failed',
  'status.label_created',
  'status.in_transit',
  'status.out_for_delivery',
  'status.ready_for_pickup',
  'status.attempted_delivery',
  'status.delayed',
  'status.delivered',
  'status.failure',
  'status.returned_to_sender',
  'status.cancelled',
  'status.unknown',
  'shipped.partial',
  'result.unshipped',
  'result.late',
  'result.show_all',
  'result.show_fewer',
  'result.time_zone',
  'result.contact',
  'problem.failure',
  'problem.attempted_delivery',
  'problem.returned_to_sender',
  'problem.cancelled',
  'problem.payment',
  'problem.order_cancelled',
  'detail_other',
] as const;

export type StringKey = (typeof STRING_KEYS)[number];
export type Strings = Record<StringKey, string>;

/** Replaces `{name}` placeholders; unknown placeholders stay as written so a gap is visible, not silent. */
export function interpolate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** Looks a string up by key, for keys built at run time (milestone details, statuses); undefined when absent. */
export function lookup(strings: Strings, key: string): string | undefined {
  return (strings as Record<string, string | undefined>)[key];
}

function readPath(source: unknown, path: string): string | undefined {
  let node: unknown = source;
  for (const part of ['track_order', ...path.split('.')]) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' && node !== '' ? node : undefined;
}

/**
 * Builds Strings from a parsed storefront locale file (`theme-extension/locales/<lang>.json`),
 * taking English for any key the file lacks, so a partial or broken file never leaves a gap.
 */
export function stringsFromLocale(json: unknown): Strings {
  const strings = {} as Strings;
  for (const key of STRING_KEYS) strings[key] = readPath(json, key) ?? readPath(en, key) ?? key;
  return strings;
}

/** English strings, for the server when the shopper's locale has no file. */
export function englishStrings(): Strings {
  return stringsFromLocale(en);
}
