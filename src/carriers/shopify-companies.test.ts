import { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadAdminSchema } from '../shopify/admin-schema.js';
import { CARRIERS, carrierByName } from './catalogue.js';
import { identifyCarrier } from './identify.js';
import { trackingLink } from './links.js';

/**
 * Shopify's supported tracking company names, read from where Shopify publishes them: the
 * description of `FulfillmentTrackingInfo.company` in the 2026-10 Admin schema (the global list,
 * then one line per country, wrapped).
 */
function shopifyTrackingCompanies(): { global: string[]; byCountry: string[] } {
  const type = loadAdminSchema().getType('FulfillmentTrackingInfo');
  if (!(type instanceof GraphQLObjectType)) throw new Error('FulfillmentTrackingInfo missing');
  const text = type.getFields().company?.description ?? '';
  const [globalPart = '', countryPart = ''] = text.split('specific countries:');
  const global = [...globalPart.matchAll(/^\s*\* (.+)$/gm)].map((m) => (m[1] ?? '').trim());
  const byCountry = countryPart
    .replace(/\n(?!\s*\*)/g, ' ')
    .split('\n')
    .flatMap((line) => {
      const names = /^\s*\* \*\*[^*]+\*\*:\s*(.+)$/.exec(line)?.[1] ?? '';
      return names.split(',').map((name) => name.trim().replace(/\.$/, ''));
    })
    .filter((name) => name !== '');
  return { global, byCountry };
}

describe("Shopify's whole list of supported tracking companies", () => {
  const { global, byCountry } = shopifyTrackingCompanies();
  const all = [...new Set([...global, ...byCountry])];

  it('is read from the schema in full (the reading can fail)', () => {
    expect(global.length).toBeGreaterThan(100);
    expect(global).toContain('Portal PostNord');
    expect(byCountry).toEqual(expect.arrayContaining(['Deutsche Post (DE)', 'Bring', 'Skynet']));
    expect(byCountry).toContain('Old Dominion');
  });

  it.each(all)('"%s" maps to a carrier code', (company) => {
    const carrier = identifyCarrier({ company, trackingNumber: 'NOT-A-FORMAT' });
    expect(carrier?.name).toBe(company);
    expect(carrier?.code).toMatch(/^[a-z0-9_]+$/);
    expect(carrierByName(company)?.code).toBe(carrier?.code);
  });

  it.each([
    ['Portal PostNord', 'postnord'],
    ['PostNord DK', 'postnord'],
    ['PostNord NO', 'postnord'],
    ['PostNord SE', 'postnord'],
    ['Deutsche Post (DE)', 'deutsche_post'],
    ['Deutsche Post (EN)', 'deutsche_post'],
    ['DHL Express', 'dhl_express'],
    ['DHL eCommerce', 'dhl_ecommerce'],
    ['DHL eCommerce Asia', 'dhl_ecommerce'],
    ['Amazon Logistics UK', 'amazon'],
    ['DPD Local', 'dpd_uk'],
    ['Bring', 'bring'],
  ])('"%s" is %s, with a public tracking link', (company, code) => {
    expect(all).toContain(company);
    expect(carrierByName(company)?.code).toBe(code);
    expect(trackingLink(code, 'RR128946732SE')).toMatch(/^https:\/\//);
  });

  it('gives every carrier a code of its own', () => {
    const codes = CARRIERS.map((carrier) => carrier.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
