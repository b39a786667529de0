import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody } from '../../../demo/shopify/webhook-sender.js';
import { verifyWebhookHmac } from './webhook-hmac.js';

const SECRET = 'app-secret';
const BODY =
  '{"id":60001,"previous":["read_orders"],"current":["read_orders","read_fulfillments"]}';
const bytes = (text: string) => new TextEncoder().encode(text);

describe('webhook HMAC', () => {
  it('accepts the base64 HMAC-SHA256 of the raw body, signed as Shopify signs', () => {
    expect(verifyWebhookHmac(bytes(BODY), signWebhookBody(BODY, SECRET), SECRET)).toBe(true);
    // The same digest computed independently of the sender.
    const digest = createHmac('sha256', SECRET).update(BODY).digest('base64');
    expect(verifyWebhookHmac(bytes(BODY), digest, SECRET)).toBe(true);
  });

  it('refuses a missing, empty or malformed header', () => {
    expect(verifyWebhookHmac(bytes(BODY), undefined, SECRET)).toBe(false);
    expect(verifyWebhookHmac(bytes(BODY), null, SECRET)).toBe(false);
    expect(verifyWebhookHmac(bytes(BODY), '', SECRET)).toBe(false);
    expect(verifyWebhookHmac(bytes(BODY), 'not base64 at all', SECRET)).toBe(false);
    const hex = createHmac('sha256', SECRET).update(BODY).digest('hex');
    expect(verifyWebhookHmac(bytes(BODY), hex, SECRET)).toBe(false);
  });

  it('refuses a body changed by one byte', () => {
    const signature = signWebhookBody(BODY, SECRET);
    const changed = bytes(BODY);
    changed[10] = (changed[10] ?? 0) ^ 1;
    expect(verifyWebhookHmac(changed, signature, SECRET)).toBe(false);
    expect(verifyWebhookHmac(bytes(`${BODY} `), signature, SECRET)).toBe(false);
  });

  it('refuses the signature made with another secret', () => {
    expect(verifyWebhookHmac(bytes(BODY), signWebhookBody(BODY, 'other-secret'), SECRET)).toBe(
      false,
    );
  });

  it('refuses a signature whose last character was changed', () => {
    const signature = signWebhookBody(BODY, SECRET);
    const flipped = `${signature.slice(0, 42)}${signature[42] === 'A' ? 'B' : 'A'}=`;
    expect(verifyWebhookHmac(bytes(BODY), flipped, SECRET)).toBe(false);
  });

  it('refuses everything when no secret is configured', () => {
    expect(verifyWebhookHmac(bytes(BODY), signWebhookBody(BODY, ''), '')).toBe(false);
  });

  it('checks the bytes as sent, not a re-serialisation of the JSON', () => {
    const spaced = '{ "current": ["read_orders"] }';
    const signature = signWebhookBody(spaced, SECRET);
    expect(verifyWebhookHmac(bytes(spaced), signature, SECRET)).toBe(true);
    expect(verifyWebhookHmac(bytes(JSON.stringify(JSON.parse(spaced))), signature, SECRET)).toBe(
      false,
    );
  });
});
