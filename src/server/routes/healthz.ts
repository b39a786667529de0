// GET /healthz: unsigned liveness for load balancers; says nothing about the store.
import { jsonResponse } from '../responses.js';

export function healthz(): Response {
  return jsonResponse({ status: 'ok' });
}
