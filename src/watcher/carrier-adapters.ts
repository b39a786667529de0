// Which carrier adapter polls a shipment for a shop: the shop's own keys (or, in custom-app mode, the env's) and the env's endpoints.
import type { CarrierAdapter } from '../carriers/adapter.js';
import { createBringAdapter } from '../carriers/bring/adapter.js';
import { carrierByCode } from '../carriers/catalogue.js';
import type { CarrierConfig } from '../carriers/config.js';
import { createDhlAdapter } from '../carriers/dhl/adapter.js';
import { DIRECT_ROUTES } from '../carriers/enricher.js';
import { createPostNordAdapter } from '../carriers/postnord/adapter.js';
import { createSeventeenTrackAdapter } from '../carriers/seventeen-track/adapter.js';
import { ConfigError } from '../platform/config-error.js';
import type { CarrierKeys } from './carrier-settings.js';

/**
 * Where each carrier is asked: the carriers' endpoint variables (`BRING_TRACKING_URL`,
 * `BRING_CLIENT_URL`, `POSTNORD_TRACKING_URL`, `DHL_TRACKING_URL`, `SEVENTEENTRACK_API_URL`),
 * which point every shop's adapter at a stand-in in tests and the demo. Undefined: the carrier's
 * real API.
 */
export interface CarrierEndpoints {
  bring?: string;
  bringClientUrl?: string;
  postnord?: string;
  dhl?: string;
  seventeenTrack?: string;
}

type Env = Record<string, string | undefined>;

/**
 * Reads the endpoint variables whether or not the env holds carrier keys (in app mode the keys are
 * each shop's). Throws ConfigError naming a variable that is not an http(s) URL without credentials.
 */
export function carrierEndpointsFromEnv(env: Env): CarrierEndpoints {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    if (!value) return undefined;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError([], [name], `${name} must be an http or https URL`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
      throw new ConfigError([], [name], `${name} must be an http or https URL without credentials`);
    return url.toString();
  };
  const endpoints: CarrierEndpoints = {};
  const set = (key: keyof CarrierEndpoints, name: string) => {
    const value = read(name);
    if (value !== undefined) endpoints[key] = value;
  };
  set('bring', 'BRING_TRACKING_URL');
  set('bringClientUrl', 'BRING_CLIENT_URL');
  set('postnord', 'POSTNORD_TRACKING_URL');
  set('dhl', 'DHL_TRACKING_URL');
  set('seventeenTrack', 'SEVENTEENTRACK_API_URL');
  return endpoints;
}

/** The env's carrier keys as a shop's, for custom-app mode (`effectiveCarrierKeys`). */
export type EnvCarrierKeys = Pick<CarrierConfig, 'bring' | 'postnord' | 'dhl' | 'seventeenTrack'>;

/** Whether `code` is a carrier the catalogue knows: the carrier override accepts only these. */
export function isKnownCarrierCode(code: string): boolean {
  return carrierByCode(code) !== undefined;
}

/** The catalogue's display name of a carrier code, e.g. `bring` → `Bring`. */
export function carrierDisplayName(code: string): string | undefined {
  return carrierByCode(code)?.name;
}

/**
 * The adapter for a carrier code with these keys: the carrier's own API when it has one and the
 * shop gave its keys, else 17TRACK when the shop has a key for it, else undefined (not polled).
 * `shop` is Bring's client URL when none is configured.
 */
export function adapterFor(
  code: string | null | undefined,
  keys: CarrierKeys,
  endpoints: CarrierEndpoints,
  shop: string,
): CarrierAdapter | undefined {
  const route = code ? DIRECT_ROUTES[code] : undefined;
  if (route === 'bring' && keys.bring) {
    return createBringAdapter({
      ...keys.bring,
      ...(endpoints.bring ? { url: endpoints.bring } : {}),
      clientUrl: endpoints.bringClientUrl ?? `https://${shop}`,
    });
  }
  if (route === 'postnord' && keys.postnord) {
    return createPostNordAdapter({
      ...keys.postnord,
      ...(endpoints.postnord ? { url: endpoints.postnord } : {}),
    });
  }
  if (route === 'dhl' && keys.dhl) {
    return createDhlAdapter({ ...keys.dhl, ...(endpoints.dhl ? { url: endpoints.dhl } : {}) });
  }
  if (keys.seventeenTrack) {
    return createSeventeenTrackAdapter({
      ...keys.seventeenTrack,
      ...(endpoints.seventeenTrack ? { url: endpoints.seventeenTrack } : {}),
    });
  }
  return undefined;
}
