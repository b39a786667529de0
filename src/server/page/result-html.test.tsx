// The widget's timeline as the proxy draws it: zone fallbacks, the shortened history, the strings.
import { describe, expect, it } from 'vitest';
import { VIEWS } from '../../widget/fixtures.js';
import { formatDate } from '../../widget/format.js';
import { FEW_EVENTS, renderResultHtml } from './result-html.js';

const NOW = Date.parse('2026-11-04T12:00:00Z');

describe('renderResultHtml', () => {
  it('uses the shopper’s zone, else the shop’s, else UTC', () => {
    // Times near midnight UTC fall on different days in these zones.
    const view = {
      ...VIEWS.inTransit,
      order: { ...VIEWS.inTransit.order, processedAt: '2026-11-01T23:30:00Z' },
    };
    const draw = (timeZone: string | undefined, shopTimeZone: string | undefined) =>
      renderResultHtml(view, { timeZone }, { locale: 'en', now: NOW, shopTimeZone });
    const day = (zone: string) => formatDate(view.order.processedAt, 'en', zone);
    expect(day('Asia/Tokyo')).not.toBe(day('UTC'));
    expect(draw('Asia/Tokyo', 'America/New_York')).toContain(day('Asia/Tokyo'));
    expect(draw('Not/AZone', 'Asia/Tokyo')).toContain(day('Asia/Tokyo'));
    expect(draw(undefined, 'Bad/Zone')).toContain(day('UTC'));
  });

  it('hides all but the latest events and draws the copy button the widget makes work', () => {
    const html = renderResultHtml(
      VIEWS.longHistory,
      {},
      { locale: 'en', now: NOW, shopTimeZone: undefined },
    );
    const items = html.match(/<li[ >]/g)?.length ?? 0;
    const hidden = html.match(/<li hidden data-more/g)?.length ?? 0;
    expect(FEW_EVENTS).toBe(5);
    expect(hidden).toBe(62 - FEW_EVENTS);
    expect(items).toBeGreaterThanOrEqual(62);
    expect(html).toContain('class="track-order__more"');
    expect(html).toContain('class="track-order__copy" data-copy="');
  });

  it('speaks the posted locale, English for one without a strings file', () => {
    const nb = renderResultHtml(
      VIEWS.inTransit,
      {},
      { locale: 'nb', now: NOW, shopTimeZone: undefined },
    );
    const ko = renderResultHtml(
      VIEWS.inTransit,
      {},
      { locale: 'ko', now: NOW, shopTimeZone: undefined },
    );
    expect(nb).toContain('Bestilling #1001');
    expect(ko).toContain('Order #1001');
  });
});
