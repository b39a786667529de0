// A failed lookup explained: a helpful message per error code, a wait time, and "try again" when it may help.
import { type FailureCode, RETRYABLE } from '../api.js';
import { Contact } from '../contact.js';
import { formatWait } from '../format.js';
import { interpolate, lookup, type Strings } from '../strings.js';

export interface ErrorNoticeProps {
  code: FailureCode;
  /** Seconds to wait (rate_limited, upstream_unavailable). */
  retryAfter?: number;
  strings: Strings;
  locale: string;
  /** Given in the browser only: draws the "try again" button for retryable codes. */
  onRetry?: () => void;
  /** The store's contact page (already checked): offered when the order is not found. */
  contactUrl?: string | undefined;
}

export function errorMessage(
  code: FailureCode,
  strings: Strings,
  locale: string,
  retryAfter?: number,
): string {
  if (code === 'rate_limited' && retryAfter) {
    return interpolate(strings['error.rate_limited_wait'], {
      time: formatWait(retryAfter, locale),
    });
  }
  return lookup(strings, `error.${code}`) ?? strings['error.internal_error'];
}

export function ErrorNotice({
  strings,
  locale,
  code,
  retryAfter,
  onRetry,
  contactUrl,
}: ErrorNoticeProps) {
  return (
    <div class="track-order__error" role="alert">
      <p>{errorMessage(code, strings, locale, retryAfter)}</p>
      {code === 'order_not_found' && <Contact href={contactUrl} strings={strings} />}
      {onRetry && RETRYABLE.includes(code) && (
        <button type="button" class="track-order__retry" onClick={onRetry}>
          {strings['error.retry']}
        </button>
      )}
    </div>
  );
}
