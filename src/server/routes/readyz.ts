// GET /readyz: 200 when everything the process depends on answers; else 503 naming the first that does not.
import type { ErrorCode } from '../../contract/codes.js';
import { httpError } from '../http-error.js';
import { jsonResponse } from '../responses.js';

/**
 * One dependency's readiness: null when it answers, else the code to report. Probes are injected
 * (the start-up Shopify check today; a database ping when there is one).
 */
export type ReadinessProbe = () => Promise<ErrorCode | null> | ErrorCode | null;

export function readyz(probes: readonly ReadinessProbe[]) {
  return async (): Promise<Response> => {
    const results = await Promise.all(probes.map((probe) => probe()));
    const failed = results.find((code) => code !== null);
    if (failed) throw httpError(failed);
    return jsonResponse({ status: 'ready' });
  };
}
