import { describe, expect, it } from 'vitest';
import { CARRIERS } from './catalogue.js';
import { identifyCarrier } from './identify.js';

describe('identifyCarrier from the tracking number when Shopify names no company', () => {
  // Real formats with valid check digits (S10 weights 8,6,4,2,3,5,9,7; GS1 mod 10; UPS, FedEx,
  // USPS and DHL by the rules of the tracking-number library).
  const table: ReadonlyArray<[string, string, string | undefined]> = [
    ['Bring shipment number (GSIN, GS1 prefix 70)', '70438101015432113', 'bring'],
    ['Bring package number (SSCC 370…)', '370722150000123458', 'bring'],
    ['Bring package number behind the 00 identifier', '00370722150000123458', 'bring'],
    ['Bring documented test number', 'TESTPACKAGEDELIVERED', 'bring'],
    ['Posten Norge S10', 'EE704512344NO', 'posten_norge'],
    ['PostNord Sweden S10', 'RR128946732SE', 'postnord'],
    ['PostNord Denmark S10', 'CP382910471DK', 'postnord'],
    ['PostNord Finland S10', 'RA502188333FI', 'postnord'],
    ['Royal Mail S10', 'RB903167242GB', 'royal_mail'],
    ['USPS S10', 'EA102938478US', 'usps'],
    ['Deutsche Post S10', 'RR729461538DE', 'deutsche_post'],
    ['La Poste S10', 'LA617283948FR', 'la_poste'],
    ['PostNL S10', 'RN448219374NL', 'postnl'],
    ['Canada Post S10', 'CA827193641CA', 'canada_post'],
    ['Australia Post S10', 'RA319472858AU', 'australia_post'],
    ['Japan Post S10', 'EJ573029180JP', 'japan_post'],
    ['Correos S10', 'PQ183729455ES', 'correos'],
    ['UPS 1Z', '1Z5R89390357567127', 'ups'],
    ['UPS 1Z printed with spaces', '1Z 5R8 939 0357 567 127', 'ups'],
    ['USPS IMpb', '9400111202555842332669', 'usps'],
    ['FedEx Express 12 digits', '986578788855', 'fedex'],
    ['DHL Express waybill (mod 7)', '3318810025', 'dhl_express'],
    ['DHL Express piece ID', 'JJD0099999999', 'dhl_express'],
    ['DHL eCommerce', 'GM2951173225174494', 'dhl_ecommerce'],
    ['S10 with a wrong check digit', 'EE704512345NO', undefined],
    ['S10 from a country we do not map', 'RZ123456785BR', undefined],
    ['Bring-like shipment number with a wrong check digit', '70438101015432114', undefined],
    ['free text', 'not a number', undefined],
  ];

  it.each(table)('recognises %s (%s)', (_label, trackingNumber, code) => {
    expect(identifyCarrier({ company: null, trackingNumber })?.code).toBe(code);
  });

  it('gives a recognised number the carrier display name', () => {
    expect(identifyCarrier({ trackingNumber: '70438101015432113' })).toEqual({
      name: 'Bring',
      code: 'bring',
    });
  });

  it('treats a placeholder company like "Other" as empty', () => {
    expect(identifyCarrier({ company: 'Other', trackingNumber: 'RB903167242GB' })?.code).toBe(
      'royal_mail',
    );
  });

  it('returns nothing without a company or a number', () => {
    expect(identifyCarrier({})).toBeUndefined();
  });
});

describe('identifyCarrier from Shopify company names', () => {
  const table: ReadonlyArray<[string, string]> = [
    ['Bring', 'bring'],
    ['Posten Norge', 'posten_norge'],
    ['PostNord SE', 'postnord'],
    ['PostNord DK', 'postnord'],
    ['PostNord NO', 'postnord'],
    ['DHL Express', 'dhl_express'],
    ['DHL eCommerce', 'dhl_ecommerce'],
    ['DHL eCommerce Asia', 'dhl_ecommerce'],
    ['Deutsche Post', 'deutsche_post'],
    ['UPS', 'ups'],
    ['USPS', 'usps'],
    ['FedEx', 'fedex'],
    ['Royal Mail', 'royal_mail'],
    ['Evri', 'evri'],
    ['DPD', 'dpd'],
    ['DPD UK', 'dpd_uk'],
    ['DPD Local', 'dpd_uk'],
    ['GLS', 'gls'],
    ['PostNL', 'postnl'],
    ['La Poste', 'la_poste'],
    ['Colissimo', 'colissimo'],
    ['Canada Post', 'canada_post'],
    ['Australia Post', 'australia_post'],
    ['Japan Post (EN)', 'japan_post'],
    ['Japan Post (JA)', 'japan_post'],
    ['Correos', 'correos'],
  ];

  it.each(table)('maps "%s" to %s', (company, code) => {
    expect(identifyCarrier({ company, trackingNumber: '123' })).toEqual({ name: company, code });
  });

  it('matches names regardless of case, spacing and punctuation', () => {
    expect(identifyCarrier({ company: 'BRING' })?.code).toBe('bring');
    expect(identifyCarrier({ company: '  dhl-express ' })?.code).toBe('dhl_express');
    expect(identifyCarrier({ company: 'postnord' })?.code).toBe('postnord');
  });

  it.each([
    ['Village Courier', '1Z5R89390357567127', 'ups'],
    ['Min Kurer AS', '70438101015432113', 'bring'],
    ['Paketdienst', 'RR729461538DE', 'deutsche_post'],
    ['Speedster', '3318810025', 'dhl_express'],
  ])('keeps an unknown name %j and takes the code from the number %s', (company, number, code) => {
    expect(identifyCarrier({ company, trackingNumber: number })).toEqual({ name: company, code });
  });

  it('keeps an unknown name without a code when the number says nothing either', () => {
    expect(identifyCarrier({ company: 'Village Courier', trackingNumber: '12345' })).toEqual({
      name: 'Village Courier',
    });
    expect(identifyCarrier({ company: 'Village Courier' })).toEqual({ name: 'Village Courier' });
  });

  it('takes bare "Hermes" (Shopify lists it for Germany) for Hermes Germany, not Evri', () => {
    expect(identifyCarrier({ company: 'Hermes' })?.code).toBe('hermes_de');
  });

  it.each([
    ['Portal PostNord', 'postnord'],
    ['Deutsche Post (DE)', 'deutsche_post'],
    ['Deutsche Post (EN)', 'deutsche_post'],
    ['Amazon', 'amazon'],
    ['Amazon Logistics UK', 'amazon'],
    ['La Poste Colissimo', 'colissimo'],
    ['La Poste Burkina Faso', 'la_poste_burkina_faso'],
    ['Zásilkovna', 'packeta'],
    ['西濃運輸', 'seino'],
    ['Yurtiçi Kargo', 'yurtici'],
  ])('maps Shopify’s "%s" to %s', (company, code) => {
    expect(identifyCarrier({ company })?.code).toBe(code);
  });

  it('has no alias claimed by two carriers', () => {
    const aliases = CARRIERS.flatMap((carrier) => carrier.aliases);
    expect(new Set(aliases).size).toBe(aliases.length);
  });
});
