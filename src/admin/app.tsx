/// <reference types="@shopify/polaris-types" />
// The merchant's delivery overview in the Shopify admin: board, shipment list, carriers, lookups,
// settings. Plain elements inside Polaris web components, so it reads well before polaris.js loads.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { BOARD_KEYS } from '../overview/board-keys.js';
import {
  type AdminApi,
  type AnalyticsBody,
  ApiError,
  CARRIER_IDS,
  type CarrierRow,
  type OnboardingBody,
  type OverviewBody,
  query,
  type SettingsBody,
  type ShipmentsBody,
} from './api.js';
import type { I18n } from './i18n.js';

export type View = 'board' | 'shipments' | 'carriers' | 'analytics' | 'settings';
export const VIEWS: readonly View[] = ['board', 'shipments', 'carriers', 'analytics', 'settings'];

/** Where the app is: a view and its filters, kept in the URL hash (`#shipments?status=delayed`). */
export interface Route {
  view: View;
  params: Record<string, string>;
}

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const view = (VIEWS as readonly string[]).includes(path) ? (path as View) : 'board';
  return { view, params: Object.fromEntries(new URLSearchParams(search)) };
}

export function routeHref(view: View, params: Record<string, string | undefined> = {}): string {
  return `#${view}${query(params)}`;
}

export interface AppProps {
  api: AdminApi;
  i18n: I18n;
  shop: string;
  apiKey: string;
  route: Route;
  /** Saves a file the browser downloads (a CSV). */
  download?: (blob: Blob, name: string) => void;
}

/** Loads `load()` once per `key`; the state a view renders: loading, error or the data. */
function useData<T>(load: () => Promise<T>, key: string) {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ loading: true });
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) =>
        live &&
        setState({ loading: false, error: error instanceof ApiError ? error.code : 'network' }),
    );
    return () => {
      live = false;
    };
  }, [key, attempt]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}

function Loading({ i18n }: { i18n: I18n }) {
  return (
    <p role="status" aria-live="polite">
      {i18n.t('app.loading')}
    </p>
  );
}

function Failed({ i18n, retry }: { i18n: I18n; retry: () => void }) {
  return (
    <div role="alert">
      <p>{i18n.t('app.error')}</p>
      <s-button onClick={retry}>{i18n.t('app.retry')}</s-button>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <s-section>
      <h2 class="tyo-heading">{title}</h2>
      {children}
    </s-section>
  );
}

function Nav({ i18n, view }: { i18n: I18n; view: View }) {
  return (
    <nav aria-label={i18n.t('app.title')} class="tyo-nav">
      {VIEWS.map((v) => (
        <a key={v} href={routeHref(v)} aria-current={v === view ? 'page' : undefined}>
          {i18n.t(`app.nav.${v}`)}
        </a>
      ))}
    </nav>
  );
}

export function App(props: AppProps) {
  const { i18n, route } = props;
  return (
    <s-page>
      <h1 class="tyo-title">{i18n.t('app.title')}</h1>
      <Nav i18n={i18n} view={route.view} />
      {route.view === 'board' && <Board {...props} />}
      {route.view === 'shipments' && <Shipments {...props} />}
      {route.view === 'carriers' && <Carriers {...props} />}
      {route.view === 'analytics' && <Analytics {...props} />}
      {route.view === 'settings' && <Settings {...props} />}
    </s-page>
  );
}

const PROBLEMS = new Set([
  'stalled',
  'failure',
  'returned_to_sender',
  'attempted_delivery',
  'delayed',
]);

function DateRange({ i18n, params }: { i18n: I18n; params: Record<string, string> }) {
  return (
    <form class="tyo-range" method="get" action="#" onSubmit={(e) => submitTo(e, 'board')}>
      <label>
        {i18n.t('range.from')} <input type="date" name="from" value={params.from ?? ''} />
      </label>
      <label>
        {i18n.t('range.to')} <input type="date" name="to" value={params.to ?? ''} />
      </label>
      <button type="submit">{i18n.t('range.apply')}</button>
    </form>
  );
}

/** A filter form writes its fields into the hash, which re-renders the view. */
function submitTo(event: Event, view: View) {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const params: Record<string, string> = {};
  for (const [key, value] of new FormData(form))
    if (typeof value === 'string' && value) params[key] = value;
  window.location.hash = routeHref(view, params);
}

function Board({ api, i18n, route, shop, apiKey }: AppProps) {
  const range = { from: route.params.from, to: route.params.to };
  const { data, error, loading, retry } = useData(
    () => api.get<OverviewBody>(`/api/overview${query(range)}`),
    JSON.stringify(range),
  );
  const total = data ? Object.values(data.counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <>
      <Section title={i18n.t('board.heading')}>
        <DateRange i18n={i18n} params={route.params} />
        {loading && <Loading i18n={i18n} />}
        {error && <Failed i18n={i18n} retry={retry} />}
        {data && total === 0 && <p>{i18n.t('board.empty')}</p>}
        {data && total > 0 && (
          <ul class="tyo-board">
            {BOARD_KEYS.map((key) => (
              <li key={key}>
                <a
                  href={routeHref('shipments', {
                    ...(key === 'stalled' ? { stalled: 'true' } : { status: key }),
                    ...range,
                  })}
                >
                  <span class="tyo-count" data-count={key}>
                    {i18n.number(data.counts[key] ?? 0)}
                  </span>{' '}
                  <s-badge
                    tone={PROBLEMS.has(key) && (data.counts[key] ?? 0) > 0 ? 'critical' : 'neutral'}
                  >
                    {i18n.t(`status.${key}`)}
                  </s-badge>
                </a>
              </li>
            ))}
          </ul>
        )}
        {data?.oldestUnfulfilledAt && (
          <p>
            {i18n.t('board.oldestWaiting', {
              ago: i18n.daysAgo(
                Math.floor((Date.now() - Date.parse(data.oldestUnfulfilledAt)) / 86_400_000),
              ),
            })}
          </p>
        )}
        <p class="tyo-help">{i18n.t('board.stalledHelp')}</p>
      </Section>
      <Onboarding api={api} i18n={i18n} shop={shop} apiKey={apiKey} />
    </>
  );
}

/** The theme editor link that adds the app's block to a page template (`addAppBlockId`). */
export function addBlockLink(shop: string, apiKey: string): string {
  const search = new URLSearchParams({
    template: 'page',
    addAppBlockId: `${apiKey}/track-order`,
    target: 'newAppsSection',
  });
  return `https://${shop}/admin/themes/current/editor?${search.toString()}`;
}

function Onboarding({
  api,
  i18n,
  shop,
  apiKey,
}: {
  api: AdminApi;
  i18n: I18n;
  shop: string;
  apiKey: string;
}) {
  const { data, error, loading, retry } = useData(
    () => api.get<OnboardingBody>('/api/onboarding'),
    'onboarding',
  );
  const block = data?.block.state;
  const proxy = data?.proxy.state;
  return (
    <Section title={i18n.t('onboarding.heading')}>
      {loading && <Loading i18n={i18n} />}
      {error && <Failed i18n={i18n} retry={retry} />}
      <ul class="tyo-checklist">
        <li data-check="block" data-state={block ?? 'unknown'}>
          {data && (
            <s-badge
              tone={block === 'added' ? 'success' : block === 'missing' ? 'warning' : 'neutral'}
            >
              {i18n.t(
                `onboarding.state.${block === 'added' ? 'done' : block === 'missing' ? 'todo' : 'unknown'}`,
              )}
            </s-badge>
          )}{' '}
          {block === 'added'
            ? i18n.t('onboarding.blockAdded', { theme: data?.block.themeName ?? '' })
            : block === 'missing'
              ? i18n.t('onboarding.blockMissing', { theme: data?.block.themeName ?? '' })
              : i18n.t('onboarding.blockStep')}{' '}
          <a href={addBlockLink(shop, apiKey)} target="_top">
            {i18n.t('onboarding.addBlock')}
          </a>
        </li>
        <li data-check="proxy" data-state={proxy ?? 'unknown'}>
          {data && (
            <s-badge
              tone={
                proxy === 'answering'
                  ? 'success'
                  : proxy === 'not_answering'
                    ? 'warning'
                    : 'neutral'
              }
            >
              {i18n.t(
                `onboarding.state.${proxy === 'answering' ? 'done' : proxy === 'not_answering' ? 'todo' : 'unknown'}`,
              )}
            </s-badge>
          )}{' '}
          {proxy === 'answering'
            ? i18n.t('onboarding.proxyOk')
            : proxy === 'not_answering'
              ? i18n.t('onboarding.proxyFailed')
              : i18n.t('onboarding.proxyStep')}
        </li>
      </ul>
      {data && <s-button onClick={retry}>{i18n.t('onboarding.check')}</s-button>}
    </Section>
  );
}

const STATUS_OPTIONS = [
  ...BOARD_KEYS.filter((k) => k !== 'stalled'),
  'cancelled',
  'unknown',
] as const;

function Shipments({ api, i18n, route, shop, download }: AppProps) {
  const p = route.params;
  const filters = {
    status: p.status,
    carrier: p.carrier,
    country: p.country,
    stalled: p.stalled,
    q: p.q,
    from: p.from,
    to: p.to,
    sort: p.sort,
    dir: p.dir,
  };
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const key = JSON.stringify({ filters, cursor });
  const { data, error, loading, retry } = useData(
    () => api.get<ShipmentsBody>(`/api/shipments${query({ ...filters, cursor })}`),
    key,
  );
  const filterKey = JSON.stringify(filters);
  useEffect(() => setCursors([]), [filterKey]);
  const [exporting, setExporting] = useState(false);
  const exportCsv = useCallback(async () => {
    setExporting(true);
    try {
      const blob = await api.blob(
        `/api/shipments.csv${query({ ...filters, locale: i18n.locale })}`,
      );
      download?.(blob, 'shipments.csv');
    } finally {
      setExporting(false);
    }
  }, [filterKey]);
  const adminOrder = (gid: string) => `https://${shop}/admin/orders/${gid.split('/').pop() ?? ''}`;
  return (
    <Section title={i18n.t('list.heading')}>
      <form class="tyo-filters" method="get" action="#" onSubmit={(e) => submitTo(e, 'shipments')}>
        <label>
          {i18n.t('list.search')} <input type="search" name="q" value={p.q ?? ''} />
        </label>
        <label>
          {i18n.t('list.statusFilter')}{' '}
          <select name="status" value={p.status ?? ''}>
            <option value="">{i18n.t('list.anyStatus')}</option>
            {STATUS_OPTIONS.map((s) => (
              <option key={s} value={s}>
                {i18n.t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {i18n.t('list.carrierFilter')} <input name="carrier" value={p.carrier ?? ''} size={12} />
        </label>
        <label>
          {i18n.t('list.countryFilter')}{' '}
          <input name="country" value={p.country ?? ''} size={3} maxLength={2} />
        </label>
        <label>
          <input type="checkbox" name="stalled" value="true" checked={p.stalled === 'true'} />{' '}
          {i18n.t('list.stalledOnly')}
        </label>
        <label>
          {i18n.t('list.sort')}{' '}
          <select name="sort" value={p.sort ?? 'shippedAt'}>
            <option value="shippedAt">{i18n.t('list.sortShippedAt')}</option>
            <option value="lastActivityAt">{i18n.t('list.sortLastActivityAt')}</option>
            <option value="processedAt">{i18n.t('list.sortProcessedAt')}</option>
          </select>
        </label>
        <label>
          <span class="tyo-visually-hidden">{i18n.t('list.sort')}</span>
          <select name="dir" value={p.dir ?? 'desc'}>
            <option value="desc">{i18n.t('list.newestFirst')}</option>
            <option value="asc">{i18n.t('list.oldestFirst')}</option>
          </select>
        </label>
        <input type="hidden" name="from" value={p.from ?? ''} />
        <input type="hidden" name="to" value={p.to ?? ''} />
        <button type="submit">{i18n.t('list.searchButton')}</button>{' '}
        <a href={routeHref('shipments')}>{i18n.t('list.clear')}</a>
      </form>
      <p>
        <s-button onClick={exportCsv} disabled={exporting}>
          {i18n.t('list.download')}
        </s-button>
      </p>
      {loading && <Loading i18n={i18n} />}
      {error && <Failed i18n={i18n} retry={retry} />}
      {data && data.shipments.length === 0 && <p>{i18n.t('list.empty')}</p>}
      {data && data.shipments.length > 0 && (
        <div class="tyo-scroll">
          <table class="tyo-table">
            <thead>
              <tr>
                <th scope="col">{i18n.t('list.order')}</th>
                <th scope="col">{i18n.t('list.statusColumn')}</th>
                <th scope="col">{i18n.t('list.carrier')}</th>
                <th scope="col">{i18n.t('list.trackingNumber')}</th>
                <th scope="col">{i18n.t('list.lastEvent')}</th>
                <th scope="col">{i18n.t('list.country')}</th>
                <th scope="col">{i18n.t('list.estimated')}</th>
                <th scope="col">{i18n.t('list.days')}</th>
              </tr>
            </thead>
            <tbody>
              {data.shipments.map((s) => {
                const age =
                  s.lastActivityAt === null
                    ? null
                    : Math.floor((Date.now() - Date.parse(s.lastActivityAt)) / 86_400_000);
                return (
                  <tr key={s.id}>
                    <td>
                      <a href={adminOrder(s.orderGid)} target="_top">
                        {s.orderName}
                      </a>
                    </td>
                    <td>
                      <s-badge>{i18n.t(`status.${s.status}`)}</s-badge>
                      {s.stalled && (
                        <>
                          {' '}
                          <s-badge tone="critical">{i18n.t('status.stalled')}</s-badge>
                        </>
                      )}
                    </td>
                    <td>{s.carrierName ?? s.carrierCode ?? ''}</td>
                    <td>
                      {s.trackingNumber && s.trackingUrl ? (
                        <a href={s.trackingUrl} target="_blank" rel="noreferrer">
                          {s.trackingNumber}
                        </a>
                      ) : (
                        (s.trackingNumber ?? '')
                      )}
                    </td>
                    <td>
                      {s.lastEvent?.message ?? s.lastEvent?.status ?? ''}
                      {age !== null && <span class="tyo-age"> ({i18n.daysAgo(age)})</span>}
                    </td>
                    <td>{s.destinationCountryCode ?? ''}</td>
                    <td>{s.estimatedDeliveryAt ? i18n.date(s.estimatedDeliveryAt) : ''}</td>
                    <td>{s.daysInTransit === null ? '' : i18n.number(s.daysInTransit)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {cursors.length > 0 && (
          <s-button onClick={() => setCursors([])}>{i18n.t('list.first')}</s-button>
        )}{' '}
        {data?.nextCursor && (
          <s-button onClick={() => setCursors([...cursors, data.nextCursor ?? ''])}>
            {i18n.t('list.more')}
          </s-button>
        )}
      </p>
    </Section>
  );
}

function Carriers({ api, i18n, route }: AppProps) {
  const range = { from: route.params.from, to: route.params.to };
  const { data, error, loading, retry } = useData(
    () => api.get<{ carriers: CarrierRow[] }>(`/api/carriers${query(range)}`),
    JSON.stringify(range),
  );
  const share = (n: number | null) => (n === null ? '–' : i18n.percent(n));
  const days = (n: number | null) => (n === null ? '–' : i18n.number(n));
  return (
    <Section title={i18n.t('carriers.heading')}>
      {loading && <Loading i18n={i18n} />}
      {error && <Failed i18n={i18n} retry={retry} />}
      {data && data.carriers.length === 0 && <p>{i18n.t('carriers.empty')}</p>}
      {data && data.carriers.length > 0 && (
        <div class="tyo-scroll">
          <table class="tyo-table">
            <thead>
              <tr>
                <th scope="col">{i18n.t('carriers.carrier')}</th>
                <th scope="col">{i18n.t('carriers.country')}</th>
                <th scope="col">{i18n.t('carriers.shipments')}</th>
                <th scope="col">{i18n.t('carriers.median')}</th>
                <th scope="col">{i18n.t('carriers.p90')}</th>
                <th scope="col">{i18n.t('carriers.onTime')}</th>
                <th scope="col">{i18n.t('carriers.exceptions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.carriers.map((c) => (
                <tr key={`${c.carrierCode}|${c.carrierName}|${c.destinationCountryCode}`}>
                  <td>{c.carrierName ?? c.carrierCode ?? i18n.t('carriers.unknownCarrier')}</td>
                  <td>{c.destinationCountryCode ?? '–'}</td>
                  <td>{i18n.number(c.shipments)}</td>
                  <td>{days(c.medianDays)}</td>
                  <td>{days(c.p90Days)}</td>
                  <td>{share(c.onTimeShare)}</td>
                  <td>{share(c.exceptionShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function Analytics({ api, i18n }: AppProps) {
  const { data, error, loading, retry } = useData(
    () => api.get<AnalyticsBody>('/api/analytics'),
    'analytics',
  );
  return (
    <Section title={i18n.t('analytics.heading')}>
      <p class="tyo-help">{i18n.t('analytics.privacy')}</p>
      {loading && <Loading i18n={i18n} />}
      {error && <Failed i18n={i18n} retry={retry} />}
      {data && data.days.length === 0 && <p>{i18n.t('analytics.empty')}</p>}
      {data && data.days.length > 0 && (
        <table class="tyo-table">
          <thead>
            <tr>
              <th scope="col">{i18n.t('analytics.date')}</th>
              <th scope="col">{i18n.t('analytics.found')}</th>
              <th scope="col">{i18n.t('analytics.notFound')}</th>
              <th scope="col">{i18n.t('analytics.total')}</th>
            </tr>
          </thead>
          <tbody>
            {data.days.map((d) => (
              <tr key={d.date}>
                <td>{i18n.date(`${d.date}T12:00:00Z`)}</td>
                <td>{i18n.number(d.found)}</td>
                <td>{i18n.number(d.notFound)}</td>
                <td>{i18n.number(d.found + d.notFound)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function Settings({ api, i18n }: AppProps) {
  const { data, error, loading, retry } = useData(
    () => api.get<SettingsBody>('/api/settings'),
    'settings',
  );
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<SettingsBody | null>(null);
  const shown = saved ?? data;
  const save = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => Number(form.get(name));
    const text = (name: string) => String(form.get(name) ?? '').trim();
    // Only keys typed in are sent: an empty field keeps what is stored (keys are never shown).
    const carriers: Record<string, Record<string, string>> = {};
    if (text('bring-uid') && text('bring-key'))
      carriers.bring = { uid: text('bring-uid'), key: text('bring-key') };
    for (const id of ['postnord', 'dhl', 'seventeenTrack'] as const)
      if (text(`${id}-key`)) carriers[id] = { key: text(`${id}-key`) };
    try {
      const answer = await api.put<SettingsBody>('/api/settings', {
        ...(Object.keys(carriers).length > 0 ? { carriers } : {}),
        writeBack: form.get('writeBack') === 'on',
        stalledAfterDaysByClass: {
          express: value('express'),
          postal: value('postal'),
          other: value('other'),
        },
      });
      if (answer) setSaved(answer);
      setMessage(i18n.t('settings.saved'));
    } catch {
      setMessage(i18n.t('settings.invalid'));
    }
  };
  return (
    <Section title={i18n.t('settings.heading')}>
      <p>{i18n.t('settings.help')}</p>
      {loading && <Loading i18n={i18n} />}
      {error && <Failed i18n={i18n} retry={retry} />}
      {shown && (
        <form onSubmit={save} class="tyo-settings">
          {(['express', 'postal', 'other'] as const).map((k) => (
            <label key={k}>
              {i18n.t(`settings.${k}`)}{' '}
              <input
                type="number"
                name={k}
                min={1}
                max={60}
                step={1}
                required
                value={shown.stalledAfterDaysByClass[k]}
              />{' '}
              {i18n.t('settings.days')}
            </label>
          ))}
          <fieldset>
            <legend>{i18n.t('settings.carriersHeading')}</legend>
            <p>{i18n.t('settings.carriersHelp')}</p>
            {CARRIER_IDS.map((id) => (
              <div key={id}>
                <p>
                  {i18n.t(`settings.carrier.${id}`)}:{' '}
                  {i18n.t(
                    shown.carriers[id].configured
                      ? 'settings.configured'
                      : 'settings.notConfigured',
                  )}
                </p>
                {id === 'bring' && (
                  <label>
                    {i18n.t('settings.uid')}{' '}
                    <input type="text" name="bring-uid" autocomplete="off" />
                  </label>
                )}
                <label>
                  {i18n.t('settings.key')}{' '}
                  <input type="password" name={`${id}-key`} autocomplete="off" />
                </label>
              </div>
            ))}
          </fieldset>
          <label>
            <input type="checkbox" name="writeBack" checked={shown.writeBack} />{' '}
            {i18n.t('settings.writeBack')}
          </label>
          <button type="submit">{i18n.t('settings.save')}</button>
          <p role="status" aria-live="polite">
            {message ?? ''}
          </p>
        </form>
      )}
    </Section>
  );
}
