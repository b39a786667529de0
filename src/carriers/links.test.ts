import { describe, expect, it } from 'vitest';
import { CARRIERS } from './catalogue.js';
import { trackingLink } from './links.js';

describe('trackingLink', () => {
  const linked = CARRIERS.filter((carrier) => carrier.link).map((carrier) => [carrier.code]);

  it('knows the public tracking page of the carriers shoppers meet most', () => {
    expect(linked.length).toBeGreaterThanOrEqual(35);
  });

  it.each(linked)('builds an https link for %s', (code) => {
    const link = trackingLink(code, 'AB 123');
    expect(link).toBeDefined();
    const url = new URL(link ?? '');
    expect(url.protocol).toBe('https:');
    expect(link).toContain('AB123');
  });

  it('URL-encodes the tracking number', () => {
    expect(trackingLink('bring', 'A/B?C')).toBe('https://tracking.bring.com/tracking/A%2FB%3FC');
  });

  it('gives no link for a recognised carrier whose tracking page we do not know', () => {
    const unlinked = CARRIERS.find((carrier) => !carrier.link);
    expect(unlinked).toBeDefined();
    expect(trackingLink(unlinked?.code, '123')).toBeUndefined();
  });

  it('gives no link for an unknown carrier or an empty number', () => {
    expect(trackingLink(undefined, '123')).toBeUndefined();
    expect(trackingLink('pigeon_post', '123')).toBeUndefined();
    expect(trackingLink('bring', '  ')).toBeUndefined();
  });
});
