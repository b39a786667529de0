// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { strings, VIEWS } from './fixtures.js';
import { mount, setFetch } from './main.js';

// The block's markup as the Liquid renders it (trimmed to what the widget reads).
function block(signedIn = false) {
  document.body.innerHTML = `
    <div class="track-order track-order--compact" data-track-order data-proxy="/nb/apps/track"
      data-locale="nb" data-signed-in="${signedIn}" data-line-items="false" data-events="true">
      <script type="application/json" data-track-order-strings>${JSON.stringify(strings)}</script>
      <div data-track-order-app><div class="track-order__host">
        <form id="TrackOrder-7-form" action="/nb/apps/track/lookup" method="post">
          <input type="hidden" name="locale" value="nb"><input type="hidden" name="return_to" value="/pages/spor">
          <div><label for="TrackOrder-7-order">Order number</label><input id="TrackOrder-7-order" name="orderNumber"><p></p></div>
          <div><label for="TrackOrder-7-email">Email</label><input id="TrackOrder-7-email" name="email"><p></p></div>
          <button type="submit"><span>Track order</span></button>
        </form>
        <div role="status" aria-live="polite"></div>
      </div></div>
    </div>`;
  return document.querySelector('[data-track-order]') as HTMLElement;
}

/** What the proxy draws (its own test covers how); the widget puts it in as it comes. */
const RESULT =
  '<section class="track-order__result" aria-labelledby="TrackOrder-7-result">' +
  '<h3 class="track-order__result-title" id="TrackOrder-7-result" tabindex="-1">Order #1001</h3></section>';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('mount', () => {
  it('takes over the form in place, keeping what the shopper typed and where the caret was', () => {
    const root = block();
    const order = document.getElementById('TrackOrder-7-order') as HTMLInputElement;
    const form = root.querySelector('form');
    order.value = '1001';
    order.focus();
    order.setSelectionRange(2, 2);
    expect(mount(root)).toBe(true);
    // The very same elements: nothing re-drawn, so value, focus and caret stay.
    expect(root.querySelector('form')).toBe(form);
    const after = screen.getByLabelText('Order number') as HTMLInputElement;
    expect(after).toBe(order);
    expect(after.value).toBe('1001');
    expect(document.activeElement).toBe(after);
    expect(after.selectionStart).toBe(2);
    expect(root.querySelector('form')?.hasAttribute('novalidate')).toBe(true);
    expect(root.querySelectorAll('form')).toHaveLength(1);
  });

  it('looks the order up through the injected fetch with the block settings', async () => {
    const root = block();
    (root.querySelector('[name=orderNumber]') as HTMLInputElement).value = '1001';
    (root.querySelector('[name=email]') as HTMLInputElement).value = 'a@example.com';
    const urls: string[] = [];
    const bodies: unknown[] = [];
    setFetch(async (url, init) => {
      urls.push(url);
      bodies.push(JSON.parse(String(init?.body)));
      return new Response(JSON.stringify({ view: VIEWS.inTransit, html: RESULT }), {
        status: 200,
      });
    });
    mount(root, { submit: true });
    await screen.findByRole('heading', { name: 'Order #1001' });
    expect(urls).toEqual(['/nb/apps/track/lookup']);
    // data-line-items="false" hides the items; the compact layout closes the history; the times
    // are the shopper's own.
    expect(bodies).toEqual([
      {
        orderNumber: '1001',
        email: 'a@example.com',
        locale: 'nb',
        html: {
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          showLineItems: false,
          showEvents: true,
          layout: 'compact',
          idPrefix: 'TrackOrder-7',
        },
      },
    ]);
    expect(root.querySelector('.track-order__result')?.outerHTML).toBe(RESULT);
  });

  it("asks a signed-in customer's orders from the proxy", async () => {
    const urls: string[] = [];
    setFetch(async (url) => {
      urls.push(url);
      return new Response(JSON.stringify({ orders: [] }), { status: 200 });
    });
    mount(block(true));
    await waitFor(() => expect(urls).toEqual(['/nb/apps/track/orders']));
    expect(await screen.findByText('You have no recent orders.')).toBeTruthy();
  });

  it('refuses a block without its strings, leaving the native form alone', () => {
    const root = block();
    root.querySelector('[data-track-order-strings]')?.remove();
    expect(mount(root)).toBe(false);
    expect(root.querySelector('form')?.hasAttribute('novalidate')).toBe(false);
  });
});
