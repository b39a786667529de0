// Email normalisation, validation and a constant-time comparison; browser-safe (the widget uses the same rules).

export type EmailIssue = 'required' | 'too_long' | 'invalid_format';
export type EmailResult = { ok: true; value: string } | { ok: false; issue: EmailIssue };

export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_MAX_LENGTH = 64;

// Lenient on the local part (old addresses break RFC rules and checkout accepted them), strict about
// what can never be in an address: spaces, control or invisible characters, quotes and brackets.
const LOCAL_PART = /^[^\s\p{C}\p{Z}@"(),:;<>[\]\\]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{Nd}](?:[\p{L}\p{M}\p{Nd}-]{0,61}[\p{L}\p{M}\p{Nd}])?$/u;
const ALL_DIGITS = /^\p{Nd}+$/u;

function isDomain(domain: string): boolean {
  const labels = domain.split('.');
  const tld = labels.at(-1) ?? '';
  return (
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    tld.length >= 2 &&
    !ALL_DIGITS.test(tld)
  );
}

/**
 * The form two addresses are compared in. Apply it to the address stored on the order too, so both
 * sides are folded the same way.
 */
export function normalizeEmail(input: string): string {
  // NFKC turns full-width input (`ａ＠ｂ．ｃｏｍ` from some keyboards) into the address meant.
  return input.normalize('NFKC').trim().toLowerCase();
}

/** Bumped whenever normalizeEmail changes, so stored fingerprints made by an older rule are redone. */
export const EMAIL_NORMALISATION_VERSION = 1;

/** Trims and lower-cases; rejects empty, over 254 characters, or not shaped like local@domain.tld. */
export function parseEmail(input: string): EmailResult {
  const value = normalizeEmail(input);
  if (!value) return { ok: false, issue: 'required' };
  if (value.length > EMAIL_MAX_LENGTH) return { ok: false, issue: 'too_long' };
  const at = value.indexOf('@');
  if (at <= 0 || at !== value.lastIndexOf('@')) return { ok: false, issue: 'invalid_format' };
  const local = value.slice(0, at);
  if (local.length > EMAIL_LOCAL_MAX_LENGTH) return { ok: false, issue: 'too_long' };
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.')) {
    return { ok: false, issue: 'invalid_format' };
  }
  if (!isDomain(value.slice(at + 1))) return { ok: false, issue: 'invalid_format' };
  return { ok: true, value };
}

/** Compares two strings in time that depends only on their lengths, not on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  // No early exit: every position is visited and folded into one accumulator.
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
