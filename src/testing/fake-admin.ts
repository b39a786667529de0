// Test helper: a plain-function Admin GraphQL endpoint that records calls and answers from a script.
import type { Fetch } from '../core/ports.js';
import { lookupBody } from './admin-orders.js';

export interface AdminCall {
  url: string;
  query: string;
  variables: Record<string, unknown>;
  headers: Headers;
  /** The signal the caller gave the fetch (the request's, combined with the attempt's timeout). */
  signal: AbortSignal | undefined;
}

export type AdminScript = (call: AdminCall, n: number) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/**
 * Finds orders the way Shopify's `name:` token search does, loosely (any order whose name contains
 * the term), and by `confirmation_number:` exactly, ignoring case.
 */
export function ordersAdmin(orders: Record<string, unknown>[]): AdminScript {
  return (call) => {
    const query = String(call.variables.query ?? '').toLowerCase();
    const code = /^confirmation_number:(.*)$/.exec(query)?.[1];
    const found = orders.filter((o) =>
      code !== undefined
        ? String(o.confirmationNumber).toLowerCase() === code
        : String(o.name)
            .toLowerCase()
            .includes(query.replace(/^name:/, '')),
    );
    return json(lookupBody(found));
  };
}

/** Answers both queries the proxy sends: order search by name, and a customer's recent orders. */
export function storeAdmin(orders: Record<string, unknown>[]): AdminScript {
  const byName = ordersAdmin(orders);
  return (call, n) => {
    if (typeof call.variables.id !== 'string') return byName(call, n);
    const own = orders.filter(
      (o) => (o.customer as { id?: string } | null)?.id === call.variables.id,
    );
    return json({ data: { customer: own.length ? { orders: { nodes: own } } : null } });
  };
}

export function fakeAdmin(script: AdminScript): { fetch: Fetch; calls: AdminCall[] } {
  const calls: AdminCall[] = [];
  const fetch: Fetch = async (input, init) => {
    const body = JSON.parse(String(init?.body ?? '{}')) as {
      query?: string;
      variables?: Record<string, unknown>;
    };
    const call: AdminCall = {
      url: String(input),
      query: body.query ?? '',
      variables: body.variables ?? {},
      headers: new Headers(init?.headers),
      signal: init?.signal ?? undefined,
    };
    calls.push(call);
    return script(call, calls.length);
  };
  return { fetch, calls };
}
