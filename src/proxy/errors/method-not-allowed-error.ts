// 405 that also tells the client which methods the path takes (the `Allow` header).
import { HttpError, MESSAGES } from '../../server/http-error.js';

export class MethodNotAllowedError extends HttpError {
  override readonly name = 'MethodNotAllowedError';
  readonly allow: readonly string[];

  constructor(allow: readonly string[]) {
    super('method_not_allowed', MESSAGES.method_not_allowed);
    this.allow = allow;
  }

  override toResponse(extraHeaders: Record<string, string> = {}): Response {
    return super.toResponse({ allow: this.allow.join(', '), ...extraHeaders });
  }
}
