// Client-side checks of the lookup form, with the very rules the proxy applies (src/core).
import { parseEmail } from '../core/email.js';
import { parseOrderNumber } from '../core/order-number.js';
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

/** Empty when the input may be sent. The email may be left out only by a signed-in customer. */
export function validateLookup(input: LookupInput, emailOptional: boolean): FieldErrors {
  const errors: FieldErrors = {};
  const order = parseOrderNumber(input.orderNumber);
  if (!order.ok) errors.orderNumber = issueKey('orderNumber', order.issue);
  if (!(emailOptional && input.email.trim() === '')) {
    const email = parseEmail(input.email);
    if (!email.ok) errors.email = issueKey('email', email.issue);
  }
  return errors;
}
