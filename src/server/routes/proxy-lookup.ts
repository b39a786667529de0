// POST /proxy/lookup: JSON for the widget, or a form post from the no-JS block answered with a Liquid page.
import { HttpError, httpError } from '../http-error.js';
import { liquidResponse } from '../page/liquid-response.js';
import type { FormState } from '../../proxy/page/page-renderer.js';
import { clientIp } from '../client-ip.js';
import { bodyKind, lookupInput, type RawLookupFields, rawFields } from '../../lookup/input.js';
import { readBody } from '../../proxy/request/read-body.js';
import { type SignedContext, verifyRequest } from '../auth/app-proxy-request.js';
import type { RouteContext } from '../../proxy/routes/context.js';
import { jsonTextResponse } from '../responses.js';

export async function lookup(ctx: RouteContext): Promise<Response> {
  const signed = verifyRequest(ctx.query, ctx.config.apiSecret, ctx.config.shop, ctx.clock());
  ctx.log.shop = signed.shop;
  const kind = bodyKind(ctx.request.headers.get('content-type'));
  if (!kind) throw httpError('unsupported_media_type');
  const text = await readBody(ctx.request);

  if (kind === 'json') {
    await ctx.limits.hitIp(clientIp(ctx.request.headers));
    const input = lookupInput(rawFields('json', text), signed.customerId !== null);
    const answer = await ctx.service.lookup(signed.shop, {
      ...input,
      customerId: signed.customerId,
    });
    ctx.log.cacheHit = answer.cacheHit;
    return jsonTextResponse(answer.json ?? JSON.stringify(answer.value));
  }

  // The form's answer is always a page the theme can show: the timeline, or the form with the error.
  let raw: RawLookupFields = {
    orderNumber: '',
    email: '',
    locale: undefined,
    returnTo: undefined,
    stylesheet: undefined,
  };
  try {
    raw = rawFields('form', text);
    await ctx.limits.hitIp(clientIp(ctx.request.headers));
    const input = lookupInput(raw, signed.customerId !== null);
    const answer = await ctx.service.lookup(signed.shop, {
      ...input,
      customerId: signed.customerId,
    });
    ctx.log.cacheHit = answer.cacheHit;
    return liquidResponse(ctx.pages.timeline(answer.value, formState(raw, signed)));
  } catch (error) {
    if (
      !(error instanceof HttpError) ||
      (error.status >= 500 && error.code !== 'upstream_unavailable')
    ) {
      throw error;
    }
    ctx.log.errorCode = error.code;
    const headers: Record<string, string> = { 'x-track-error': error.code };
    if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter);
    return liquidResponse(ctx.pages.form(formState(raw, signed), error), headers);
  }
}

function formState(raw: RawLookupFields, signed: SignedContext): FormState {
  return {
    ...raw,
    action: signed.pathPrefix ? `${signed.pathPrefix}/lookup` : undefined,
    signedIn: signed.customerId !== null,
  };
}
