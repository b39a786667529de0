import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../contract/errors.js';
import { httpError } from './http-error.js';

describe('HttpError', () => {
  it('becomes a JSON answer with its status, Retry-After and body', async () => {
    const response = httpError('rate_limited', { retryAfter: 39.2 }).toResponse();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('40');
    expect(ErrorBodySchema.parse(await response.json()).error).toMatchObject({
      code: 'rate_limited',
      retryAfter: 40,
    });
  });

  it('names the allowed methods on a 405', () => {
    const response = httpError('method_not_allowed', { allow: ['GET', 'HEAD'] }).toResponse();
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('captures no stack frames, and leaves the stack limit as it found it', () => {
    const before = Error.stackTraceLimit;
    const error = httpError('invalid_signature');
    expect(error.stack?.split('\n')).toHaveLength(1);
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('x').stack?.split('\n').length).toBeGreaterThan(1);
  });
});
