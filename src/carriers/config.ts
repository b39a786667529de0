// Carrier settings from the environment: which live adapters are on, their endpoints, time limits.

export interface CarrierConfig {
  bring?: { uid: string; key: string; url?: string; clientUrl?: string };
  postnord?: { key: string; url?: string };
  dhl?: { key: string; url?: string };
  seventeenTrack?: { key: string; url?: string };
  /** Per-carrier request limit (CARRIER_TIMEOUT_MS, default 2500). */
  timeoutMs?: number;
  /** Limit for all carrier work in one lookup (CARRIER_BUDGET_MS, default 4000). */
  budgetMs?: number;
  /** How long a live answer is reused (CARRIER_CACHE_TTL_SECONDS, default 300; 0 turns caching off). */
  cacheTtlSeconds?: number;
  /** Days without news before an undelivered shipment is stalled (STALLED_AFTER_DAYS, default 5). */
  stalledAfterDays?: number;
}

export class CarrierConfigError extends Error {
  override readonly name = 'CarrierConfigError';

  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

export function carrierConfigFromEnv(env: Env): CarrierConfig {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const url = (name: string) => {
    const value = read(name);
    return value === undefined ? undefined : httpUrl(name, value);
  };
  const config: CarrierConfig = {};

  const bringUid = read('BRING_API_UID');
  const bringKey = read('BRING_API_KEY');
  const bringUrl = url('BRING_TRACKING_URL');
  const shop = read('SHOPIFY_SHOP');
  const clientUrl =
    url('BRING_CLIENT_URL') ?? (shop ? httpUrl('SHOPIFY_SHOP', `https://${shop}`) : undefined);
  if (bringUid && !bringKey)
    throw new CarrierConfigError('BRING_API_KEY', 'is required with BRING_API_UID');
  if (bringKey && !bringUid)
    throw new CarrierConfigError('BRING_API_UID', 'is required with BRING_API_KEY');
  if (bringUid && bringKey) {
    config.bring = { uid: bringUid, key: bringKey };
    if (bringUrl) config.bring.url = bringUrl;
    if (clientUrl) config.bring.clientUrl = clientUrl;
  }

  const keyed = (keyName: string, urlName: string) => {
    const key = read(keyName);
    const endpoint = url(urlName);
    if (!key) return undefined;
    return endpoint ? { key, url: endpoint } : { key };
  };
  const postnord = keyed('POSTNORD_API_KEY', 'POSTNORD_TRACKING_URL');
  if (postnord) config.postnord = postnord;
  const dhl = keyed('DHL_API_KEY', 'DHL_TRACKING_URL');
  if (dhl) config.dhl = dhl;
  const seventeenTrack = keyed('SEVENTEENTRACK_API_KEY', 'SEVENTEENTRACK_API_URL');
  if (seventeenTrack) config.seventeenTrack = seventeenTrack;

  const timeoutMs = whole(read, 'CARRIER_TIMEOUT_MS', 1, 60_000);
  if (timeoutMs !== undefined) config.timeoutMs = timeoutMs;
  const budgetMs = whole(read, 'CARRIER_BUDGET_MS', 1, 120_000);
  if (budgetMs !== undefined) config.budgetMs = budgetMs;
  const cacheTtlSeconds = whole(read, 'CARRIER_CACHE_TTL_SECONDS', 0, 86_400);
  if (cacheTtlSeconds !== undefined) config.cacheTtlSeconds = cacheTtlSeconds;
  const stalledAfterDays = whole(read, 'STALLED_AFTER_DAYS', 1, 365);
  if (stalledAfterDays !== undefined) config.stalledAfterDays = stalledAfterDays;
  return config;
}

/** Endpoint overrides receive the carrier key, so only plain web URLs are accepted. */
function httpUrl(name: string, value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new CarrierConfigError(name, 'must be an http or https URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CarrierConfigError(name, 'must be an http or https URL');
  }
  if (parsed.username || parsed.password) {
    throw new CarrierConfigError(name, 'must not contain credentials');
  }
  return parsed.toString();
}

function whole(
  read: (name: string) => string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = read(name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new CarrierConfigError(name, `must be a whole number from ${min} to ${max}`);
  }
  return number;
}
