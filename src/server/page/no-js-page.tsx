// The no-JS page drawn with the widget's own Preact components, in the shopper's language.
import { renderToString } from 'preact-render-to-string';
import type { TrackingView } from '../../contract/tracking-view.js';
import { ErrorNotice } from '../../widget/components/ErrorNotice.js';
import { LookupForm } from '../../widget/components/LookupForm.js';
import { TrackingResult } from '../../widget/components/TrackingResult.js';
import { type FieldErrors, issueKey } from '../../widget/validate.js';
import { stringsFor } from './locale-strings.js';
import type { FormError, FormState, PageRenderer } from '../../proxy/page/page-renderer.js';

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
    <div class="track-order" data-rendered="server">
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

export const widgetPageRenderer: PageRenderer = {
  timeline: (view, form) => page(form, view, undefined),
  form: (form, error) => page(form, undefined, error),
};
