// The widget's state: the block's own form enhanced in place → loading → result or error, with focus
// and announcements handled. The form is never re-drawn: the shopper's typing, caret and autofill stay.
import { Component, createRef } from 'preact';
import type { ResultHtmlAnswer, ResultHtmlOptions } from '../contract/result-html.js';
import type { OrderListItem, TrackingView } from '../contract/tracking-view.js';
import { type Failure, type FetchLike, fetchOrders, lookupOrder } from './api.js';
import { ErrorNotice } from './components/ErrorNotice.js';
import { OrderPicker } from './components/OrderPicker.js';
import { type FieldErrors, issueKey, type LookupField, type LookupInput } from './field-issues.js';
import { interpolate, type Strings } from './strings.js';

export interface WidgetConfig {
  /** Storefront path of the app proxy, locale prefix included, e.g. `/fr/apps/track`. */
  proxyPath: string;
  locale: string;
  signedIn: boolean;
  /**
   * The block's display settings and the shopper's time zone, sent with each lookup: the proxy
   * draws the timeline by them. Its `contactUrl` (already checked with contactHref) is offered
   * with not-found too.
   */
  result: ResultHtmlOptions;
}

export interface TrackOrderAppProps {
  config: WidgetConfig;
  strings: Strings;
  fetch: FetchLike;
  /**
   * The block's Liquid form (fields `orderNumber`, `email`, each with an id and a `{id}-hint`).
   * The widget takes its submit, marks its fields and hides it while a result shows.
   */
  form: HTMLFormElement;
  /** Looks the order up at once (the shopper submitted before the widget had loaded). */
  submitNow?: boolean;
  copy?: (text: string) => Promise<unknown>;
}

/** The block's form, with the loader's listener for drawn timelines when recommendations are on. */
export type ViewListener = HTMLFormElement & { trackOrderView?: (view?: TrackingView) => void };

/** The form, while `loading` a busy form, then the `result` or the form with a `failure`. */
interface State {
  errors: FieldErrors;
  loading?: boolean;
  result?: ResultHtmlAnswer | undefined;
  failure?: Failure | undefined;
  orders?: OrderListItem[];
}

const FIELDS: LookupField[] = ['orderNumber', 'email'];

// The error summary and the result heading are the only elements made focusable by script.
const HEADING = '[tabindex]';

/** Sets an attribute, or removes it for an empty value. */
function attr(el: Element | null, name: string, value?: string | false) {
  if (value) el?.setAttribute(name, value);
  else el?.removeAttribute(name);
}

function fieldErrorsFrom(failure: Failure): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of failure.fields ?? []) {
    const key = issueKey(f.field, f.issue);
    if (key) errors[f.field as LookupField] = key;
  }
  return errors;
}

// A class rather than hooks: it keeps the hooks runtime (about 1 KB gzip) out of the chunk. Members
// named with a leading `_` are private to the chunk: the build shortens them.
export class TrackOrderApp extends Component<TrackOrderAppProps, State> {
  _out = createRef<HTMLDivElement>();
  /** What takes focus after the next render: a selector inside the widget, or a form field. */
  _focus: string | HTMLElement = '';
  /** The last result, shown again when Forward returns to its history entry. */
  _last?: ResultHtmlAnswer;

  constructor(props: TrackOrderAppProps) {
    super(props);
    this.state = { errors: {} };
  }

  _field(name: LookupField) {
    return this.props.form.elements.namedItem(name) as HTMLInputElement;
  }

  _values(): LookupInput {
    return { orderNumber: this._field('orderNumber').value, email: this._field('email').value };
  }

  override componentDidMount() {
    const { submitNow, config, fetch, form } = this.props;
    // The widget checks the fields with the proxy's own rules and says what is wrong its own way.
    form.noValidate = true;
    form.onsubmit = this._submit;
    // One listener for the buttons in the proxy's markup, which Preact does not draw.
    this._out.current?.addEventListener('click', this._click);
    addEventListener('popstate', this._pop);
    if (submitNow) this._run(this._values());
    if (config.signedIn) {
      fetchOrders(fetch, config.proxyPath).then(
        (o) => o.ok && this.setState({ orders: o.value.orders }),
      );
    }
  }

  override componentWillUnmount() {
    removeEventListener('popstate', this._pop);
  }

  _submit = (event: Event) => {
    event.preventDefault();
    if (!this.state.loading) this._run(this._values());
  };

  /** Back from a result shows the form again; Forward shows the result it left. */
  _pop = (event: PopStateEvent) => {
    const name = (event.state as { trackOrder?: string } | null)?.trackOrder;
    const result = name && this._last?.view.order.name === name ? this._last : undefined;
    if (result === this.state.result) return;
    if (!result) this._unhold();
    this._focus = result ? HEADING : this._field('orderNumber');
    this.setState({ result, loading: false });
  };

  /** The page address for a result: `?order=` so Back returns to the form (never the email). */
  _url(order?: string) {
    const url = new URL(location.href);
    if (order) url.searchParams.set('order', order.replace(/^#/, ''));
    else url.searchParams.delete('order');
    return url.href;
  }

  /** The form's host, whose height is held while a lookup runs. */
  _host() {
    return this.props.form.parentElement as HTMLElement;
  }

  _unhold() {
    this._host().style.minBlockSize = '';
  }

  override componentDidUpdate(_props: TrackOrderAppProps, before: State) {
    const { form, strings } = this.props;
    const { errors, loading, result } = this.state;
    const view = result?.view;
    // Tells the loader a timeline was drawn or taken away (it adds recommendations below): a plain
    // callback on the form rather than an event, which costs the chunk fewer bytes.
    if (result !== before.result) (form as ViewListener).trackOrderView?.(view);
    form.hidden = !!view;
    attr(form, 'aria-busy', loading && 'true');
    attr(form.querySelector('[type=submit]'), 'aria-disabled', loading && 'true');
    // Each invalid field says so itself, in a message tied to it, beside the summary.
    for (const name of FIELDS) {
      const input = this._field(name);
      const id = `${input.id}-error`;
      const key = errors[name];
      let note = document.getElementById(id);
      if (key && !note) {
        note = document.createElement('p');
        note.id = id;
        note.className = 'track-order__field-error';
        input.parentElement?.append(note);
      }
      if (key && note) note.textContent = strings[key];
      else note?.remove();
      attr(input, 'aria-invalid', !!key && 'true');
      attr(input, 'aria-describedby', `${input.id}-hint${key ? ` ${id}` : ''}`);
    }
    const live = this._host().querySelector('[role=status]');
    if (live) {
      live.textContent = loading
        ? strings['form.loading']
        : view
          ? interpolate(strings['result.heading'], { name: view.order.name })
          : '';
    }
    const focus = this._focus;
    this._focus = '';
    const target =
      typeof focus === 'string'
        ? focus && this._out.current?.querySelector<HTMLElement>(focus)
        : focus;
    if (target) target.focus();
  }

  /**
   * Looks the order up. The fields are checked by the proxy, with the core rules it applies anyway
   * (it strips invisible characters, reads other digits, finds the number in pasted text): the
   * widget does not ship those rules, and shows the proxy's field issues as its own.
   */
  _run = async (values: LookupInput) => {
    const { config, fetch } = this.props;
    const errors: FieldErrors = {};
    // Holds the current height so the result or an error never makes the page below jump up.
    const host = this._host();
    host.style.minBlockSize = `${host.offsetHeight}px`;
    this.setState({ errors, loading: true, failure: undefined });
    const outcome = await lookupOrder(
      fetch,
      config.proxyPath,
      values,
      config.locale,
      config.result,
    );
    if (outcome.ok) {
      const result = outcome.value;
      const name = result.view.order.name;
      this._focus = HEADING;
      this._last = result;
      history.pushState({ trackOrder: name }, '', this._url(name));
      this.setState({ loading: false, result });
    } else {
      const failure = outcome.failure;
      const errors = fieldErrorsFrom(failure);
      // Invalid fields: focus goes to the summary that lists them.
      if (errors.orderNumber || errors.email) this._focus = HEADING;
      this.setState({ errors, loading: false, failure });
    }
  };

  _reset = () => {
    this._unhold();
    history.replaceState(null, '', this._url());
    const order = this._field('orderNumber');
    order.value = '';
    this._focus = order;
    this.setState({ result: undefined });
  };

  /**
   * The two buttons in the proxy's timeline: copy a tracking number (`data-copy`), and show or
   * hide the older events (`data-label` holds the other label; the hidden ones are `data-more`).
   */
  _click = (event: MouseEvent) => {
    const button = (event.target as Element).closest('button');
    const data = button?.dataset;
    if (!button || !data) return;
    if (data.copy) {
      this.props.copy?.(data.copy).then(
        () => {
          button.textContent = this.props.strings['result.copied'];
        },
        () => {},
      );
    } else if (data.label) {
      const open = button.getAttribute('aria-expanded') !== 'true';
      button.setAttribute('aria-expanded', `${open}`);
      [button.textContent, data.label] = [data.label, button.textContent ?? ''];
      const list = document.getElementById(button.getAttribute('aria-controls') ?? '');
      for (const item of list?.querySelectorAll<HTMLElement>('[data-more]') ?? []) {
        item.hidden = !open;
      }
    }
  };

  override render(
    { config, strings }: TrackOrderAppProps,
    { errors, result, failure, orders }: State,
  ) {
    const { locale } = config;
    const invalid = FIELDS.filter((k) => errors[k]);
    return (
      <div class="track-order__out" ref={this._out}>
        {result ? (
          <>
            {/* The proxy's own markup, escaped there; the wrapper keeps Preact off its contents. */}
            <div dangerouslySetInnerHTML={{ __html: result.html }} />
            <button type="button" class="track-order__again" onClick={this._reset}>
              {strings['form.track_another']}
            </button>
          </>
        ) : (
          <>
            {invalid.length > 0 && (
              <div class="track-order__summary" role="alert" tabIndex={-1}>
                <p>{strings['form.errors_heading']}</p>
                <ul>
                  {invalid.map((k) => (
                    <li key={k}>
                      <a href={`#${this._field(k).id}`}>{strings[errors[k] as keyof Strings]}</a>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {failure && (
              <ErrorNotice
                {...failure}
                strings={strings}
                locale={locale}
                onRetry={() => this._run(this._values())}
                contactUrl={config.result.contactUrl}
              />
            )}
            {orders && (
              <OrderPicker
                orders={orders}
                strings={strings}
                locale={locale}
                onPick={(name) => this._run({ orderNumber: name, email: '' })}
              />
            )}
          </>
        )}
      </div>
    );
  }
}
