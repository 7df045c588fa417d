import type { OutgoingRequest } from '../../src/index';

/** Requests without credentials get the demo user's token (for `jobmock verify` against jobmock). */
export function kbaseDemoAuth(request: OutgoingRequest): Record<string, string> {
  return request.headers.authorization ? {} : { authorization: 'user-token' };
}
