// Email normalisation, validation and a constant-time comparison; browser-safe (the widget uses the same rules).
import { withoutFormatCharacters } from './input-text.js';

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
 * Version of `normalizeEmail`'s meaning. Stored fingerprints of normalised addresses name the
 * version they were made with; bump it whenever the function maps any address differently.
 * 2: format characters removed and the domain in its ASCII (punycode) form.
 */
export const EMAIL_NORMALISATION_VERSION = 2;

// IDNA reads these as the dot between labels (UTS #46); NFKC leaves the ideographic ones alone.
const LABEL_DOTS = /[\u3002\uff0e\uff61]/g;
// Labels of 1 to 63 ASCII letters, digits and hyphens; not all digits (an IPv4 address).
const ASCII_HOST = /^(?!\d+(?:\.\d+)*$)(?:[a-z0-9-]{1,63}\.)+[a-z0-9-]{1,63}$/;

/**
 * The domain in IDNA's ASCII form (`blåbær.no` → `xn--blbr-roah.no`), or undefined when it is not a
 * host name. The WHATWG URL parser does the UTS #46 mapping the same way in Node and in browsers
 * (it is what `node:url` `domainToASCII` runs), so the widget and the server agree. Only labels of
 * letters, marks, digits and inner hyphens reach it: nothing it would read as a port, path, escape
 * or IP address.
 */
function asciiDomain(domain: string): string | undefined {
  // Pure, and shoppers' domains repeat (a few mail providers): answered from memory once seen.
  const known = asciiDomains.get(domain);
  if (known !== undefined) return known === false ? undefined : known;
  const host = parseAsciiDomain(domain);
  if (asciiDomains.size >= ASCII_DOMAINS_KEPT) asciiDomains.clear();
  asciiDomains.set(domain, host ?? false);
  return host;
}

/** How many domains `asciiDomain` remembers; all are forgotten when it is full. */
const ASCII_DOMAINS_KEPT = 1000;
const asciiDomains = new Map<string, string | false>();

function parseAsciiDomain(domain: string): string | undefined {
  if (!isDomain(domain)) return undefined;
  let host: string;
  try {
    host = new URL(`http://${domain}/`).hostname;
  } catch {
    return undefined;
  }
  return ASCII_HOST.test(host) ? host : undefined;
}

/**
 * The one form two addresses are compared (and fingerprinted) in: format characters (zero-width
 * spaces, direction marks, BOM) removed, NFKC (full-width `ａ＠ｂ．ｃｏｍ`, including the full-width
 * `＠`, becomes `a@b.com`), trimmed, lower-cased, and the domain after the last `@` in ASCII form
 * (`ola@blåbær.no` and `ola@xn--blbr-roah.no` are one address). The local part is only
 * lower-cased. Never throws: text that is no address keeps its domain as typed (lower-cased).
 * Apply it to the address stored on the order too, so both sides are folded the same way.
 */
export function normalizeEmail(input: string): string {
  const text = withoutFormatCharacters(input).normalize('NFKC').trim().toLowerCase();
  const at = text.lastIndexOf('@');
  if (at < 0) return text;
  const domain = text.slice(at + 1).replace(LABEL_DOTS, '.');
  return `${text.slice(0, at)}@${asciiDomain(domain) ?? domain}`;
}

/**
 * `normalizeEmail`, then checked: rejects empty, over 254 characters (in ASCII form), a local part
 * over 64, or anything not shaped like local@domain.tld with a domain IDNA accepts.
 */
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
  const domain = value.slice(at + 1);
  if (asciiDomain(domain) !== domain) return { ok: false, issue: 'invalid_format' };
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
