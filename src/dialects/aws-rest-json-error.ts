import type { Fault } from '../core/fault';
import type { MockReply } from '../core/wire';

/** How one fault kind is written by an AWS rest-json service: HTTP status and error code. */
export type AwsErrorOf = (fault: Fault) => { status: number; code: string };

/**
 * An AWS rest-json error reply: the code in the `x-amzn-ErrorType` header (which the SDKs read first) and
 * the body `{message}`, with `x-amzn-RequestId`.
 *
 * @example awsRestJsonError(fault('BadRequest', 'reason is required'), () => ({ status: 400, code: 'ClientException' }), id)
 */
export function awsRestJsonError(fault: Fault, errorOf: AwsErrorOf, requestId: string): MockReply {
  const { status, code } = errorOf(fault);
  return {
    status: fault.details.status ?? status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': code,
      'x-amzn-requestid': requestId,
    },
    body: { message: fault.message },
  };
}
