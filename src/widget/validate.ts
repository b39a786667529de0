// Client-side checks of the lookup form, with the very rules the proxy applies (src/core).
import { parseEmail } from '../core/email.js';
import { parseOrderNumber } from '../core/order-number.js';

import type { FieldErrors, LookupInput } from './field-issues.js';
import { issueKey } from './field-issues.js';

export { type FieldErrors, issueKey, type LookupField, type LookupInput } from './field-issues.js';

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
