import type { Fault, FaultKind, MockReply, MockRequest } from '../../src/index';
import { awsRestJsonError } from '../../src/index';
import { unknownOperationReply } from './other-services';

/** How Batch answers each fault kind that is not a ClientException (400). */
const BATCH_ERRORS: Readonly<Partial<Record<FaultKind, { status: number; code: string }>>> = {
  Internal: { status: 500, code: 'ServerException' },
  Unavailable: { status: 500, code: 'ServerException' },
  Timeout: { status: 500, code: 'ServerException' },
  PayloadTooLarge: { status: 413, code: 'ClientException' },
  Forbidden: { status: 403, code: 'AccessDeniedException' },
  LimitExceeded: { status: 429, code: 'TooManyRequestsException' },
  TooManyRequests: { status: 429, code: 'TooManyRequestsException' },
};

const CLIENT_EXCEPTION = { status: 400, code: 'ClientException' };

/**
 * AWS Batch's errors: ClientException (400) for anything the caller did, ServerException (500) for the rest,
 * TooManyRequestsException (429) for throttling and full sessions, and the 403 errors AWS's front door sends:
 * the auth errors, whose code the auth fault carries, and AccessDeniedException.
 */
function batchErrorOf(fault: Fault): { status: number; code: string } {
  if (typeof fault.details.code === 'string') return { status: 403, code: fault.details.code };
  return BATCH_ERRORS[fault.kind] ?? CLIENT_EXCEPTION;
}

/** Batch's error reply for a fault; a request for no operation of Batch's is answered as AWS answers it. */
export function batchErrorReply(fault: Fault, context: { request: MockRequest }): MockReply {
  const requestId = crypto.randomUUID();
  if (fault.kind === 'RouteNotFound' || fault.kind === 'MethodNotAllowed')
    return unknownOperationReply(context.request, requestId);
  return awsRestJsonError(fault, batchErrorOf, requestId);
}
