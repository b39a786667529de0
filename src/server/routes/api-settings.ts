// GET/PUT /api/settings: the overview's settings for the session's shop (stalled thresholds in days).
import type { Context } from 'hono';
import { OverviewSettingsSchema } from '../../overview/settings.js';
import { httpError } from '../http-error.js';
import { jsonResponse } from '../responses.js';
import { type ApiEnv, type OverviewRouteDeps, sessionShop } from './api-shared.js';

/** A settings body is a few numbers; anything bigger is not one. */
const MAX_SETTINGS_BYTES = 2048;

export function apiGetSettings(deps: OverviewRouteDeps) {
  return async (c: Context<ApiEnv>): Promise<Response> => {
    const shop = sessionShop(c);
    return jsonResponse({ stalledAfterDays: await deps.settings.stalledThresholds(shop) });
  };
}

export function apiPutSettings(deps: OverviewRouteDeps) {
  return async (c: Context<ApiEnv>): Promise<Response> => {
    const shop = sessionShop(c);
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json'))
      throw httpError('unsupported_media_type');
    const text = await c.req.text();
    if (Buffer.byteLength(text) > MAX_SETTINGS_BYTES) throw httpError('payload_too_large');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw httpError('invalid_input', { fields: [{ field: 'body', issue: 'invalid_format' }] });
    }
    const parsed = OverviewSettingsSchema.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => ({
        field: issue.path.join('.') || 'body',
        issue: 'invalid_format',
      }));
      throw httpError('invalid_input', { fields });
    }
    await deps.settings.put(shop, parsed.data.stalledAfterDays);
    return jsonResponse({ stalledAfterDays: parsed.data.stalledAfterDays });
  };
}
