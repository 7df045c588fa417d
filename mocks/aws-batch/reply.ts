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
  reply.headers.date = httpDate(call.now());
  return reply;
}

let lastDate = { second: NaN, text: '' };

/** An HTTP date (RFC 9110 §5.6.7) for epoch ms; formatting is slow, and calls come many a second. */
function httpDate(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastDate.second) lastDate = { second, text: new Date(second * 1000).toUTCString() };
  return lastDate.text;
}

/** How a call is shown jobs: ARNs in the region it was signed for, array children from its session. */
export function viewOf(call: BatchCall): JobViewContext {
  return { region: regionOf(call.request), jobs: call.jobs };
}
