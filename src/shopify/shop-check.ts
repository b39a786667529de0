// The start-up check of the Admin token (custom-app mode): one cheap `shop` query, retried until it passes.
import { z } from 'zod';
import type { Logger } from '../core/ports.js';
import type { AdminQuery } from './admin-client.js';
import { UpstreamError } from './upstream-error.js';

export const SHOP_CHECK_QUERY = /* GraphQL */ `
  query ShopCheck {
    shop {
      name
      ianaTimezone
    }
  }
`;

export const ShopCheckSchema = z.object({
  shop: z.object({ name: z.string(), ianaTimezone: z.string().nullish() }),
});

export const SHOP_CHECK_RETRY_MS = 30_000;

export type ShopCheckState =
  | { status: 'pending' }
  | { status: 'ok'; name: string; timeZone: string | undefined }
  /** `unauthorized`: Shopify refused the token (401/403); `unreachable`: any other fault. */
  | { status: 'failed'; reason: 'unauthorized' | 'unreachable' };

export interface ShopCheck {
  state(): ShopCheckState;
  /** Runs the check now and, until it passes, again every `retryMs`. Resolves after the first try. */
  start(): Promise<ShopCheckState>;
  stop(): void;
}

/** `schedule` is injected so tests decide when a retry runs; it returns a cancel function. */
export function createShopCheck(deps: {
  admin: AdminQuery;
  logger: Logger;
  retryMs?: number;
  schedule?: (run: () => void, ms: number) => () => void;
}): ShopCheck {
  const retryMs = deps.retryMs ?? SHOP_CHECK_RETRY_MS;
  const schedule =
    deps.schedule ??
    ((run, ms) => {
      const timer = setTimeout(run, ms);
      timer.unref();
      return () => clearTimeout(timer);
    });
  let current: ShopCheckState = { status: 'pending' };
  let cancel: (() => void) | undefined;
  let stopped = false;

  async function once(): Promise<ShopCheckState> {
    try {
      const data = await deps.admin(SHOP_CHECK_QUERY, {}, ShopCheckSchema);
      current = {
        status: 'ok',
        name: data.shop.name,
        timeZone: data.shop.ianaTimezone ?? undefined,
      };
      deps.logger.info({ event: 'shopify_check_passed' });
    } catch (error) {
      const status = error instanceof UpstreamError ? error.httpStatus : undefined;
      const reason = status === 401 || status === 403 ? 'unauthorized' : 'unreachable';
      current = { status: 'failed', reason };
      deps.logger.error({
        event: 'shopify_check_failed',
        reason,
        httpStatus: status,
        hint:
          reason === 'unauthorized'
            ? 'SHOPIFY_ADMIN_TOKEN is not accepted by SHOPIFY_SHOP'
            : 'the Admin API did not answer',
        retryInMs: retryMs,
      });
      if (!stopped) cancel = schedule(() => void once(), retryMs);
    }
    return current;
  }

  return {
    state: () => current,
    start: once,
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}
