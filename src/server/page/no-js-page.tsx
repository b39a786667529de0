// The no-JS page drawn with the widget's own Preact components, in the shopper's language.
import { renderToString } from 'preact-render-to-string';
import type { ErrorCode, FieldIssue } from '../../contract/errors.js';
import type { TrackingView } from '../../contract/tracking-view.js';
import { ErrorNotice } from '../../widget/components/ErrorNotice.js';
import { LookupForm } from '../../widget/components/LookupForm.js';
import { TrackingResult } from '../../widget/components/TrackingResult.js';
import { contactHref } from '../../widget/contact.js';
import { type FieldErrors, issueKey } from '../../widget/field-issues.js';
import { zoneName } from '../../widget/format.js';
import { interpolate } from '../../widget/strings.js';
import { stringsFor } from './locale-strings.js';
import { type PageRecommendations, Recommendations } from './recommendations.js';

/** What the shopper typed and where the form posts, to draw the form again. Never logged. */
export interface FormState {
  orderNumber: string;
  email: string;
  locale: string | undefined;
  returnTo: string | undefined;
  /** The block's stylesheet URL, already checked (safeStylesheet). */
  stylesheet?: string | undefined;
  /** Where the form posts: the storefront's proxy path + `/lookup`. */
  action?: string;
  /** A logged-in customer may leave the email empty. */
  signedIn?: boolean;
  /** The shop's IANA time zone (from the start-up shop query): the page's times are in it, named. */
  timeZone?: string | undefined;
  /** The block's contact page setting as posted; the page checks it before linking. */
  contactUrl?: string | undefined;
  /** Products to show below the timeline (the block's recommendations, when they came in time). */
  recommendations?: PageRecommendations | undefined;
}

export interface FormError {
  code: ErrorCode;
  message: string;
  fields?: FieldIssue[];
  retryAfter?: number;
}

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
): string {
  const locale = form.locale ?? 'en';
  const timeZone = knownZone(form.timeZone);
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
      {view && form.recommendations && (
        <Recommendations {...form.recommendations} locale={locale} />
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

/** The order's timeline with the form below it for another lookup. */
export function renderTimelinePage(view: TrackingView, form: FormState): string {
  return page(form, view, undefined);
}

/** The form again, with what went wrong. */
export function renderFormPage(form: FormState, error: FormError | undefined): string {
  return page(form, undefined, error);
}
