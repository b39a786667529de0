import { describe, expect, it } from 'vitest';
import { CarrierConfigError, carrierConfigFromEnv } from './config.js';

describe('carrierConfigFromEnv', () => {
  it('turns nothing on when no keys are set', () => {
    expect(carrierConfigFromEnv({})).toEqual({});
  });

  it('reads every carrier with its endpoint override', () => {
    const config = carrierConfigFromEnv({
      BRING_API_UID: 'me@shop.example',
      BRING_API_KEY: 'bk',
      BRING_TRACKING_URL: 'http://127.0.0.1:4000/carriers/bring/tracking.json',
      BRING_CLIENT_URL: 'https://shop.example',
      POSTNORD_API_KEY: 'pk',
      POSTNORD_TRACKING_URL: 'https://pn.test/find.json',
      DHL_API_KEY: 'dk',
      DHL_TRACKING_URL: 'https://dhl.test/track/shipments',
      SEVENTEENTRACK_API_KEY: 'sk',
      SEVENTEENTRACK_API_URL: 'https://17.test/track/v2.2',
      CARRIER_TIMEOUT_MS: '1500',
      CARRIER_BUDGET_MS: '3000',
      CARRIER_CACHE_TTL_SECONDS: '0',
      STALLED_AFTER_DAYS: '7',
    });
    expect(config).toEqual({
      bring: {
        uid: 'me@shop.example',
        key: 'bk',
        url: 'http://127.0.0.1:4000/carriers/bring/tracking.json',
        clientUrl: 'https://shop.example/',
      },
      postnord: { key: 'pk', url: 'https://pn.test/find.json' },
      dhl: { key: 'dk', url: 'https://dhl.test/track/shipments' },
      seventeenTrack: { key: 'sk', url: 'https://17.test/track/v2.2' },
      timeoutMs: 1500,
      budgetMs: 3000,
      cacheTtlSeconds: 0,
      stalledAfterDays: 7,
    });
  });

  it('names the shop as Bring’s client URL when none is given', () => {
    const config = carrierConfigFromEnv({
      BRING_API_UID: 'u',
      BRING_API_KEY: 'k',
      SHOPIFY_SHOP: 'demo.myshopify.com',
    });
    expect(config.bring?.clientUrl).toBe('https://demo.myshopify.com/');
  });

  it('treats blank values as unset', () => {
    expect(carrierConfigFromEnv({ DHL_API_KEY: '  ', POSTNORD_TRACKING_URL: '' })).toEqual({});
  });

  it.each([
    ['BRING_TRACKING_URL', 'file:///etc/passwd'],
    ['DHL_TRACKING_URL', 'javascript:alert(1)'],
    ['POSTNORD_TRACKING_URL', 'not a url'],
    ['SEVENTEENTRACK_API_URL', 'https://user:pass@17.test/'],
  ])('refuses %s = %s', (name, value) => {
    expect(() => carrierConfigFromEnv({ [name]: value })).toThrow(CarrierConfigError);
    expect(() => carrierConfigFromEnv({ [name]: value })).toThrow(name);
  });

  it('refuses half a Bring key pair, naming the missing variable', () => {
    expect(() => carrierConfigFromEnv({ BRING_API_UID: 'u' })).toThrow('BRING_API_KEY');
    expect(() => carrierConfigFromEnv({ BRING_API_KEY: 'k' })).toThrow('BRING_API_UID');
  });

  it('refuses time settings that are not sensible whole numbers', () => {
    expect(() => carrierConfigFromEnv({ CARRIER_TIMEOUT_MS: '0' })).toThrow('CARRIER_TIMEOUT_MS');
    expect(() => carrierConfigFromEnv({ STALLED_AFTER_DAYS: '2.5' })).toThrow('STALLED_AFTER_DAYS');
    expect(() => carrierConfigFromEnv({ CARRIER_CACHE_TTL_SECONDS: '-1' })).toThrow(
      'CARRIER_CACHE_TTL_SECONDS',
    );
  });
});
