// The no-JS page drawn with the widget's own Preact components, in the shopper's language.
import { renderToString } from 'preact-render-to-string';
import type { ErrorCode, FieldIssue } from '../../contract/errors.js';
import type { TrackingView } from '../../contract/tracking-view.js';
import { ErrorNotice } from '../../widget/components/ErrorNotice.js';
import { LookupForm } from '../../widget/components/LookupForm.js';
import { TrackingResult } from '../../widget/components/TrackingResult.js';
import { type FieldErrors, issueKey } from '../../widget/validate.js';
import { stringsFor } from './locale-strings.js';

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
  /** The shop's IANA time zone (from the start-up shop query): the no-JS page's times are in it. */
  timeZone?: string | undefined;
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

function page(
  form: FormState,
  view: TrackingView | undefined,
  error: FormError | undefined,
): string {
  const locale = form.locale ?? 'en';
  const strings = stringsFor(form.locale);
  const errors = fieldErrors(error);
  const showNotice = error && Object.keys(errors).length === 0;
  const values = view
    ? { orderNumber: '', email: '' }
    : { orderNumber: form.orderNumber, email: form.email };
  return renderToString(
    <div class="track-order" data-rendered="server" data-time-zone={form.timeZone}>
      {form.stylesheet && <link rel="stylesheet" href={form.stylesheet} />}
      <h2 class="track-order__title">{strings['form.heading']}</h2>
      {view && <TrackingResult view={view} strings={strings} locale={locale} />}
      {showNotice && (
        <ErrorNotice
          code={error.code}
          retryAfter={error.retryAfter}
          strings={strings}
          locale={locale}
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
