// GET/PUT /api/settings: the session's shop's settings — carriers' keys (never shown), write-back, stalled thresholds.
import { type Context, Hono } from 'hono';
import type { ShopSettingsRepository } from '../../db/shop-settings.js';
import type { WatchedShipmentsRepository } from '../../db/watched-shipments.js';
import type { OverviewSettingsStore } from '../../overview/settings.js';
import type { EnvCarrierKeys } from '../../watcher/carrier-adapters.js';
import {
  effectiveCarrierKeys,
  parseSettingsPatch,
  type ShopSettings,
  settingsView,
} from '../../watcher/carrier-settings.js';
import {
  patchesThresholds,
  settingsResource,
  thresholdsAfterPatch,
} from '../../watcher/settings-resource.js';
import type { AppEnv } from '../context.js';
import { httpError } from '../http-error.js';
import { jsonResponse } from '../responses.js';
import { type ApiEnv, sessionShop } from './api-shared.js';

/** A settings body is a few keys and numbers; anything bigger is not one. */
const MAX_SETTINGS_BYTES = 8192;

export interface SettingsRouteDeps {
  overview: OverviewSettingsStore;
  shopSettings: ShopSettingsRepository;
  /** The env's carrier keys: in custom-app mode they are that shop's keys. */
  envKeys: EnvCarrierKeys;
  customShop?: string | undefined;
  /** New carrier keys make the shop's watched shipments due at once. */
  watched?: Pick<WatchedShipmentsRepository, 'makeShopDue'>;
}

async function view(deps: SettingsRouteDeps, shop: string, settings?: ShopSettings) {
  const stored = settings ?? (await deps.shopSettings.getShopSettings(shop));
  const mode = shop === deps.customShop ? 'custom-app' : 'app';
  const keys = effectiveCarrierKeys(stored, deps.envKeys, mode);
  return settingsResource(settingsView(stored, keys), await deps.overview.stalledThresholds(shop));
}

/**
 * Reads a JSON body of at most `maxBytes`: 415 unless `application/json`, 413 when larger, 400
 * `invalid_input` (field `body`) when it is not JSON.
 */
export async function readJsonBody(c: Context<ApiEnv>, maxBytes: number): Promise<unknown> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json'))
    throw httpError('unsupported_media_type');
  const text = await c.req.text();
  if (Buffer.byteLength(text) > maxBytes) throw httpError('payload_too_large');
  try {
    return JSON.parse(text);
  } catch {
    throw httpError('invalid_input', { fields: [{ field: 'body', issue: 'invalid_format' }] });
  }
}

export function apiGetSettings(deps: SettingsRouteDeps) {
  return async (c: Context<ApiEnv>): Promise<Response> =>
    jsonResponse(await view(deps, sessionShop(c)));
}

/** Every field optional; answers the settings as saved, or 400 `invalid_input` naming each wrong field. */
export function apiPutSettings(deps: SettingsRouteDeps) {
  return async (c: Context<ApiEnv>): Promise<Response> => {
    const shop = sessionShop(c);
    const parsed = parseSettingsPatch(await readJsonBody(c, MAX_SETTINGS_BYTES));
    if (!parsed.ok) {
      throw httpError('invalid_input', {
        fields: parsed.fields.map((field) => ({ field, issue: 'invalid_format' })),
      });
    }
    const { stalledAfterDays: _all, stalledAfterDaysByClass: _byClass, ...rest } = parsed.patch;
    const saved = await deps.shopSettings.updateShopSettings(shop, rest);
    if (rest.carriers !== undefined) await deps.watched?.makeShopDue(shop);
    if (patchesThresholds(parsed.patch)) {
      const current = await deps.overview.stalledThresholds(shop);
      await deps.overview.put(shop, thresholdsAfterPatch(current, parsed.patch));
    }
    return jsonResponse(await view(deps, shop, saved));
  };
}

/** Mounts GET/PUT `/api/settings`; the `/api/*` session-token middleware must run before. */
export function mountSettingsRoutes(app: Hono<AppEnv>, deps: SettingsRouteDeps): void {
  const api = new Hono<ApiEnv>({ strict: false });
  api.get('/settings', (c) => {
    c.get('fields').route = 'api-settings';
    return apiGetSettings(deps)(c);
  });
  api.put('/settings', (c) => {
    c.get('fields').route = 'api-settings';
    return apiPutSettings(deps)(c);
  });
  api.all('/settings', () => {
    throw httpError('method_not_allowed', { allow: ['GET', 'HEAD', 'PUT'] });
  });
  app.route('/api', api);
}
