// Keyed fingerprint of a shopper's email: lets the store match "order + email" without keeping the email.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { EMAIL_NORMALISATION_VERSION, normalizeEmail } from '../core/email.js';

/** Length of the per-shop fingerprint key in bytes (HMAC-SHA256 wants at least its output size). */
export const FINGERPRINT_KEY_BYTES = 32;

/** What the store keeps per order: the fingerprint and the normalisation it was made with. */
export interface EmailFingerprint {
  /** HMAC-SHA256 of the normalised email, base64url without padding (43 characters). */
  value: string;
  /** EMAIL_NORMALISATION_VERSION at the time it was made; an older one is recomputed on the next sync. */
  version: number;
}

/** Turns an email into its fingerprint; `null` for an order without an email. */
export type EmailFingerprinter = (email: string | null | undefined) => EmailFingerprint | null;

/**
 * Builds the fingerprinter for one shop. The key is that shop's own secret (sealed at rest by the
 * caller), so a fingerprint from one shop says nothing in another and cannot be reversed by hashing
 * a list of common addresses without the key.
 *
 * @param key exactly 32 bytes.
 * @throws RangeError when the key has another length.
 */
export function createEmailFingerprinter(key: Uint8Array): EmailFingerprinter {
  if (key.byteLength !== FINGERPRINT_KEY_BYTES) {
    throw new RangeError(`email fingerprint key must be ${FINGERPRINT_KEY_BYTES} bytes`);
  }
  // Copied so a caller reusing its buffer cannot change the key afterwards.
  const secret = Buffer.from(key);
  return (email) => {
    const normalised = email == null ? '' : normalizeEmail(email);
    if (normalised === '') return null;
    const value = createHmac('sha256', secret).update(normalised, 'utf8').digest('base64url');
    return { value, version: EMAIL_NORMALISATION_VERSION };
  };
}

/**
 * Whether a shopper's typed email matches a stored fingerprint, compared in constant time. A
 * fingerprint made by another normalisation version never matches (the caller falls back to a live
 * lookup, which re-fingerprints the order).
 */
export function fingerprintMatches(
  fingerprint: EmailFingerprinter,
  typedEmail: string,
  stored: EmailFingerprint | null,
): boolean {
  const typed = fingerprint(typedEmail);
  const a = Buffer.from(typed?.value ?? '', 'utf8');
  const b = Buffer.from(stored?.value ?? '', 'utf8');
  // Fingerprints all have one length, so only a missing or foreign value skips the byte comparison.
  const same = a.length > 0 && a.length === b.length && timingSafeEqual(a, b);
  return same && stored?.version === typed?.version;
}
