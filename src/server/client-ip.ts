// The shopper's IP as Shopify's app proxy reports it: the first entry of X-Forwarded-For.

const MAX_IP_LENGTH = 64;

export function clientIp(headers: Headers): string {
  const first = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  // Anything longer than an IPv6 address with zone is not an address; bucket it with the unknowns.
  if (!first || first.length > MAX_IP_LENGTH) return 'unknown';
  return first;
}
