// A fault talking to the Admin API: kept internal (logged with its reason), shown to shoppers only as upstream_unavailable.
export type UpstreamFault =
  | 'timeout'
  | 'network'
  | 'status'
  | 'throttled'
  | 'malformed'
  | 'graphql'
  | 'budget'
  | 'aborted';

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly fault: UpstreamFault;
  readonly httpStatus: number | undefined;

  constructor(
    fault: UpstreamFault,
    detail: string,
    options: { httpStatus?: number; cause?: unknown } = {},
  ) {
    super(`Admin API ${fault}: ${detail}`, { cause: options.cause });
    this.fault = fault;
    this.httpStatus = options.httpStatus;
  }
}
