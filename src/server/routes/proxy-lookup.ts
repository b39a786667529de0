// POST /proxy/lookup: JSON (with the timeline as HTML when the widget asks), or a form post from the no-JS block answered with a Liquid page.
import type { Context } from 'hono';
import { bodyKind, lookupInput, type RawLookupFields, rawFields } from '../../lookup/input.js';
import { type SignedContext, verifyRequest } from '../auth/app-proxy-request.js';
import { clientIp } from '../client-ip.js';
import type { AppEnv, RouteDeps } from '../context.js';
import { HttpError, httpError } from '../http-error.js';
import { liquidResponse } from '../page/liquid-response.js';
import { type FormState, renderFormPage, renderTimelinePage } from '../page/no-js-page.js';
import { renderResultHtml } from '../page/result-html.js';
import { jsonTextResponse } from '../responses.js';
import { pageRecommendations } from './proxy-recommendations.js';

export function proxyLookup(deps: RouteDeps) {
  return async (c: Context<AppEnv>): Promise<Response> => {
    const request = c.req.raw;
    const fields = c.get('fields');
    const signed = verifyRequest(
      new URL(request.url).searchParams,
      deps.config.apiSecret,
      deps.expectedShop,
      deps.clock(),
    );
    fields.shop = signed.shop;
    const log = c.get('log').child({ shop: signed.shop });
    c.set('log', log);
    const kind = bodyKind(request.headers.get('content-type'));
    if (!kind) throw httpError('unsupported_media_type');
    const text = await request.text();
    const ip = clientIp(request.headers);
    const ctx = { ip, signal: request.signal, logger: log };

    if (kind === 'json') {
      await deps.limits.hitIp(ip);
      const raw = rawFields('json', text);
      const input = lookupInput(raw, signed.customerId !== null);
      const answer = await deps.lookup.order(
        signed.shop,
        { ...input, customerId: signed.customerId },
        ctx,
      );
      fields.cacheHit = answer.cacheHit;
      const json = answer.json ?? JSON.stringify(answer.value);
      if (!raw.html) return jsonTextResponse(json);
      // The widget's variant: the same view, and the timeline drawn here (ResultHtmlAnswer).
      const html = renderResultHtml(answer.value, raw.html, {
        locale: raw.locale,
        now: deps.clock(),
        shopTimeZone: deps.shopTimeZone(signed.shop),
      });
      return jsonTextResponse(`{"view":${json},"html":${JSON.stringify(html)}}`);
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
      await deps.limits.hitIp(ip);
      const input = lookupInput(raw, signed.customerId !== null);
      const answer = await deps.lookup.order(
        signed.shop,
        { ...input, customerId: signed.customerId },
        ctx,
      );
      fields.cacheHit = answer.cacheHit;
      const recommendations = await pageRecommendations(
        deps,
        signed.shop,
        answer.value,
        raw,
        text,
        ctx,
      );
      return liquidResponse(
        renderTimelinePage(answer.value, { ...formState(raw, signed, deps), recommendations }),
      );
    } catch (error) {
      if (
        !(error instanceof HttpError) ||
        (error.status >= 500 && error.code !== 'upstream_unavailable')
      ) {
        throw error;
      }
      fields.errorCode = error.code;
      const headers: Record<string, string> = { 'x-track-error': error.code };
      if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter);
      return liquidResponse(renderFormPage(formState(raw, signed, deps), error), headers);
    }
  };
}

function formState(raw: RawLookupFields, signed: SignedContext, deps: RouteDeps): FormState {
  return {
    ...raw,
    action: signed.pathPrefix ? `${signed.pathPrefix}/lookup` : undefined,
    signedIn: signed.customerId !== null,
    timeZone: deps.shopTimeZone(signed.shop),
  };
}
