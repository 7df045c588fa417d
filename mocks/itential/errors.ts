import type { Fault, MockReply } from '../../src/index';
import { jsonReply, statusOfKind } from '../../src/index';

/**
 * Where the status IAP's spec gives a fault kind differs from the engine's convention (its `x-inferred` notes:
 * IAP's error replies are not documented): 400 for a wrong media type, as Express's body parser answers, and
 * a 500 for a store that times out or is not there.
 */
const OWN_STATUS: Readonly<Record<string, number>> = {
  UnsupportedMediaType: 400,
  Timeout: 500,
  Unavailable: 500,
};

/** An IAP error reply: `{ "message": "…" }` (the spec's `Error`), with an injected fault's status honoured. */
export function itentialErrorReply(fault: Fault): MockReply {
  const status = fault.details.status ?? statusOfKind(fault.kind, OWN_STATUS);
  return jsonReply(status, { message: fault.message || `Error ${status}` });
}
