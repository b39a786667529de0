// The no-JS page as plain accessible HTML: the timeline, or the form again with what went wrong.
import type { ErrorCode, FieldIssue } from '../../contract/errors.js';
import type { TrackingView } from '../../contract/tracking-view.js';
import { escapeHtml as e } from './escape.js';
import { PLAIN_STRINGS as S } from './plain-strings.js';

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
  /** The block's contact page setting as posted; the page checks it before linking. */
  contactUrl?: string | undefined;
}

export interface FormError {
  code: ErrorCode;
  message: string;
  fields?: FieldIssue[];
  retryAfter?: number;
}

export function renderTimeline(view: TrackingView, form: FormState): string {
  const locale = form.locale ?? 'en';
  const milestones = view.milestones
    .map((m) => {
      const label = S.milestone[m.key] ?? S.milestoneFallback;
      const state = S.state[m.state] ?? '';
      const at = m.at ? ` ${time(m.at, locale)}` : '';
      return `<li data-state="${e(m.state)}"><span>${e(label)}</span> <span class="track-order__state">(${e(state)})</span>${at}</li>`;
    })
    .join('');
  const shipments = view.shipments
    .map((s, i) => {
      const status = S.shipmentStatus[s.status] ?? S.shipmentStatus.unknown ?? '';
      const carrier = s.carrier ? `<p>${e(s.carrier.name)}</p>` : '';
      const number = s.trackingNumber
        ? `<p>${e(S.trackingNumber)}: ${
            s.trackingUrl && /^https:\/\//i.test(s.trackingUrl)
              ? `<a href="${e(s.trackingUrl)}" rel="noopener noreferrer">${e(s.trackingNumber)}</a>`
              : e(s.trackingNumber)
          }</p>`
        : '';
      const eta = s.estimatedDeliveryAt
        ? `<p>${e(S.estimatedDelivery)}: ${time(s.estimatedDeliveryAt, locale)}</p>`
        : '';
      const events = s.events.length
        ? `<ol>${s.events
            .map(
              (ev) =>
                `<li>${time(ev.at, locale)} ${e(S.shipmentStatus[ev.status] ?? '')}${
                  ev.message ? ` — ${e(ev.message)}` : ''
                }${ev.location ? ` (${e(ev.location)})` : ''}</li>`,
            )
            .join('')}</ol>`
        : '';
      return `<li><h4>${e(S.shipment)} ${i + 1}: ${e(status)}</h4>${carrier}${number}${eta}${events}</li>`;
    })
    .join('');
  const items = view.order.lineItems
    .map((li) => `<li>${e(li.name)} × ${li.quantity}</li>`)
    .join('');
  return section(
    `<h2 id="track-order-title">${e(S.order)} ${e(view.order.name)}</h2>` +
      `<ol class="track-order__milestones">${milestones}</ol>` +
      (items ? `<h3>${e(S.items)}</h3><ul>${items}</ul>` : '') +
      (shipments ? `<h3>${e(S.shipments)}</h3><ol>${shipments}</ol>` : '') +
      form_(blankForm(form)),
  );
}

export function renderForm(form: FormState, error: FormError | undefined): string {
  return section(`<h2 id="track-order-title">${e(S.title)}</h2>${form_(form, error)}`);
}

function blankForm(form: FormState): FormState {
  return { ...form, orderNumber: '', email: '' };
}

function section(inner: string): string {
  return `<section class="track-order" aria-labelledby="track-order-title">${inner}</section>`;
}

function form_(form: FormState, error?: FormError): string {
  const issueOf = (field: string) => error?.fields?.find((f) => f.field === field)?.issue;
  const input = (name: 'orderNumber' | 'email', label: string, type: string, auto: string) => {
    const issue = issueOf(name);
    const id = `track-order-${name}`;
    const described = issue ? ` aria-invalid="true" aria-describedby="${id}-error"` : '';
    const note = issue
      ? `<span id="${id}-error">${e(S.fieldIssue[issue] ?? S.fieldIssue.invalid_format ?? '')}</span>`
      : '';
    return `<p><label for="${id}">${e(label)}</label> <input id="${id}" name="${name}" type="${type}" autocomplete="${auto}" required value="${e(form[name])}"${described}> ${note}</p>`;
  };
  const alert = error ? `<p role="alert">${e(error.message)}</p>` : '';
  const hidden =
    (form.locale ? `<input type="hidden" name="locale" value="${e(form.locale)}">` : '') +
    (form.returnTo ? `<input type="hidden" name="return_to" value="${e(form.returnTo)}">` : '');
  const heading = error ? '' : `<h3>${e(S.lookupAnother)}</h3>`;
  return `${heading}<form method="post"${form.action ? ` action="${e(form.action)}"` : ''}>${alert}${input('orderNumber', S.orderNumber, 'text', 'off')}${input('email', S.email, 'email', 'email')}${hidden}<p><button type="submit">${e(S.submit)}</button></p></form>`;
}

function time(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return `<time>${e(iso)}</time>`;
  let text: string;
  try {
    text = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(date);
  } catch {
    text = date.toISOString();
  }
  return `<time datetime="${e(date.toISOString())}">${e(text)}</time>`;
}
