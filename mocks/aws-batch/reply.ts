import type { MockReply } from '../../src/index';
import { jsonReply } from '../../src/index';
import { regionOf } from './arns';
import type { JobViewContext } from './job-view';
import type { BatchCall, BatchContext } from './types';

/**
 * A 200 rest-json reply with what AWS always sends: the request id, and the server's time in `Date` (the
 * session's virtual time), which the AWS SDKs read to correct their clock.
 */
export function ok(call: BatchContext, body: unknown): MockReply {
  const reply = jsonReply(200, body);
  reply.headers['x-amzn-requestid'] = crypto.randomUUID();
  reply.headers.date = new Date(call.now()).toUTCString();
  return reply;
}

/** How a call is shown jobs: ARNs in the region it was signed for, array children from its session. */
export function viewOf(call: BatchCall): JobViewContext {
  return { region: regionOf(call.request), jobs: call.jobs };
}
