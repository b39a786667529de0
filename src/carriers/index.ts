// Carrier tracking entry point: identifies carriers, adds links and live events to a TrackingView.
export type { CarrierConfig } from './config.js';
export { CarrierConfigError, carrierConfigFromEnv } from './config.js';
export type { CarrierDeps, TrackingEnricher } from './enricher.js';
export { createTrackingEnricher } from './enricher.js';
export { identifyCarrier } from './identify.js';
export { trackingLink } from './links.js';
