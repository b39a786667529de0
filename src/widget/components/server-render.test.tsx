// The result components render on the server (no DOM, no fetch), as the proxy's no-JS page does.
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
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
