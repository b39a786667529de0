// The widget's state: form → loading → result or error, with focus and announcements handled.
import { Component, createRef } from 'preact';
import type { OrderListItem, TrackingView } from '../contract/tracking-view.js';
import { type Failure, type FetchLike, fetchOrders, lookupOrder } from './api.js';
import { ErrorNotice } from './components/ErrorNotice.js';
import { LookupForm } from './components/LookupForm.js';
import { OrderPicker } from './components/OrderPicker.js';
import { TrackingResult } from './components/TrackingResult.js';
import { interpolate, type Strings } from './strings.js';
import { type FieldErrors, issueKey, type LookupInput, validateLookup } from './validate.js';

export interface WidgetConfig {
  /** Storefront path of the app proxy, locale prefix included, e.g. `/fr/apps/track`. */
  proxyPath: string;
  locale: string;
  signedIn: boolean;
  showLineItems: boolean;
  showEvents: boolean;
  layout: 'compact' | 'full';
  idPrefix: string;
  returnTo: string;
  /** The store's contact page, already checked (contactHref); offered with bad news and not-found. */
  contactUrl?: string | undefined;
}

export interface TrackOrderAppProps {
  config: WidgetConfig;
  strings: Strings;
  fetch: FetchLike;
  initial: LookupInput;
  /** Looks the order up at once (the shopper submitted before the widget had loaded). */
  submitNow?: boolean;
  copy?: (text: string) => Promise<unknown>;
}

/** The form, while `loading` a busy form, then the result (`view`) or the form with a `failure`. */
interface State {
  values: LookupInput;
  errors: FieldErrors;
  loading?: boolean;
  view?: TrackingView;
  failure?: Failure;
  orders?: OrderListItem[];
}

/** Events shown per shipment before "Show all": long histories would make a phone page very tall. */
const FEW_EVENTS = 5;

// The error summary and the result heading are the only elements made focusable by script.
const HEADING = '[tabindex]';
const ORDER_FIELD = '[name=orderNumber]';

function fieldErrorsFrom(failure: Failure): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of failure.fields ?? []) {
    const key = issueKey(f.field, f.issue);
    if (key) errors[f.field as keyof FieldErrors] = key;
  }
  return errors;
}

// A class rather than hooks: it keeps the hooks runtime (about 1 KB gzip) out of the chunk. Members
// named with a leading `_` are private to the chunk: the build shortens them.
export class TrackOrderApp extends Component<TrackOrderAppProps, State> {
  _host = createRef<HTMLDivElement>();
  /** A selector inside the widget: what takes focus after the next render. */
  _focus = '';

  constructor(props: TrackOrderAppProps) {
    super(props);
    this.state = { values: props.initial, errors: {} };
  }

  /** The last result, shown again when Forward returns to its history entry. */
  _last?: TrackingView;

  override componentDidMount() {
    const { submitNow, initial, config, fetch } = this.props;
    addEventListener('popstate', this._pop);
    if (submitNow) this._run(initial);
    if (config.signedIn) {
      fetchOrders(fetch, config.proxyPath).then(
        (o) => o.ok && this.setState({ orders: o.value.orders }),
      );
    }
  }

  override componentWillUnmount() {
    removeEventListener('popstate', this._pop);
  }

  /** Back from a result shows the form again; Forward shows the result it left. */
  _pop = (event: PopStateEvent) => {
    const name = (event.state as { trackOrder?: string } | null)?.trackOrder;
    const view = name && this._last?.order.name === name ? this._last : undefined;
    if (view === this.state.view) return;
    if (!view) this._unhold();
    this._focus = view ? HEADING : ORDER_FIELD;
    this.setState({ view, loading: false });
  };

  /** The page address for a result: `?order=` so Back returns to the form (never the email). */
  _url(order?: string) {
    const url = new URL(location.href);
    if (order) url.searchParams.set('order', order.replace(/^#/, ''));
    else url.searchParams.delete('order');
    return url.href;
  }

  _unhold() {
    const el = this._host.current;
    if (el) el.style.minBlockSize = '';
  }

  override componentDidUpdate() {
    if (this._focus) this._host.current?.querySelector<HTMLElement>(this._focus)?.focus();
    this._focus = '';
  }

  /** Sets the state and, when the fields are invalid, sends focus to the error summary. */
  _show(state: Partial<State> & { errors: FieldErrors }) {
    if (state.errors.orderNumber || state.errors.email) this._focus = HEADING;
    this.setState(state as State);
  }

  _run = async (values: LookupInput) => {
    const { config, fetch } = this.props;
    const errors = validateLookup(values, config.signedIn);
    if (errors.orderNumber || errors.email) {
      this._show({ values, errors, failure: undefined });
      return;
    }
    // Holds the current height so the result or an error never makes the page below jump up.
    const el = this._host.current;
    if (el) el.style.minBlockSize = `${el.offsetHeight}px`;
    this.setState({ values, errors, loading: true, failure: undefined });
    const outcome = await lookupOrder(fetch, config.proxyPath, values);
    if (outcome.ok) {
      const view = outcome.value;
      this._focus = HEADING;
      this._last = view;
      history.pushState({ trackOrder: view.order.name }, '', this._url(view.order.name));
      this.setState({ loading: false, view });
    } else {
      const failure = outcome.failure;
      this._show({ errors: fieldErrorsFrom(failure), loading: false, failure });
    }
  };

  _reset = () => {
    this._unhold();
    history.replaceState(null, '', this._url());
    this._focus = ORDER_FIELD;
    this.setState({
      values: { orderNumber: '', email: this.state.values.email },
      view: undefined,
    });
  };

  override render(
    { config, strings, copy }: TrackOrderAppProps,
    { values, errors, loading, view, failure, orders }: State,
  ) {
    const { locale } = config;
    const again = () => this._run(this.state.values);
    return (
      <div class="track-order__host" ref={this._host}>
        {view ? (
          <>
            <TrackingResult
              {...config}
              view={view}
              strings={strings}
              onCopy={copy}
              fewEvents={FEW_EVENTS}
            />
            <button type="button" class="track-order__again" onClick={this._reset}>
              {strings['form.track_another']}
            </button>
          </>
        ) : (
          <>
            <LookupForm
              {...config}
              strings={strings}
              values={values}
              errors={errors}
              action={`${config.proxyPath}/lookup`}
              busy={loading}
              onInput={(field, value) =>
                this.setState({ values: { ...this.state.values, [field]: value } })
              }
              onSubmit={(event) => {
                event.preventDefault();
                if (!loading) again();
              }}
            />
            {failure && (
              <ErrorNotice
                {...failure}
                strings={strings}
                locale={locale}
                onRetry={again}
                contactUrl={config.contactUrl}
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
        <div class="track-order__live" role="status" aria-live="polite">
          {loading
            ? strings['form.loading']
            : view
              ? interpolate(strings['result.heading'], { name: view.order.name })
              : ''}
        </div>
      </div>
    );
  }
}
