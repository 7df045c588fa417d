import type { Fault, FaultKind, MockReply } from '../../src/index';
import { jsonReply } from '../../src/index';

/**
 * The HTTP status of each fault. IAP's error replies are not documented: the spec models them as
 * `{message}` with these statuses (its `x-inferred` notes); anything else is a 500.
 */
const STATUS: Readonly<Partial<Record<FaultKind, number>>> = {
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
};

/** An IAP error reply: `{ "message": "…" }` (the spec's `Error`), with an injected fault's status honoured. */
export function itentialErrorReply(fault: Fault): MockReply {
  const status = fault.details.status ?? STATUS[fault.kind] ?? 500;
  return jsonReply(status, { message: fault.message || `Error ${status}` });
}
