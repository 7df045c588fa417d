import type { MockReply, MockRequest } from '../../src/index';

/**
 * The CORS headers KBase's SDK server puts on every reply it writes (`JobBrowserBFF_JSONRPCServer.__call__`),
 * whatever fronts it: any origin, and the headers a preflight asks for (else `authorization`). The plain-text
 * 500 that uWSGI sends when the server fails (an uncaught exception, the upstream profile's batches and
 * notifications) is not the server's reply, and has none.
 */
export function kbaseCorsHeaders(request: MockRequest, reply: MockReply): Record<string, string> | undefined {
  if (reply.headers['content-type'] === 'text/plain') return undefined;
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': request.headers['access-control-request-headers'] ?? 'authorization',
  };
}
