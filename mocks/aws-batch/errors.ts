import { randomUUID } from 'node:crypto';
import type { Fault, MockReply } from '../../src/index';
import { awsRestJsonError } from '../../src/index';

/**
 * AWS Batch's errors: ClientException (400) for anything the caller did, ServerException (500) for the
 * rest, and the 403 auth errors AWS's front door sends, whose code the auth fault carries.
 */
function batchErrorOf(fault: Fault): { status: number; code: string } {
  if (typeof fault.details.code === 'string') return { status: 403, code: fault.details.code };
  switch (fault.kind) {
    case 'Internal':
    case 'Unavailable':
    case 'Timeout':
      return { status: 500, code: 'ServerException' };
    case 'PayloadTooLarge':
      return { status: 413, code: 'ClientException' };
    default:
      return { status: 400, code: 'ClientException' };
  }
}

export function batchErrorReply(fault: Fault): MockReply {
  return awsRestJsonError(fault, batchErrorOf, randomUUID());
}
