import type { Fault } from '../core/fault';
import { statusOfKind } from '../core/fault';
import type { MockReply } from '../core/wire';
import { jsonReply } from '../core/wire';

/** The admin API's own error format: `{error: {code, message, issues?}}` (specs/_admin/openapi.yaml). */
export function adminError(fault: Fault): MockReply {
  // A body that is not JSON is a bad request like any other; the rest keep their kind as the code.
  const kind = fault.kind === 'ParseError' ? 'BadRequest' : fault.kind;
  return jsonReply(statusOfKind(kind), {
    error: {
      code: kind,
      message: fault.message,
      ...(fault.details.issues
        ? { issues: fault.details.issues.map(({ location, message }) => ({ location, message })) }
        : {}),
    },
  });
}
