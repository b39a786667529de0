// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { shipment, strings, VIEWS, view } from '../fixtures.js';
import { TrackingResult } from './TrackingResult.js';

afterEach(cleanup);

/** The tests' clock: before the fixtures' estimated delivery (5 November 2026). */
const NOW = Date.parse('2026-11-04T12:00:00Z');

const draw = (v = VIEWS.inTransit, extra = {}) =>
  render(<TrackingResult view={v} strings={strings} locale="en" now={NOW} {...extra} />);

describe('TrackingResult', () => {
  it('titles the result with the order name in a focusable heading, inside a labelled region', () => {
    draw();
    const heading = screen.getByRole('heading', { level: 3, name: 'Order #1001' });
    expect(heading.getAttribute('tabindex')).toBe('-1');
    expect(screen.getByRole('region', { name: 'Order #1001' })).toBeTruthy();
  });

  it('draws the milestones as an ordered list, saying each state to screen readers', () => {
    const { container } = draw();
    const list = container.querySelector('ol.track-order__steps') as HTMLOListElement;
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.track-order__step-title')?.textContent)).toEqual([
      'Order placed',
      'Payment',
      'Preparing your order',
      'Shipped',
      'Delivered',
    ]);
    expect(items[1]?.textContent).toContain('Paid');
    expect(items[0]?.textContent).toContain('Completed');
    expect(items[4]?.textContent).toContain('Not yet');
  });

  it('marks the last step in progress as the current step', () => {
    const { container } = draw(VIEWS.severalShipments);
    const current = container.querySelectorAll('[aria-current="step"]');
    expect(current).toHaveLength(1);
    expect(current[0]?.textContent).toContain('Partly delivered');
  });

  it('shows a shipment with carrier, tracking number, a safe carrier link and the estimated delivery', () => {
    draw();
    expect(screen.getByRole('heading', { level: 4, name: 'Shipment' })).toBeTruthy();
    expect(screen.getByText('In transit', { selector: '.track-order__status' })).toBeTruthy();
    expect(screen.getByText('Bring')).toBeTruthy();
    expect(screen.getByText('370712345678901234')).toBeTruthy();
    const link = screen.getByRole('link', { name: /Track on the carrier's website/ });
    expect(link.getAttribute('href')).toBe('https://tracking.example/370712345678901234');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(link.textContent).toContain('(opens in a new window)');
    const eta = screen.getByText('Estimated delivery').closest('p') as HTMLElement;
    expect(eta.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-05T12:00:00Z');
    expect(eta.querySelector('strong')?.textContent).toMatch(/November/);
  });

  it('drops a tracking link that is not a web address', () => {
    draw(view([], [shipment({ trackingUrl: 'javascript:alert(1)' })]));
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('lists events newest first in a collapsible history, open in the full layout only', () => {
    const { container, unmount } = draw();
    const details = container.querySelector('details') as HTMLDetailsElement;
    expect(details.open).toBe(true);
    expect(details.querySelector('summary')?.textContent).toBe('Tracking history (2)');
    const events = within(details).getAllByRole('listitem');
    expect(events[0]?.textContent).toContain('Sorted');
    expect(events[0]?.textContent).toContain('Oslo, NO');
    expect(events[1]?.textContent).toContain('Label created');
    unmount();
    const compact = draw(VIEWS.inTransit, { layout: 'compact' });
    expect((compact.container.querySelector('details') as HTMLDetailsElement).open).toBe(false);
  });

  it('does not repeat a carrier message that only restates the status', () => {
    const at = '2026-03-10T10:00:00Z';
    const { container } = draw(
      view(
        [],
        [
          shipment({
            status: 'delivered',
            events: [
              { status: 'delivered', at, message: 'DELIVERED', location: 'Bergen' },
              { status: 'in_transit', at, message: 'Left the terminal' },
            ],
          }),
        ],
      ),
    );
    const items = container.querySelectorAll('details li');
    expect(items[0]?.textContent).not.toMatch(/Delivered.*DELIVERED/);
    expect(items[0]?.textContent).toContain('Bergen');
    expect(items[1]?.textContent).toContain('Left the terminal');
  });

  it('numbers several shipments and lists each one its own items', () => {
    draw(VIEWS.severalShipments);
    const cards = screen.getAllByRole('article');
    expect(cards).toHaveLength(2);
    expect(within(cards[0] as HTMLElement).getByRole('heading', { level: 4 }).textContent).toBe(
      'Shipment 1 of 2',
    );
    expect(within(cards[0] as HTMLElement).getByText('Wool socks')).toBeTruthy();
    expect(within(cards[1] as HTMLElement).getByText('Rain jacket')).toBeTruthy();
    expect(
      within(cards[0] as HTMLElement).getByText('Delivered', { selector: 'span' }),
    ).toBeTruthy();
    expect(within(cards[1] as HTMLElement).getByText('PostNord')).toBeTruthy();
  });

  it('hides events and items when the block settings say so', () => {
    const { container } = draw(VIEWS.inTransit, { showEvents: false, showLineItems: false });
    expect(container.querySelector('details')).toBeNull();
    expect(screen.queryByText('Wool socks')).toBeNull();
  });

  it('says a cancelled order was cancelled and marks the step as needing attention', () => {
    const { container } = draw(VIEWS.cancelled);
    expect(screen.getByText('This order was cancelled.')).toBeTruthy();
    const step = container.querySelector('.track-order__step--problem') as HTMLElement;
    expect(step.textContent).toContain('Cancelled');
    expect(step.textContent).toContain('Needs attention');
    expect(step.getAttribute('aria-current')).toBe('step');
  });

  it('shows an on-hold order with its shopper-safe reason', () => {
    draw(VIEWS.onHold);
    expect(screen.getByText('On hold')).toBeTruthy();
    expect(screen.getByText('Waiting for stock')).toBeTruthy();
    expect(screen.getByText(/Not shipped yet/)).toBeTruthy();
    expect(screen.getByText('Items in this order')).toBeTruthy();
  });

  it('shows a scheduled fulfilment with its date in the detail', () => {
    draw(VIEWS.scheduled);
    expect(screen.getByText(/^Scheduled for Dec 1, 2026$/)).toBeTruthy();
  });

  it('says a digital order has nothing to ship, without a shipping step', () => {
    draw(VIEWS.digital);
    expect(screen.getByText('This order has nothing to ship.')).toBeTruthy();
    expect(screen.getByText('Nothing to ship')).toBeTruthy();
    expect(screen.queryByText('Shipped')).toBeNull();
  });

  it('shows a return in progress after delivery', () => {
    const { container } = draw(VIEWS.returning);
    const step = container.querySelector('[aria-current="step"]') as HTMLElement;
    expect(step.textContent).toContain('Return');
    expect(step.textContent).toContain('Return in progress');
    expect(screen.getByText('Delivered', { selector: '.track-order__eta span' })).toBeTruthy();
  });

  it('notes a stalled shipment and unavailable live tracking', () => {
    draw(view([], [shipment({ stalled: true, liveTracking: 'unavailable' })]));
    expect(screen.getByText(/No tracking update for a while/)).toBeTruthy();
    expect(screen.getByText(/Live tracking is unavailable right now/)).toBeTruthy();
  });

  it('draws unknown milestone keys and details as neutral steps with generic words', () => {
    const { container } = draw(
      view([
        { key: 'teleported', state: 'problem' },
        { key: 'payment', state: 'current', detail: 'bartered' },
      ]),
    );
    const items = container.querySelectorAll('.track-order__step');
    expect(items[0]?.className).toContain('track-order__step--neutral');
    expect(items[0]?.textContent).toContain('Order update');
    expect(items[1]?.className).toContain('track-order__step--neutral');
    expect(items[1]?.textContent).toContain('Status updated');
  });

  it('says "Shipped" for a shipment without a carrier status, and "No tracking updates yet" without events', () => {
    draw(view([], [shipment({ status: 'unknown', events: [] })]));
    expect(screen.getByText('Shipped', { selector: '.track-order__status' })).toBeTruthy();
    expect(screen.getByText('No tracking updates yet.')).toBeTruthy();
  });

  it('draws a copy button by the tracking number only when asked (the widget makes it work)', () => {
    const { unmount } = draw();
    expect(screen.queryByRole('button', { name: 'Copy' })).toBeNull();
    unmount();
    draw(VIEWS.inTransit, { copy: true });
    const button = screen.getByRole('button', { name: 'Copy' });
    expect(button.dataset.copy).toBe('370712345678901234');
  });
});

describe('a partly shipped order', () => {
  it('lists the items not shipped yet and shows the shipped step as still in progress', () => {
    const { container } = draw(VIEWS.partlyShipped);
    const waiting = screen.getByText('Not shipped yet').closest('div') as HTMLElement;
    expect(waiting.textContent).toContain('1 ×');
    expect(waiting.textContent).toContain('Enamel camp mug');
    const shipped = container.querySelectorAll('.track-order__step')[3] as HTMLElement;
    expect(shipped.className).toContain('track-order__step--current');
    expect(shipped.textContent).toContain('Some items shipped');
    expect(
      container.querySelector('.track-order__step--done .track-order__step-title')?.textContent,
    ).toBe('Order placed');
  });
});

describe('an estimated delivery that has passed', () => {
  const late = (estimatedDeliveryAt: string, status: 'in_transit' | 'delayed' = 'delayed') =>
    view([], [shipment({ status, estimatedDeliveryAt })]);

  it.each([
    ['an instant', '2026-11-05T12:00:00Z', 'Thursday, November 5'],
    ['a date-only estimate', '2026-11-05', 'Thursday, November 5'],
  ])('says %s was expected and is running late, without the large date', (_, eta, said) => {
    const { container } = draw(late(eta), { now: Date.parse('2026-11-07T10:00:00Z') });
    expect(container.querySelector('.track-order__eta')).toBeNull();
    expect(
      screen.getByText(`Expected on ${said}. It is running late; sorry for the wait.`),
    ).toBeTruthy();
  });

  it('still shows today’s estimate as expected', () => {
    const { container } = draw(late('2026-11-05', 'in_transit'), {
      now: Date.parse('2026-11-05T22:00:00Z'),
      timeZone: 'UTC',
    });
    expect(container.querySelector('.track-order__eta strong')?.textContent).toBe(
      'Thursday, November 5',
    );
    expect(screen.queryByText(/running late/)).toBeNull();
  });

  it('judges "passed" by the day in the zone shown', () => {
    // 23:30 on 5 November in New York is already 6 November in UTC.
    const props = { now: Date.parse('2026-11-06T04:30:00Z') };
    const ny = draw(late('2026-11-05T15:00:00Z', 'in_transit'), {
      ...props,
      timeZone: 'America/New_York',
    });
    expect(ny.container.querySelector('.track-order__eta')).not.toBeNull();
    ny.unmount();
    const utc = draw(late('2026-11-05T15:00:00Z', 'in_transit'), { ...props, timeZone: 'UTC' });
    expect(utc.container.querySelector('.track-order__eta')).toBeNull();
  });
});

describe('bad news', () => {
  const contactUrl = '/pages/contact';
  it.each([
    ['failure', /could not deliver this parcel/],
    ['attempted_delivery', /tried to deliver this parcel/],
    ['returned_to_sender', /on its way back to the store/],
    ['cancelled', /This shipment was cancelled/],
  ] as const)('explains a %s shipment and links the store’s contact page', (status, said) => {
    const { container } = draw(view([], [shipment({ status })]), { contactUrl });
    const help = screen.getByText(said);
    expect(within(help).getByRole('link', { name: 'Contact the store' }).getAttribute('href')).toBe(
      contactUrl,
    );
    // A failed delivery shows no estimate as if it were still coming.
    expect(container.querySelector('.track-order__eta')).toBeNull();
  });

  it.each(['voided', 'expired'])('explains a %s payment', (detail) => {
    draw(view([{ key: 'payment', state: 'problem', detail }]), { contactUrl });
    expect(screen.getByText(/payment did not go through/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Contact the store' })).toBeTruthy();
  });

  it('offers help with a cancelled order', () => {
    draw(VIEWS.cancelled, { contactUrl });
    expect(screen.getByText(/Questions about the cancellation/)).toBeTruthy();
  });

  it('still explains without a contact page, and offers no link', () => {
    draw(view([], [shipment({ status: 'failure' })]));
    expect(screen.getByText(/could not deliver this parcel/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Contact the store' })).toBeNull();
  });

  it('shows no help for good news', () => {
    draw(VIEWS.inTransit, { contactUrl });
    expect(screen.queryByRole('link', { name: 'Contact the store' })).toBeNull();
  });
});

describe('a long history', () => {
  it('shows the latest five events, hides the rest, and draws a button for all of them', () => {
    const { container } = draw(VIEWS.longHistory, { fewEvents: 5 });
    const shown = () => container.querySelectorAll('details ol li:not([hidden])');
    expect(shown()).toHaveLength(5);
    expect(shown()[0]?.textContent).toContain('Scan 62');
    const more = container.querySelectorAll('details ol li[hidden]');
    expect(more).toHaveLength(57);
    // The widget shows them by the mark; the button holds the label it then says.
    for (const item of more) expect(item.hasAttribute('data-more')).toBe(true);
    const button = screen.getByRole('button', { name: 'Show all 62 events' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.dataset.label).toBe('Show fewer events');
    const listId = button.getAttribute('aria-controls') as string;
    expect(container.querySelector(`#${listId}`)?.tagName).toBe('OL');
  });

  it('shows every event, without a button, when not asked to shorten (the no-JS page)', () => {
    const { container } = draw(VIEWS.longHistory);
    expect(container.querySelectorAll('details ol li')).toHaveLength(62);
    expect(screen.queryByRole('button', { name: /Show all/ })).toBeNull();
  });

  it('draws no button when the history is short', () => {
    draw(VIEWS.inTransit, { fewEvents: 5 });
    expect(screen.queryByRole('button', { name: /Show all/ })).toBeNull();
  });
});
