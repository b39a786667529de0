import { describe, expect, it } from 'vitest';
import { demoSettings } from './env.js';

const origin = 'http://127.0.0.1:4321';
let n = 0;
const random = () => `r${++n}`;

describe('the demo settings', () => {
  it('point Shopify and Bring at the demo itself when no store is given', () => {
    const { mode, env } = demoSettings(
      { RATE_LIMIT_IP_POINTS: '99' },
      origin,
      random,
      'http://127.0.0.1:4322',
    );
    expect(mode).toBe('local');
    expect(env.SHOPIFY_SHOP).toBeUndefined();
    expect(env.SHOPIFY_APP_URL).toBe('http://127.0.0.1:4322');
    expect(env.SHOPIFY_API_ORIGIN).toBe(origin);
    expect(env.SHOPIFY_CDN_ORIGIN).toBe(origin);
    expect(env.FRAME_ANCESTORS_EXTRA).toBe(origin);
    expect(env.SHOPIFY_API_KEY).toMatch(/^demo-r\d+$/);
    expect(env.BRING_TRACKING_URL).toBe(`${origin}/carriers/bring/tracking.json`);
    expect(env.DHL_TRACKING_URL).toBe(`${origin}/carriers/dhl/track/shipments`);
    expect(env.POSTNORD_TRACKING_URL).toBe(`${origin}/carriers/postnord/findByIdentifier.json`);
    expect(env.SHOPIFY_API_SECRET).toMatch(/^r\d+$/);
    expect(env.RATE_LIMIT_IP_POINTS).toBe('99');
  });

  it("use the developer's store, endpoint and secret when shop and token are set", () => {
    const { mode, env } = demoSettings(
      {
        SHOPIFY_SHOP: 'real.myshopify.com',
        SHOPIFY_ADMIN_TOKEN: 'shpat_x',
        SHOPIFY_API_SECRET: 'mine',
      },
      origin,
      random,
    );
    expect(mode).toBe('store');
    expect(env.SHOPIFY_SHOP).toBe('real.myshopify.com');
    expect(env.SHOPIFY_ADMIN_TOKEN).toBe('shpat_x');
    expect(env.SHOPIFY_ADMIN_ENDPOINT).toBeUndefined();
    expect(env.SHOPIFY_API_SECRET).toBe('mine');
  });

  it('stay local when only the shop is set, so a half-configured store cannot be half used', () => {
    expect(demoSettings({ SHOPIFY_SHOP: 'real.myshopify.com' }, origin, random).mode).toBe('local');
  });
});
