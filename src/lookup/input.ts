// Turns a lookup request body (JSON or form) into a validated order number and email, or invalid_input with fields.
import { z } from 'zod';
import type { FieldIssue } from '../contract/errors.js';
import { type ResultHtmlOptions, ResultHtmlOptionsSchema } from '../contract/result-html.js';
import { normalizeEmail, parseEmail } from '../core/email.js';
import { type OrderNumber, parseOrderNumber } from '../core/order-number.js';
import { shopperLanguage } from '../core/shopper-language.js';
import { httpError } from '../server/http-error.js';

export type BodyKind = 'json' | 'form';

export interface LookupInput {
  orderNumber: OrderNumber;
  /** Normalised email; null when the shopper is logged in and left it empty. */
  email: string | null;
  /** The storefront's language (`locale` in the body) when it is one we ship; carriers are asked for it. */
  language?: string;
}

/** What the shopper typed, kept to re-show the no-JS form. Never logged. */
export interface RawLookupFields {
  orderNumber: string;
  email: string;
  locale: string | undefined;
  returnTo: string | undefined;
  /** The block's stylesheet on Shopify's CDN, so the no-JS page looks like the block. */
  stylesheet: string | undefined;
  /** The block's contact page setting, as posted (checked where it becomes a link). */
  contactUrl?: string | undefined;
  /** JSON only: the widget asks for the timeline drawn as HTML beside the view. */
  html?: ResultHtmlOptions | undefined;
}

const Text = z.union([z.string(), z.number().transform(String)]);
const BodySchema = z.object({
  orderNumber: Text.optional(),
  email: Text.optional(),
  locale: Text.optional(),
  return_to: Text.optional(),
  stylesheet: Text.optional(),
  contact_url: Text.optional(),
  html: z.unknown().optional(),
});

/** The body's kind from its Content-Type, or undefined for anything the lookup does not take. */
export function bodyKind(contentType: string | null): BodyKind | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  return undefined;
}

export function rawFields(kind: BodyKind, text: string): RawLookupFields {
  let candidate: unknown;
  if (kind === 'json') {
    try {
      candidate = JSON.parse(text);
    } catch {
      throw httpError('invalid_input', { fields: [{ field: 'body', issue: 'invalid_json' }] });
    }
  } else {
    candidate = Object.fromEntries(new URLSearchParams(text));
  }
  const parsed = BodySchema.safeParse(candidate);
  if (!parsed.success) {
    const fields = parsed.error.issues.map(
      (issue): FieldIssue => ({
        field: String(issue.path[0] ?? 'body').slice(0, 50),
        issue: 'invalid_type',
      }),
    );
    throw httpError('invalid_input', { fields: dedupe(fields) });
  }
  const {
    orderNumber = '',
    email = '',
    locale,
    return_to,
    stylesheet,
    contact_url,
    html,
  } = parsed.data;
  const raw: RawLookupFields = {
    orderNumber,
    email,
    locale: safeLocale(locale),
    returnTo: safeReturnTo(return_to),
    stylesheet: safeStylesheet(stylesheet),
    contactUrl: contact_url?.slice(0, 500),
  };
  if (kind === 'json') {
    const options = resultHtmlOptions(html);
    if (options) raw.html = options;
  }
  return raw;
}

/** `html` options when the body has an `html` object (bad values in it fall back to defaults). */
function resultHtmlOptions(value: unknown): ResultHtmlOptions | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const parsed = ResultHtmlOptionsSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

/** Validates the fields; email may be empty only for a logged-in customer (their own orders). */
export function lookupInput(raw: RawLookupFields, loggedIn: boolean): LookupInput {
  const fields: FieldIssue[] = [];
  const number = parseOrderNumber(raw.orderNumber);
  if (!number.ok) fields.push({ field: 'orderNumber', issue: number.issue });

  let email: string | null = null;
  if (!(loggedIn && normalizeEmail(raw.email) === '')) {
    const parsed = parseEmail(raw.email);
    if (parsed.ok) email = parsed.value;
    else fields.push({ field: 'email', issue: parsed.issue });
  }
  if (!number.ok || fields.length) throw httpError('invalid_input', { fields });
  const language = shopperLanguage(raw.locale);
  return language
    ? { orderNumber: number.value, email, language }
    : { orderNumber: number.value, email };
}

/** BCP-47-shaped (`nb`, `pt-BR`), or nothing: it picks a strings file, so no paths get through. */
export function safeLocale(value: string | undefined): string | undefined {
  return value && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}$/.test(value) ? value : undefined;
}

/** A storefront-relative path only; anything that could lead off the store is dropped. */
export function safeReturnTo(value: string | undefined): string | undefined {
  if (!value || value.length > 500) return undefined;
  return /^\/(?![/\\])[\w\-./~%?=&+]*$/.test(value) ? value : undefined;
}

/**
 * The block's own stylesheet only: `track-order.css` on Shopify's CDN (as `asset_url` gives it) or
 * on the storefront itself. Anything else is dropped, so a crafted post cannot style the page
 * from elsewhere.
 */
export function safeStylesheet(value: string | undefined): string | undefined {
  if (!value || value.length > 500) return undefined;
  const where = /^(?:(?:https:)?\/\/cdn\.shopify\.com\/|\/(?![/\\]))/;
  const shape = /^[\w\-./~%:]*\/track-order\.css(?:\?[\w\-.=&%]*)?$/;
  return where.test(value) && shape.test(value) ? value : undefined;
}

function dedupe(fields: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return fields.filter((f) => !seen.has(f.field) && seen.add(f.field));
}
