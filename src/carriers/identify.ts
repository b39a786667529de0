// Which carrier carries a shipment: from Shopify's company name, else from the tracking number's format.
import {
  amazon,
  dhl,
  fedex,
  getTracking,
  ontrac,
  type TrackingCourier,
  ups,
  usps,
} from 'ts-tracking-number';
import type { Carrier } from '../contract/tracking-view.js';
import { carrierByCode, carrierByName } from './catalogue.js';
import { hasValidGs1CheckDigit, s10CheckDigit } from './check-digits.js';

export interface IdentifyInput {
  company?: string | null | undefined;
  trackingNumber?: string | null | undefined;
}

/** Names that say nothing about the carrier: treated like an empty company. */
const PLACEHOLDER_NAMES = new Set(['other', 'others', 'unknown', 'none', 'na']);

/** S10 country suffix → the national post that tracks it. Countries not listed stay unknown. */
const S10_POSTS: Readonly<Record<string, string>> = {
  NO: 'posten_norge',
  SE: 'postnord',
  DK: 'postnord',
  FI: 'postnord',
  GB: 'royal_mail',
  US: 'usps',
  DE: 'deutsche_post',
  FR: 'la_poste',
  NL: 'postnl',
  CA: 'canada_post',
  AU: 'australia_post',
  JP: 'japan_post',
  ES: 'correos',
};

// S10 is checked by our own rule (with the country suffix); the library's S10 only says "some post".
const LIBRARY_COURIERS = [ups, usps, fedex, dhl, amazon, ontrac] as unknown as TrackingCourier[];

/** Tracking numbers are printed with spaces or dashes for reading; carriers want them without. */
export function compactTrackingNumber(trackingNumber: string): string {
  return trackingNumber.replace(/[\s-]+/g, '').toUpperCase();
}

/**
 * The carrier by Shopify's company name (any of Shopify's supported names, case and punctuation
 * aside), else by the tracking number's format. A name we do not know keeps the merchant's wording
 * and still gets the code the number shows, so links and live events work for it too.
 */
export function identifyCarrier({ company, trackingNumber }: IdentifyInput): Carrier | undefined {
  const name = company?.trim() ?? '';
  const named = name !== '' && !PLACEHOLDER_NAMES.has(name.toLowerCase());
  const entry = named ? carrierByName(name) : undefined;
  // Shopify's spelling is what the merchant chose, so it stays; only the code is ours.
  if (entry) return { name, code: entry.code };
  const code = trackingNumber
    ? carrierCodeFromNumber(compactTrackingNumber(trackingNumber))
    : undefined;
  const fromNumber = code ? carrierByCode(code) : undefined;
  if (named) return fromNumber ? { name, code: fromNumber.code } : { name };
  return fromNumber ? { name: fromNumber.name, code: fromNumber.code } : undefined;
}

export function carrierCodeFromNumber(number: string): string | undefined {
  return nordicCarrier(number) ?? s10Post(number) ?? libraryCarrier(number);
}

function s10Post(number: string): string | undefined {
  const match = /^[A-Z]{2}(\d{8})(\d)([A-Z]{2})$/.exec(number);
  if (!match) return undefined;
  const [, serial = '', check, country = ''] = match;
  if (s10CheckDigit(serial) !== Number(check)) return undefined;
  return S10_POSTS[country];
}

/**
 * Bring's own numbers: its documented test numbers, 17-digit shipment numbers (GSIN) and
 * 18-digit package numbers (SSCC, optionally behind the "00" application identifier), both under
 * Norway's GS1 prefix 70. PostNord's domestic parcel IDs share GS1 formats with too many other
 * Nordic carriers to be told apart safely; they stay unknown unless they are S10 numbers.
 */
function nordicCarrier(number: string): string | undefined {
  if (/^TESTPACKAGE[A-Z]+$/.test(number)) return 'bring';
  if (/^70\d{15}$/.test(number) && hasValidGs1CheckDigit(number)) return 'bring';
  const sscc = /^(?:00)?(370\d{15})$/.exec(number)?.[1];
  if (sscc && hasValidGs1CheckDigit(sscc)) return 'bring';
  return undefined;
}

function libraryCarrier(number: string): string | undefined {
  const found = getTracking(number, LIBRARY_COURIERS);
  if (!found) return undefined;
  switch (found.courier.code) {
    case 'dhl':
      return /e-?commerce/i.test(found.name) ? 'dhl_ecommerce' : 'dhl_express';
    case 'ups':
    case 'usps':
    case 'fedex':
    case 'amazon':
    case 'ontrac':
      return found.courier.code;
    default:
      return undefined;
  }
}
