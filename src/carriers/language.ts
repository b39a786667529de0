// Which language to ask a carrier for, and which carrier text a shopper gets to see.
import type { TrackingView } from '../contract/tracking-view.js';
import { sameLanguage } from '../core/shopper-language.js';

export interface CarrierLanguage {
  /** The value of the carrier's language parameter. */
  param: string;
  /** The BCP 47 primary subtag the carrier's text will be in, stamped on its events. */
  language: string;
}

/**
 * The shopper's language when the carrier offers it (`offered`: shopper subtag → carrier's
 * parameter value), else English, which every carrier here writes.
 */
export function carrierLanguage(
  shopper: string | undefined,
  offered: Readonly<Record<string, string>>,
): CarrierLanguage {
  const param = shopper ? offered[shopper] : undefined;
  return param && shopper ? { param, language: shopper } : { param: 'en', language: 'en' };
}

/**
 * Drops carrier text the shopper would read in another language (a Norwegian page showing
 * "In transit"); the widget then shows the status wording alone. Text whose language is unknown
 * stays: Shopify's fulfilment event messages are written by the merchant or their shipping app in
 * the shop's language, which is the storefront's, and the widget hides a message that only
 * restates the status. Without a shopper language nothing is dropped.
 */
export function keepShopperLanguage(view: TrackingView, shopper: string | undefined): TrackingView {
  if (!shopper) return view;
  return {
    ...view,
    shipments: view.shipments.map((shipment) => ({
      ...shipment,
      events: shipment.events.map((event) => {
        if (!event.message || !event.messageLanguage) return event;
        if (sameLanguage(event.messageLanguage, shopper)) return event;
        const { message: _dropped, ...rest } = event;
        return rest;
      }),
    })),
  };
}
