// Public tracking-page links for recognised carriers, used when Shopify gives no URL.
import { carrierByCode } from './catalogue.js';
import { compactTrackingNumber } from './identify.js';

export function trackingLink(
  carrierCode: string | undefined,
  trackingNumber: string,
): string | undefined {
  if (!carrierCode) return undefined;
  const template = carrierByCode(carrierCode)?.link;
  const number = compactTrackingNumber(trackingNumber);
  if (!template || number === '') return undefined;
  return template.replace('{n}', encodeURIComponent(number));
}
