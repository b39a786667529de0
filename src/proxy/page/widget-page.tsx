// The no-JS page drawn with the widget's own Preact components, in the shopper's language.
import { renderToString } from 'preact-render-to-string';
import type { TrackingView } from '../../contract/tracking-view.js';
import { ErrorNotice } from '../../widget/components/ErrorNotice.js';
import { LookupForm } from '../../widget/components/LookupForm.js';
import { TrackingResult } from '../../widget/components/TrackingResult.js';
import { contactHref } from '../../widget/contact.js';
import { type FieldErrors, issueKey } from '../../widget/field-issues.js';
import { zoneName } from '../../widget/format.js';
import { interpolate } from '../../widget/strings.js';
import { stringsFor } from './locale-strings.js';
import type { FormError, FormState, PageRenderer } from './page-renderer.js';

function fieldErrors(error: FormError | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, issue } of error?.fields ?? []) {
    const key = issueKey(field, issue);
    if (key && (field === 'orderNumber' || field === 'email')) errors[field] = key;
  }
  return errors;
}

/** The shop's IANA zone when Intl knows it, else UTC (a page must never fail on a bad zone). */
function knownZone(timeZone: string | undefined): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: timeZone || 'UTC' }).resolvedOptions()
      .timeZone;
  } catch {
    return 'UTC';
  }
}

function page(
  form: FormState,
  view: TrackingView | undefined,
  error: FormError | undefined,
  shopZone?: string,
): string {
  const locale = form.locale ?? 'en';
  const timeZone = knownZone(shopZone);
  const contactUrl = contactHref(form.contactUrl);
  const strings = stringsFor(form.locale);
  const errors = fieldErrors(error);
  const showNotice = error && Object.keys(errors).length === 0;
  const values = view
    ? { orderNumber: '', email: '' }
    : { orderNumber: form.orderNumber, email: form.email };
  return renderToString(
    <div class="track-order" data-rendered="server">
      {form.stylesheet && <link rel="stylesheet" href={form.stylesheet} />}
      <h2 class="track-order__title">{strings['form.heading']}</h2>
      {view && (
        <TrackingResult
          view={view}
          strings={strings}
          locale={locale}
          timeZone={timeZone}
          contactUrl={contactUrl}
        />
      )}
      {view && (
        <p class="track-order__muted">
          {interpolate(strings['result.time_zone'], {
            zone: zoneName(timeZone, locale, Date.now()),
          })}
        </p>
      )}
      {showNotice && (
        <ErrorNotice
          code={error.code}
          retryAfter={error.retryAfter}
          strings={strings}
          locale={locale}
          contactUrl={contactUrl}
        />
      )}
      {view && <h3 class="track-order__subtitle">{strings['form.track_another']}</h3>}
      <LookupForm
        strings={strings}
        values={values}
        errors={errors}
        action={form.action ?? 'lookup'}
        locale={locale}
        returnTo={form.returnTo}
        stylesheet={form.stylesheet}
        signedIn={form.signedIn}
        contactUrl={contactUrl}
      />
    </div>,
  );
}

/** The shop's IANA zone (`Shop.ianaTimezone`) is passed by the caller; unknown or absent reads as UTC. */
export const widgetPageRenderer: PageRenderer = {
  timeline: (view, form, timeZone) => page(form, view, undefined, timeZone),
  form: (form, error) => page(form, undefined, error),
};
