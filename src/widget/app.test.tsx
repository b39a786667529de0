// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_STATUS, RETRYABLE_CODES, SHOPPER_CODES } from '../contract/codes.js';
import type { TrackingView } from '../contract/tracking-view.js';
import { renderResultHtml } from '../server/page/result-html.js';
import type { FetchLike } from './api.js';
import {
  TrackOrderApp,
  type TrackOrderAppProps,
  type ViewListener,
  type WidgetConfig,
} from './app.js';
import type { LookupInput } from './field-issues.js';
import { strings, VIEWS } from './fixtures.js';

afterEach(cleanup);

const config: WidgetConfig = {
  proxyPath: '/fr/apps/track',
  locale: 'en',
  signedIn: false,
  result: {
    timeZone: 'Europe/Oslo',
    showLineItems: true,
    showEvents: true,
    layout: 'full',
    idPrefix: 'TrackOrder-1',
  },
};

/** The proxy's answer to the widget's lookup: the view and the timeline it draws for it. */
const proxyAnswer = (v: TrackingView, options = config.result) => ({
  view: v,
  html: renderResultHtml(v, options, {
    locale: 'en',
    now: Date.parse('2026-11-04T12:00:00Z'),
    shopTimeZone: undefined,
  }),
});

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

interface Call {
  url: string;
  init?: RequestInit;
}

/** A fetch that records calls and answers from a queue of responders. */
function fakeFetch(...answers: ((call: Call) => Response | Promise<Response>)[]) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call = { url, init };
    calls.push(call);
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected call to ${url}`);
    return answer(call);
  };
  return { fetch, calls };
}

/** The block's Liquid form as the theme renders it (what the widget enhances in place). */
function liquidForm(signedIn: boolean, initial: LookupInput) {
  const field = (name: string, id: string, label: string, hint: string, extra: string) =>
    `<div class="track-order__field"><label class="track-order__label" for="TrackOrder-1-${id}">${label}</label>` +
    `<input class="track-order__input" id="TrackOrder-1-${id}" name="${name}" aria-describedby="TrackOrder-1-${id}-hint" ${extra}>` +
    `<p class="track-order__hint" id="TrackOrder-1-${id}-hint">${hint}</p></div>`;
  document.body.innerHTML = `<div class="track-order__host">
    <form class="track-order__form" action="/fr/apps/track/lookup" method="post" id="TrackOrder-1-form">
      <input type="hidden" name="locale" value="en">
      ${field('orderNumber', 'order', strings['form.order_number'], strings['form.order_number_hint'], 'type="text" required maxlength="40"')}
      ${field('email', 'email', strings['form.email'], strings[signedIn ? 'form.email_optional_hint' : 'form.email_hint'], `type="email" ${signedIn ? '' : 'required'}`)}
      <button class="track-order__submit" type="submit"><span>${strings['form.submit']}</span></button>
    </form>
    <div class="track-order__live" role="status" aria-live="polite"></div>
  </div>`;
  const form = document.querySelector('form') as HTMLFormElement;
  (form.elements.namedItem('orderNumber') as HTMLInputElement).value = initial.orderNumber;
  (form.elements.namedItem('email') as HTMLInputElement).value = initial.email;
  const out = document.createElement('div');
  form.before(out);
  return { form, out };
}

function draw(
  fetch: FetchLike,
  {
    initial = { orderNumber: '', email: '' },
    ...extra
  }: Partial<TrackOrderAppProps> & {
    initial?: LookupInput;
  } = {},
) {
  const props = { config, strings, fetch, ...extra };
  const { form, out } = liquidForm(props.config.signedIn, initial);
  return render(<TrackOrderApp {...props} form={form} />, { container: out });
}

const type = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });

function fillAndSubmit(order = '#1001', email = 'shopper@example.com') {
  type('Order number', order);
  type('Email', email);
  fireEvent.click(screen.getByRole('button', { name: 'Track order' }));
}

describe('TrackOrderApp', () => {
  it('labels both fields and ties each to its hint', () => {
    draw(fakeFetch().fetch);
    const order = screen.getByLabelText('Order number');
    expect(order.getAttribute('aria-describedby')).toBe('TrackOrder-1-order-hint');
    expect(document.getElementById('TrackOrder-1-order-hint')?.textContent).toMatch(/#1001/);
    expect(screen.getByLabelText('Email').getAttribute('type')).toBe('email');
    expect(screen.getByRole('status').getAttribute('aria-live')).toBe('polite');
  });

  it('leaves the checks to the proxy and shows its field issues in a summary and at each field', async () => {
    const body = {
      error: {
        code: 'invalid_input',
        message: 'x',
        fields: [
          { field: 'orderNumber', issue: 'required' },
          { field: 'email', issue: 'invalid_format' },
        ],
      },
    };
    const { fetch, calls } = fakeFetch(() => json(body, 400));
    const { container } = draw(fetch);
    fillAndSubmit('', 'not-an-email');
    expect(container.ownerDocument.querySelector('form')?.noValidate).toBe(true);
    const summary = (await screen.findByText('Please check the following:')).closest(
      '[role=alert]',
    ) as HTMLElement;
    expect(summary.textContent).toContain('Enter your order number.');
    expect(summary.textContent).toContain('Enter an email address like name@example.com.');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const order = screen.getByLabelText('Order number');
    expect(order.getAttribute('aria-invalid')).toBe('true');
    expect(order.getAttribute('aria-describedby')).toBe(
      'TrackOrder-1-order-hint TrackOrder-1-order-error',
    );
    expect(document.getElementById('TrackOrder-1-order-error')?.textContent).toBe(
      'Enter your order number.',
    );
    expect(calls).toHaveLength(1);
    // Fixed and sent again: the marks go.
    const { fetch: next } = fakeFetch(() => json(proxyAnswer(VIEWS.inTransit)));
    cleanup();
    draw(next);
    fillAndSubmit();
    await screen.findByRole('heading', { name: 'Order #1001' });
    expect(document.getElementById('TrackOrder-1-order-error')).toBeNull();
  });

  it('posts JSON to the proxy, shows a busy button and announces the lookup, then the result', async () => {
    let answer: (r: Response) => void = () => {};
    const { fetch, calls } = fakeFetch(() => new Promise<Response>((r) => (answer = r)));
    draw(fetch);
    fillAndSubmit(' #1001 ', ' Shopper@Example.com ');
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Looking up your order…'),
    );
    expect(document.querySelector('form')?.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('button', { name: 'Track order' }).getAttribute('aria-disabled')).toBe(
      'true',
    );
    // The form stays in place while loading, so nothing moves.
    expect(screen.getByLabelText('Order number')).toBeTruthy();
    expect(calls[0]?.url).toBe('/fr/apps/track/lookup');
    expect(calls[0]?.init?.method).toBe('POST');
    // Sent as typed: the proxy trims and checks the fields; the locale picks its strings and lets
    // carriers answer in it; the block's settings and the shopper's zone shape the timeline's HTML.
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({
      orderNumber: ' #1001 ',
      email: 'Shopper@Example.com',
      locale: 'en',
      html: config.result,
    });
    answer(json(proxyAnswer(VIEWS.inTransit)));
    const heading = await screen.findByRole('heading', { name: 'Order #1001' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByRole('status').textContent).toBe('Order #1001');
  });

  it('goes back to an empty order field, focused, on "Track another order"', async () => {
    draw(fakeFetch(() => json(proxyAnswer(VIEWS.inTransit))).fetch);
    fillAndSubmit();
    await screen.findByRole('heading', { name: 'Order #1001' });
    // The form is hidden while the result shows, never re-drawn.
    expect(document.querySelector('form')?.hidden).toBe(true);
    fireEvent.click(await screen.findByRole('button', { name: 'Track another order' }));
    expect(document.querySelector('form')?.hidden).toBe(false);
    const order = (await screen.findByLabelText('Order number')) as HTMLInputElement;
    expect(order.value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(order));
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('shopper@example.com');
  });

  it('looks up at once when the shopper submitted before the widget loaded', async () => {
    const { fetch, calls } = fakeFetch(() => json(proxyAnswer(VIEWS.onHold)));
    draw(fetch, { submitNow: true, initial: { orderNumber: '1001', email: 'a@example.com' } });
    expect(await screen.findByText('Waiting for stock')).toBeTruthy();
    expect(calls).toHaveLength(1);
  });

  const messages: Record<string, RegExp> = {
    invalid_signature: /couldn't verify this request/,
    invalid_input: /check the order number and email/,
    order_not_found: /couldn't find an order with that number and email/,
    not_found: /isn't available at this address/,
    method_not_allowed: /went wrong with the request/,
    payload_too_large: /too long. Shorten it/,
    unsupported_media_type: /went wrong with the request/,
    shop_not_installed: /order tracking is not set up yet/,
    rate_limited: /Too many attempts/,
    upstream_unavailable: /temporarily unavailable/,
    internal_error: /went wrong on our side/,
  };

  it('has a message for every error code a lookup may answer', () => {
    expect(Object.keys(messages).sort()).toEqual([...SHOPPER_CODES].sort());
  });

  for (const code of SHOPPER_CODES) {
    const retryable = RETRYABLE_CODES.includes(code);
    it(`explains ${code} in an alert${retryable ? ' and offers to try again' : ', without a retry button'}`, async () => {
      const body = { error: { code, message: 'proxy text, not shown' } };
      draw(fakeFetch(() => json(body, ERROR_STATUS[code])).fetch);
      fillAndSubmit();
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toMatch(messages[code] as RegExp);
      expect(alert.textContent).not.toContain('proxy text');
      expect(screen.queryByRole('button', { name: 'Try again' }) !== null).toBe(retryable);
    });
  }

  it('tells how long to wait when rate limited, from the body or the Retry-After header', async () => {
    draw(
      fakeFetch(() => json({ error: { code: 'rate_limited', message: 'x', retryAfter: 30 } }, 429))
        .fetch,
    );
    fillAndSubmit();
    expect((await screen.findByRole('alert')).textContent).toContain('try again in 30 seconds');
    cleanup();
    draw(
      fakeFetch(() => new Response('busy', { status: 429, headers: { 'retry-after': '120' } }))
        .fetch,
    );
    fillAndSubmit();
    expect((await screen.findByRole('alert')).textContent).toContain('try again in 2 minutes');
  });

  it('marks the fields the proxy found invalid', async () => {
    const body = {
      error: {
        code: 'invalid_input',
        message: 'x',
        fields: [{ field: 'email', issue: 'too_long' }],
      },
    };
    draw(fakeFetch(() => json(body, 400)).fetch);
    fillAndSubmit();
    await waitFor(() =>
      expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true'),
    );
    expect(screen.getAllByText('That email address is too long.').length).toBeGreaterThan(0);
  });

  it('says the store could not be reached when the network fails, and retries on request', async () => {
    const { fetch, calls } = fakeFetch(
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => json(proxyAnswer(VIEWS.digital)),
    );
    draw(fetch);
    fillAndSubmit();
    expect((await screen.findByRole('alert')).textContent).toMatch(/couldn't reach the store/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('This order has nothing to ship.')).toBeTruthy();
    expect(calls).toHaveLength(2);
  });

  it('treats an answer that is not a tracking view as a failure, not a crash', async () => {
    draw(fakeFetch(() => new Response('<html>theme page</html>', { status: 200 })).fetch);
    fillAndSubmit();
    expect((await screen.findByRole('alert')).textContent).toMatch(/went wrong on our side/);
  });

  it('lets a signed-in customer pick a recent order and track it without an email', async () => {
    const orders = {
      orders: [
        {
          name: '#1002',
          processedAt: '2026-11-03T10:00:00Z',
          cancelled: false,
          financialStatus: 'PAID',
          fulfillmentStatus: 'FULFILLED',
        },
      ],
    };
    const { fetch, calls } = fakeFetch(
      () => json(orders),
      () =>
        json(
          proxyAnswer({ ...VIEWS.inTransit, order: { ...VIEWS.inTransit.order, name: '#1002' } }),
        ),
    );
    draw(fetch, { config: { ...config, signedIn: true } });
    expect(screen.getByLabelText('Email').hasAttribute('required')).toBe(false);
    expect(screen.getByText('Not needed for orders placed with your account.')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Your recent orders' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /#1002/ }));
    expect(await screen.findByRole('heading', { name: 'Order #1002' })).toBeTruthy();
    expect(calls[0]?.url).toBe('/fr/apps/track/orders');
    expect(JSON.parse(String(calls[1]?.init?.body))).toEqual({
      orderNumber: '#1002',
      email: '',
      locale: 'en',
      html: config.result,
    });
  });
});

describe('the contact page on "not found"', () => {
  it('is linked from the alert when the block has one', async () => {
    const body = { error: { code: 'order_not_found', message: 'x' } };
    draw(fakeFetch(() => json(body, 404)).fetch, {
      config: { ...config, result: { ...config.result, contactUrl: '/pages/contact' } },
    });
    fillAndSubmit();
    const alert = await screen.findByRole('alert');
    const link = screen.getByRole('link', { name: 'Contact the store' });
    expect(alert.contains(link)).toBe(true);
    expect(link.getAttribute('href')).toBe('/pages/contact');
  });
});

describe('the Back button', () => {
  afterEach(() => history.replaceState(null, '', '/pages/track'));

  it('adds a history entry with ?order= for a result, and Back returns to the form', async () => {
    history.replaceState(null, '', '/pages/track?utm=mail');
    const before = history.length;
    draw(fakeFetch(() => json(proxyAnswer(VIEWS.inTransit))).fetch);
    fillAndSubmit('#1001', 'shopper@example.com');
    await screen.findByRole('heading', { name: 'Order #1001' });
    expect(history.length).toBe(before + 1);
    expect(location.search).toBe('?utm=mail&order=1001');
    expect(location.href).not.toContain('shopper');

    // What the browser does on Back: the earlier entry, then popstate.
    history.replaceState(null, '', '/pages/track?utm=mail');
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
    const order = (await screen.findByLabelText('Order number')) as HTMLInputElement;
    expect(order.value).toBe('#1001');
    await waitFor(() => expect(document.activeElement).toBe(order));
    expect(screen.queryByRole('heading', { name: 'Order #1001' })).toBeNull();

    // Forward shows the result again without asking the proxy.
    dispatchEvent(new PopStateEvent('popstate', { state: { trackOrder: '#1001' } }));
    const heading = await screen.findByRole('heading', { name: 'Order #1001' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('drops ?order= from the address on "Track another order"', async () => {
    history.replaceState(null, '', '/pages/track');
    draw(fakeFetch(() => json(proxyAnswer(VIEWS.inTransit))).fetch);
    fillAndSubmit();
    fireEvent.click(await screen.findByRole('button', { name: 'Track another order' }));
    expect(location.search).toBe('');
  });

  it('tells the loader of each timeline drawn and taken away (for recommendations)', async () => {
    history.replaceState(null, '', '/pages/track');
    draw(fakeFetch(() => json(proxyAnswer(VIEWS.inTransit))).fetch);
    const form = document.querySelector('form') as ViewListener;
    const seen: (string | undefined)[] = [];
    form.trackOrderView = (view) => seen.push(view?.order.name);
    fillAndSubmit();
    await screen.findByRole('heading', { name: 'Order #1001' });
    expect(seen).toEqual(['#1001']);
    fireEvent.click(screen.getByRole('button', { name: 'Track another order' }));
    await waitFor(() => expect(seen).toEqual(['#1001', undefined]));
  });
});

describe('the timeline the proxy draws', () => {
  it('inserts it with its focusable heading, and copies a tracking number on request', async () => {
    const copied: string[] = [];
    draw(fakeFetch(() => json(proxyAnswer(VIEWS.inTransit))).fetch, {
      copy: async (text) => copied.push(text),
    });
    fillAndSubmit();
    const heading = await screen.findByRole('heading', { name: 'Order #1001' });
    expect(heading.id).toBe('TrackOrder-1-result');
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
    expect(copied).toEqual(['370712345678901234']);
  });

  it('says nothing was copied when copying fails', async () => {
    draw(fakeFetch(() => json(proxyAnswer(VIEWS.inTransit))).fetch, {
      copy: () => Promise.reject(new Error('denied')),
    });
    fillAndSubmit();
    fireEvent.click(await screen.findByRole('button', { name: 'Copy' }));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByRole('button', { name: 'Copied' })).toBeNull();
  });

  it('shows the latest five events, then all of them and fewer again, keeping focus on the button', async () => {
    draw(fakeFetch(() => json(proxyAnswer(VIEWS.longHistory))).fetch);
    fillAndSubmit();
    await screen.findByRole('heading', { name: 'Order #1001' });
    const shown = () => document.querySelectorAll('details ol li:not([hidden])');
    expect(shown()).toHaveLength(5);
    const button = screen.getByRole('button', { name: 'Show all 62 events' });
    button.focus();
    fireEvent.click(button);
    expect(shown()).toHaveLength(62);
    expect(shown()[61]?.textContent).toContain('Scan 1');
    const fewer = screen.getByRole('button', { name: 'Show fewer events' });
    expect(fewer).toBe(button);
    expect(fewer.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(fewer);
    fireEvent.click(fewer);
    expect(shown()).toHaveLength(5);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.textContent).toBe('Show all 62 events');
  });

  it('draws it by the block settings it sent', async () => {
    const result = { ...config.result, showEvents: false, showLineItems: false };
    draw(fakeFetch(() => json(proxyAnswer(VIEWS.inTransit, result))).fetch, {
      config: { ...config, result },
    });
    fillAndSubmit();
    await screen.findByRole('heading', { name: 'Order #1001' });
    expect(document.querySelector('.track-order__events')).toBeNull();
    expect(document.querySelector('.track-order__items')).toBeNull();
  });
});
