// Email normalisation, validation and a constant-time comparison; browser-safe (the widget uses the same rules).
// PROVISIONAL: signatures are fixed; the implementation is being completed with its tests.

export type EmailIssue = 'required' | 'too_long' | 'invalid_format';
export type EmailResult = { ok: true; value: string } | { ok: false; issue: EmailIssue };

export const EMAIL_MAX_LENGTH = 254;

/** Trims and lower-cases; rejects empty, over 254 characters, or not shaped like local@domain. */
export function parseEmail(input: string): EmailResult {
  const value = input.trim().toLowerCase();
  if (!value) return { ok: false, issue: 'required' };
  if (value.length > EMAIL_MAX_LENGTH) return { ok: false, issue: 'too_long' };
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { ok: false, issue: 'invalid_format' };
  return { ok: true, value };
}

/** Compares two strings in time that depends only on their lengths, not on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
