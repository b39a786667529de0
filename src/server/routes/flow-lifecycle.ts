// POST /flow/lifecycle: Shopify Flow says whether a shop has an enabled workflow using one of our triggers.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { FlowTriggersRepository } from '../../db/flow-triggers.js';
import type { AppEnv } from '../context.js';
import { httpError } from '../http-error.js';

/** A lifecycle call is a few hundred bytes. */
const MAX_BODY_BYTES = 4096;

/** Flow's lifecycle callback body (shopify.dev "Track Flow lifecycle events"); extra keys ignored. */
const LifecycleSchema = z.object({
  /** The trigger's identifier: for a CLI extension, its handle. */
  flow_trigger_definition_id: z.string().min(1).max(100),
  has_enabled_flow: z.boolean(),
  shop_id: z.number().int().optional(),
  shopify_domain: z
    .string()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/),
  /** Newer callbacks win; absent: now. */
  timestamp: z.iso.datetime({ offset: true }).optional(),
});

export interface FlowLifecycleDeps {
  /** SHOPIFY_API_SECRET: Flow signs the raw body with it like a webhook. */
  apiSecret: string;
  flow: Pick<FlowTriggersRepository, 'setLifecycle'>;
  clock: () => number;
}

/**
 * Mounts `POST /flow/lifecycle`. 401 `invalid_signature` unless `X-Shopify-Hmac-Sha256` is the
 * base64 HMAC-SHA256 of the raw body; 400 `invalid_input` for a body that is not the callback;
 * otherwise records the state and answers 200 `{}` at once (Flow needs a prompt 2xx to let the
 * merchant turn the workflow on).
 */
export function mountFlowLifecycle(app: Hono<AppEnv>, deps: FlowLifecycleDeps): void {
  app.post('/flow/lifecycle', async (c) => {
    c.get('fields').route = 'flow_lifecycle';
    const raw = Buffer.from(await c.req.arrayBuffer());
    if (raw.length > MAX_BODY_BYTES) throw httpError('payload_too_large');
    if (!validHmac(raw, c.req.header('x-shopify-hmac-sha256'), deps.apiSecret)) {
      throw httpError('invalid_signature');
    }
    const body = LifecycleSchema.safeParse(parseJson(raw.toString('utf8')));
    if (!body.success) {
      const fields = body.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.').slice(0, 50) || 'body',
        issue: 'invalid_format',
      }));
      throw httpError('invalid_input', { fields });
    }
    const { shopify_domain: shop, flow_trigger_definition_id: handle } = body.data;
    c.get('fields').shop = shop;
    const at = body.data.timestamp ? new Date(body.data.timestamp) : new Date(deps.clock());
    await deps.flow.setLifecycle(shop, handle, body.data.has_enabled_flow, at);
    return c.json({});
  });
}

function validHmac(raw: Buffer, header: string | undefined, secret: string): boolean {
  if (!header || !secret) return false;
  const expected = createHmac('sha256', secret).update(raw).digest();
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
