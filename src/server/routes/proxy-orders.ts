// GET /proxy/orders: the logged-in customer's recent orders; the customer id is trusted only because it is signed.
import { httpError } from '../http-error.js';
import { clientIp } from '../client-ip.js';
import { verifyRequest } from '../auth/app-proxy-request.js';
import type { RouteContext } from '../../proxy/routes/context.js';
import { jsonTextResponse } from '../responses.js';

export async function orders(ctx: RouteContext): Promise<Response> {
  const signed = verifyRequest(ctx.query, ctx.config.apiSecret, ctx.config.shop, ctx.clock());
  ctx.log.shop = signed.shop;
  await ctx.limits.hitIp(clientIp(ctx.request.headers));
  if (!signed.customerId) {
    throw httpError('invalid_input', {
      fields: [{ field: 'logged_in_customer_id', issue: 'required' }],
    });
  }
  const answer = await ctx.service.customerOrders(signed.shop, signed.customerId);
  ctx.log.cacheHit = answer.cacheHit;
  return jsonTextResponse(answer.json ?? JSON.stringify(answer.value));
}
