// The result components render on the server (no DOM, no fetch), as the proxy's no-JS page does.
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { renderFormPage, renderTimelinePage } from '../../server/page/no-js-page.js';
import { shipment, strings, VIEWS, view } from '../fixtures.js';
import { ErrorNotice } from './ErrorNotice.js';
import { LookupForm } from './LookupForm.js';
import { TrackingResult } from './TrackingResult.js';

describe('server rendering', () => {
  it('renders a result without browser globals and without a copy button', () => {
    expect(typeof window).toBe('undefined');
    const html = renderToString(
      <TrackingResult view={VIEWS.severalShipments} strings={strings} locale="de" />,
    );
    expect(html).toContain('Shipment 2 of 2');
    expect(html).toContain('aria-current="step"');
    expect(html).not.toContain('track-order__copy');
  });

  it('escapes order and carrier text', () => {
    const html = renderToString(
      <TrackingResult
        view={view([], [shipment({ carrier: { name: '<b>x</b>' } })])}
        strings={strings}
        locale="en"
      />,
    );
    expect(html).toContain('&lt;b>x&lt;/b>');
  });

  it('renders the no-JS form with the field errors, posting to the proxy', () => {
    const html = renderToString(
      <LookupForm
        strings={strings}
        values={{ orderNumber: '1001', email: '' }}
        errors={{ email: 'invalid.email_required' }}
        action="/apps/track/lookup"
        locale="fr"
        returnTo="/pages/track"
      />,
    );
    expect(html).toContain('action="/apps/track/lookup"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).not.toContain('novalidate');
  });

  it('renders an error without a retry button when no handler is given', () => {
    const html = renderToString(
      <ErrorNotice code="upstream_unavailable" strings={strings} locale="en" />,
    );
    expect(html).toContain('temporarily unavailable');
    expect(html).not.toContain('<button');
  });
});

describe('the no-JS page', () => {
  const form = {
    orderNumber: '',
    email: '',
    locale: 'en',
    returnTo: '/pages/track',
  };
  const late = view(
    [{ key: 'placed', state: 'done', at: '2026-11-01T23:30:00Z' }],
    [shipment({ status: 'failure', events: [{ status: 'failure', at: '2026-11-03T23:30:00Z' }] })],
  );

  it.each([
    ['Europe/Oslo', 'Central European Time (Europe/Oslo)', 'Nov 2, 2026', 'Nov 4, 2026, 12:30 AM'],
    ['America/New_York', 'Eastern Time (America/New_York)', 'Nov 1, 2026', 'Nov 3, 2026, 6:30 PM'],
    ['Asia/Tokyo', 'Japan Standard Time (Asia/Tokyo)', 'Nov 2, 2026', 'Nov 4, 2026, 8:30 AM'],
  ])('formats times in the shop’s zone %s and names it', (zone, name, placed, event) => {
    const html = renderTimelinePage(late, { ...form, timeZone: zone }).replace(/\u202f/g, ' ');
    expect(html).toContain(`Times are in ${name}.`);
    expect(html).toContain(placed);
    expect(html).toContain(event);
  });

  it.each([undefined, '', 'Mars/Olympus_Mons'])('uses UTC when the shop’s zone is %s', (zone) => {
    const html = renderTimelinePage(late, { ...form, timeZone: zone });
    expect(html).toContain('Times are in Coordinated Universal Time (UTC).');
    expect(html).toContain('Nov 3, 2026, 11:30');
  });

  it('links a safe contact page and drops an unsafe one', () => {
    const safe = renderTimelinePage(late, { ...form, contactUrl: '/pages/contact' });
    expect(safe).toContain('<a href="/pages/contact">Contact the store</a>');
    expect(safe).toContain('name="contact_url" value="/pages/contact"');
    const unsafe = renderTimelinePage(late, { ...form, contactUrl: 'javascript:x' });
    expect(unsafe).not.toContain('javascript:x"');
    expect(unsafe).not.toContain('Contact the store</a>');
  });

  it('offers the contact page when no order is found', () => {
    const html = renderFormPage(
      { ...form, contactUrl: 'https://help.example.com' },
      { code: 'order_not_found', message: 'x' },
    );
    expect(html).toContain('<a href="https://help.example.com">Contact the store</a>');
  });
});
