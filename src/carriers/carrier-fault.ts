// The one error a carrier adapter throws: a stable reason the enricher logs and degrades on.

export type CarrierFaultReason =
  | 'timeout'
  | 'aborted'
  | 'network'
  | 'rate_limited'
  | 'server_error'
  | 'http_error'
  | 'malformed';

export class CarrierFault extends Error {
  override readonly name = 'CarrierFault';

  constructor(
    readonly carrier: string,
    readonly reason: CarrierFaultReason,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`${carrier} tracking failed: ${reason}${status ? ` (HTTP ${status})` : ''}`, options);
  }
}
