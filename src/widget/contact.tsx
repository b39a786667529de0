// The store's contact page, offered when the news is bad or the order is not found.
import type { Strings } from './strings.js';

/**
 * The block's "contact page" setting as a safe href: a storefront path (`/pages/contact`) or an
 * https URL. Anything else (`javascript:`, `//host`, `http:`, spaces) is dropped: no link at all.
 */
export function contactHref(raw: string | undefined): string | undefined {
  const url = raw?.trim();
  return url &&
    url.length <= 500 &&
    /^(\/(?![/\\])|https:\/\/[\w.-]+(?![^/?#]))[^\s\\]*$/i.test(url)
    ? url
    : undefined;
}

export interface ContactProps {
  /** Already checked with contactHref; nothing is drawn without it. */
  href?: string | undefined;
  strings: Strings;
  /** What the bad news means for the shopper, said before the link. */
  text?: string | undefined;
}

export function Contact({ href, strings, text }: ContactProps) {
  if (!text && !href) return null;
  return (
    <p class="track-order__help">
      {text} {href && <a href={href}>{strings['result.contact']}</a>}
    </p>
  );
}
