import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EMAIL_NORMALISATION_VERSION } from '../core/email.js';
import { createEmailFingerprinter, fingerprintMatches } from './email-fingerprint.js';

const KEY = new Uint8Array(32).map((_, i) => i + 1);
const OTHER_KEY = new Uint8Array(32).map((_, i) => 200 - i);

describe('createEmailFingerprinter', () => {
  const fingerprint = createEmailFingerprinter(KEY);

  it('is the HMAC-SHA256 of the normalised email under the shop key, base64url', () => {
    const expected = createHmac('sha256', Buffer.from(KEY))
      .update('ingrid.nordmann@example.no')
      .digest('base64url');
    expect(fingerprint('  Ingrid.Nordmann@EXAMPLE.no ')).toEqual({
      value: expected,
      version: EMAIL_NORMALISATION_VERSION,
    });
  });

  it('gives the same fingerprint for every spelling normalizeEmail folds together', () => {
    expect(fingerprint('ａ＠ｂ．ｃｏｍ')).toEqual(fingerprint('A@B.com'));
  });

  it('differs between shops: another key, another fingerprint', () => {
    const other = createEmailFingerprinter(OTHER_KEY);
    expect(other('a@b.com')?.value).not.toEqual(fingerprint('a@b.com')?.value);
  });

  it('never contains the email', () => {
    expect(JSON.stringify(fingerprint('ingrid@example.no'))).not.toMatch(/ingrid|example/);
  });

  it.each([null, undefined, '', '   '])('gives null for a missing email (%j)', (email) => {
    expect(fingerprint(email)).toBeNull();
  });

  it.each([0, 16, 31, 33, 64])('refuses a key of %i bytes', (n) => {
    expect(() => createEmailFingerprinter(new Uint8Array(n))).toThrow(RangeError);
  });

  it('keeps its own copy of the key', () => {
    const key = Uint8Array.from(KEY);
    const fp = createEmailFingerprinter(key);
    const before = fp('a@b.com');
    key.fill(0);
    expect(fp('a@b.com')).toEqual(before);
  });
});

describe('fingerprintMatches', () => {
  const fingerprint = createEmailFingerprinter(KEY);
  const stored = fingerprint('ingrid.nordmann@example.no');

  it('matches the same address however it is typed', () => {
    expect(fingerprintMatches(fingerprint, ' INGRID.nordmann@example.no', stored)).toBe(true);
  });

  it('does not match another address', () => {
    expect(fingerprintMatches(fingerprint, 'ingrid.nordman@example.no', stored)).toBe(false);
  });

  it('does not match a fingerprint made under another normalisation version', () => {
    if (!stored) throw new Error('fixture');
    const old = { ...stored, version: EMAIL_NORMALISATION_VERSION - 1 };
    expect(fingerprintMatches(fingerprint, 'ingrid.nordmann@example.no', old)).toBe(false);
  });

  it('does not match when the order has no fingerprint or the shopper typed nothing', () => {
    expect(fingerprintMatches(fingerprint, 'ingrid.nordmann@example.no', null)).toBe(false);
    expect(fingerprintMatches(fingerprint, '', stored)).toBe(false);
  });

  it('does not match a fingerprint made with another shop key', () => {
    const foreign = createEmailFingerprinter(OTHER_KEY)('ingrid.nordmann@example.no');
    expect(fingerprintMatches(fingerprint, 'ingrid.nordmann@example.no', foreign)).toBe(false);
  });
});
