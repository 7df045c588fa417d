import { isFault } from '../core/fault';
import type { MockRequest } from '../core/wire';
import { splitUrl } from './incoming-call';
import type { SentRequest } from './protocol';

/** A request a client sent, as the engine's plain record (mounted at the root). */
export function toMockRequest(request: SentRequest): MockRequest {
  const { path, query } = splitUrl(request.target);
  return { method: request.method, base: '', path, query, headers: request.headers, rawBody: request.body };
}

/**
 * Why the spec refuses a request, from the fault its routing or validation threw: each validation issue, or the
 * fault's message. Anything that is not a fault is thrown on.
 */
export function refusalOf(error: unknown): string[] {
  if (!isFault(error)) throw error;
  const issues = error.details.issues;
  return issues?.length ? issues.map((i) => `${i.location}: ${i.message}`) : [error.message];
}
