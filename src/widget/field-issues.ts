// Lookup fields and the message key per issue the proxy reports; the rules run on the proxy only.
import type { StringKey } from './strings.js';

export interface LookupInput {
  orderNumber: string;
  email: string;
}

export type LookupField = keyof LookupInput;
export type FieldErrors = Partial<Record<LookupField, StringKey>>;

/** The message key for a field and issue, e.g. `invalid.order_number_required`. */
export function issueKey(field: string, issue: string): StringKey | undefined {
  const name = field === 'orderNumber' ? 'order_number' : field === 'email' ? 'email' : '';
  const known = ['required', 'too_long', 'invalid_format'].includes(issue);
  return name && known ? (`invalid.${name}_${issue}` as StringKey) : undefined;
}
