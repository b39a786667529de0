// GET /api/onboarding: is the tracking block on the live theme, does the app proxy answer; and
// GET /proxy/ping, what the storefront's proxy path reaches when it points at this app.
import { type Context, Hono } from 'hono';
import type { Fetch } from '../../core/ports.js';
import { onboardingStatus, PING_BODY } from '../../overview/onboarding.js';
import type { AdminQuery } from '../../shopify/admin-client.js';
import type { AppEnv } from '../context.js';
import { jsonResponse } from '../responses.js';
import { type ApiEnv, sessionShop } from './api-shared.js';

export interface OnboardingRouteDeps {
  /** The Admin API as the installed shop (its offline token). */
  adminFor: (shop: string) => AdminQuery;
  /** Reaches the shop's storefront (the proxy probe). */
  fetch: Fetch;
}

/**
 * `GET /api/onboarding` → OnboardingStatus for the session's shop. The `/api/*` session-token
 * middleware must run first; the Admin call and the probe each fail soft (`unknown` /
 * `not_answering`), so the answer is always 200.
 */
export function mountOnboardingRoute(app: Hono<AppEnv>, deps: OnboardingRouteDeps): void {
  const api = new Hono<ApiEnv>({ strict: false });
  api.get('/onboarding', async (c: Context<ApiEnv>) => {
    c.get('fields').route = 'api-onboarding';
    const shop = sessionShop(c);
    return jsonResponse(await onboardingStatus({ admin: deps.adminFor(shop), fetch: deps.fetch }));
  });
  app.route('/api', api);
}

/** `GET /proxy/ping`: no data, no signature needed; only says this app is the one answering. */
export function proxyPing(): Response {
  return jsonResponse(PING_BODY);
}
