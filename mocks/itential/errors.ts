import type { Fault, FaultKind, MockReply } from '../../src/index';
import { jsonReply } from '../../src/index';

/**
 * The status IAP's spec gives each fault kind (its `x-inferred` notes: IAP's error replies are not documented):
 * the engine's usual status, but 400 for a wrong media type, as Express's body parser answers; any other kind
 * is a 500.
 */
const STATUS_OF: Readonly<Partial<Record<FaultKind, number>>> = {
  BadRequest: 400,
  ParseError: 400,
  UnsupportedMediaType: 400,
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  RouteNotFound: 404,
  MethodNotAllowed: 405,
  Conflict: 409,
  NotCancellable: 409,
  PayloadTooLarge: 413,
  LimitExceeded: 429,
  TooManyRequests: 429,
};

/** An IAP error reply: `{ "message": "…" }` (the spec's `Error`), with an injected fault's status honoured. */
export function itentialErrorReply(fault: Fault): MockReply {
  const status = fault.details.status ?? STATUS_OF[fault.kind] ?? 500;
  return jsonReply(status, { message: fault.message || `Error ${status}` });
}
