import type { Fault, FaultKind, MockReply } from '../../src/index';
import { jsonReply, STATUS_OF_KIND } from '../../src/index';

/**
 * The faults IAP's spec gives a status (its `x-inferred` notes: IAP's error replies are not documented), with
 * the engine's usual status except a wrong media type, which Express's body parser answers with 400; any other
 * fault is a 500.
 */
const DECLARED: ReadonlySet<FaultKind> = new Set<FaultKind>([
  'BadRequest',
  'ParseError',
  'UnsupportedMediaType',
  'Unauthenticated',
  'Forbidden',
  'NotFound',
  'RouteNotFound',
  'MethodNotAllowed',
  'Conflict',
  'NotCancellable',
  'PayloadTooLarge',
]);

function statusOf(kind: FaultKind): number {
  if (kind === 'UnsupportedMediaType') return 400;
  return DECLARED.has(kind) ? STATUS_OF_KIND[kind] : 500;
}

/** An IAP error reply: `{ "message": "…" }` (the spec's `Error`), with an injected fault's status honoured. */
export function itentialErrorReply(fault: Fault): MockReply {
  const status = fault.details.status ?? statusOf(fault.kind);
  return jsonReply(status, { message: fault.message || `Error ${status}` });
}
