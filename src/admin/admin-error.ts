import type { Fault } from '../core/fault';
import { STATUS_OF_KIND } from '../core/fault';
import type { MockReply } from '../core/wire';
import { jsonReply } from '../core/wire';

/** The admin API's own error format: `{error: {code, message, issues?}}` (specs/_admin/openapi.yaml). */
export function adminError(fault: Fault): MockReply {
  const status =
    fault.kind === 'ParseError' || fault.kind === 'UnsupportedMediaType' ? 400 : STATUS_OF_KIND[fault.kind];
  const code =
    fault.kind === 'ParseError' || fault.kind === 'UnsupportedMediaType' ? 'BadRequest' : fault.kind;
  return jsonReply(status, {
    error: {
      code,
      message: fault.message,
      ...(fault.details.issues ? { issues: fault.details.issues } : {}),
    },
  });
}
