// GET /proxy/orders: the logged-in customer's recent orders; the customer id is trusted only because it is signed.
import type { Context } from 'hono';
import { verifyRequest } from '../auth/app-proxy-request.js';
import { clientIp } from '../client-ip.js';
import type { AppEnv, RouteDeps } from '../context.js';
import { httpError } from '../http-error.js';
import { jsonTextResponse } from '../responses.js';

export function proxyOrders(deps: RouteDeps) {
  return async (c: Context<AppEnv>): Promise<Response> => {
    const request = c.req.raw;
    const signed = verifyRequest(
      new URL(request.url).searchParams,
      deps.config.apiSecret,
      deps.expectedShop,
      deps.clock(),
    );
    c.get('fields').shop = signed.shop;
    const log = c.get('log').child({ shop: signed.shop });
    c.set('log', log);
    const ip = clientIp(request.headers);
    await deps.limits.hitIp(ip);
    if (!signed.customerId) {
      throw httpError('invalid_input', {
        fields: [{ field: 'logged_in_customer_id', issue: 'required' }],
      });
    }
    const answer = await deps.lookup.customerOrders(signed.shop, signed.customerId, {
      ip,
      signal: request.signal,
      logger: log,
    });
    c.get('fields').cacheHit = answer.cacheHit;
    return jsonTextResponse(answer.json ?? JSON.stringify(answer.value));
  };
}
