// Wraps a rendered page as the application/liquid answer Shopify renders inside the shop's theme.
import { liquidSafe } from './escape.js';

export function liquidResponse(html: string, headers: Record<string, string> = {}): Response {
  return new Response(liquidSafe(html), {
    status: 200,
    headers: {
      'content-type': 'application/liquid; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}
