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

export type Phase =
  | { kind: 'form' }
  | { kind: 'loading' }
  | { kind: 'result'; view: TrackingView }
  | { kind: 'failed'; failure: Failure };

interface State {
  values: LookupInput;
  errors: FieldErrors;
  phase: Phase;
  orders?: OrderListItem[];
}

type FocusTarget = 'result' | 'summary' | 'order' | undefined;

function fieldErrorsFrom(failure: Failure): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of failure.fields ?? []) {
    const key = issueKey(f.field, f.issue);
    if (key && (f.field === 'orderNumber' || f.field === 'email')) errors[f.field] = key;
  }
  return errors;
}

// A class rather than hooks: it keeps the hooks runtime (about 1 KB gzip) out of the chunk.
export class TrackOrderApp extends Component<TrackOrderAppProps, State> {
  heading = createRef<HTMLHeadingElement>();
  summary = createRef<HTMLDivElement>();
  host = createRef<HTMLDivElement>();
  /** Where focus goes after the next render. */
  focusNext: FocusTarget;

  constructor(props: TrackOrderAppProps) {
    super(props);
    this.state = { values: props.initial, errors: {}, phase: { kind: 'form' } };
  }

  override componentDidMount() {
    const { submitNow, initial, config, fetch } = this.props;
    if (submitNow) this.run(initial);
    if (config.signedIn) {
      fetchOrders(fetch, config.proxyPath).then((o) => o.ok && this.setState({ orders: o.value }));
    }
  }

  override componentDidUpdate() {
    const focus = this.focusNext;
    if (!focus) return;
    this.focusNext = undefined;
    const target =
      focus === 'result'
        ? this.heading.current
        : focus === 'summary'
          ? this.summary.current
          : document.getElementById(`${this.props.config.idPrefix}-order`);
    target?.focus();
  }

  run = async (values: LookupInput) => {
    const { config, fetch } = this.props;
    const errors = validateLookup(values, config.signedIn);
    if (errors.orderNumber || errors.email) {
      this.focusNext = 'summary';
      this.setState({ values, errors, phase: { kind: 'form' } });
      return;
    }
    // Holds the current height so the result or an error never makes the page below jump up.
    const el = this.host.current;
    if (el) el.style.minBlockSize = `${el.offsetHeight}px`;
    this.setState({ values, errors, phase: { kind: 'loading' } });
    const outcome = await lookupOrder(fetch, config.proxyPath, values);
    if (outcome.ok) {
      this.focusNext = 'result';
      this.setState({ phase: { kind: 'result', view: outcome.value } });
    } else {
      const errors = fieldErrorsFrom(outcome.failure);
      if (errors.orderNumber || errors.email) this.focusNext = 'summary';
      this.setState({ errors, phase: { kind: 'failed', failure: outcome.failure } });
    }
  };

  reset = () => {
    const el = this.host.current;
    if (el) el.style.minBlockSize = '';
    this.focusNext = 'order';
    this.setState({
      values: { orderNumber: '', email: this.state.values.email },
      phase: { kind: 'form' },
    });
  };

  override render(
    { config, strings, copy }: TrackOrderAppProps,
    { values, errors, phase, orders }: State,
  ) {
    const live =
      phase.kind === 'loading'
        ? strings['form.loading']
        : phase.kind === 'result'
          ? interpolate(strings['result.heading'], { name: phase.view.order.name })
          : '';
    return (
      <div class="track-order__host" ref={this.host}>
        {phase.kind === 'result' ? (
          <>
            <TrackingResult
              view={phase.view}
              strings={strings}
              locale={config.locale}
              showLineItems={config.showLineItems}
              showEvents={config.showEvents}
              layout={config.layout}
              headingRef={this.heading}
              onCopy={copy}
              idPrefix={config.idPrefix}
            />
            <button type="button" class="track-order__again" onClick={this.reset}>
              {strings['form.track_another']}
            </button>
          </>
        ) : (
          <>
            <LookupForm
              strings={strings}
              values={values}
              errors={errors}
              action={`${config.proxyPath}/lookup`}
              locale={config.locale}
              returnTo={config.returnTo}
              signedIn={config.signedIn}
              busy={phase.kind === 'loading'}
              idPrefix={config.idPrefix}
              summaryRef={this.summary}
              onInput={(field, value) =>
                this.setState({ values: { ...this.state.values, [field]: value } })
              }
              onSubmit={(event) => {
                event.preventDefault();
                if (phase.kind !== 'loading') this.run(this.state.values);
              }}
            />
            {phase.kind === 'failed' && (
              <ErrorNotice
                code={phase.failure.code}
                retryAfter={phase.failure.retryAfter}
                strings={strings}
                locale={config.locale}
                onRetry={() => this.run(this.state.values)}
              />
            )}
            {orders && (
              <OrderPicker
                orders={orders}
                strings={strings}
                locale={config.locale}
                onPick={(name) => this.run({ orderNumber: name, email: '' })}
              />
            )}
          </>
        )}
        <div class="track-order__live" role="status" aria-live="polite">
          {live}
        </div>
      </div>
    );
  }
}
