// GET /healthz: unsigned liveness for load balancers; says nothing about the store.
import { jsonResponse } from '../responses.js';

export async function healthz(): Promise<Response> {
  return jsonResponse({ status: 'ok' });
}
