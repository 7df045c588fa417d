import { Readable } from 'node:stream';
import type nock from 'nock';
import type { NetworkFault } from '../core/network-fault';
import { malformedBody, slowBodyPieces, truncatedBody } from '../core/network-fault';
import type { MockReply } from '../core/wire';
import { replyBodyText } from '../core/wire';

/** The request a nock reply function answers (it emits `close` when the client gives up). */
type NockRequest = nock.ReplyFnContext['req'];

/**
 * Carries out an injected network fault in a nock reply, as close to the wire as nock allows: a failed request
 * (`ECONNRESET`, as node's http client reports a reset or a close before any byte) for a reset before the headers
 * and an empty reply; a reply whose body stream fails (`aborted`, as node reports a connection closed mid-body)
 * after the headers, or after half the body; a body that does not parse; a body stream that trickles; and for a
 * hang, nothing until `ms` have passed, node's http client gave up (its timeout destroyed the request) or the
 * interception ends (`ended`: `dispose()`), then a failure. nock does not tell a fetch's abort to the reply, so a
 * fetch that gave up leaves the hang to run out or to end with the interception.
 *
 * nock hands node's http clients the headers together with the first piece of the body, so a reset after the
 * headers sends the body's first byte before it fails (a reply without a body fails before its headers there).
 */
export async function nockNetworkFault(
  reply: MockReply,
  fault: NetworkFault,
  headOnly: boolean,
  req: NockRequest,
  ended: AbortSignal,
): Promise<nock.ReplyFnResult> {
  switch (fault.kind) {
    case 'reset-before-headers':
      throw connectionError('read ECONNRESET');
    case 'empty-reply':
      throw connectionError('socket hang up');
    case 'hang':
      await hangUntilGivenUp(req, fault.ms ?? 0, ended);
      throw connectionError('socket hang up');
  }
  const text = headOnly ? undefined : replyBodyText(reply);
  const body = Buffer.from(text ?? '');
  const headers: Record<string, string> = { ...reply.headers };
  if (text !== undefined) headers['content-length'] = String(body.length);
  if (text === undefined && fault.kind !== 'slow-body') return [reply.status, failing(), headers];
  switch (fault.kind) {
    case 'reset-after-headers':
      return [reply.status, failing(body.subarray(0, 1)), headers];
    case 'malformed-body': {
      const malformed = Buffer.from(malformedBody(body));
      return [reply.status, malformed, { ...headers, 'content-length': String(malformed.length) }];
    }
    case 'truncated-body': {
      const part = truncatedBody(body);
      return [reply.status, failing(part.length ? part : body.subarray(0, 1)), headers];
    }
    case 'slow-body':
      return [reply.status, trickling(slowBodyPieces(body), fault.ms ?? 0), headers];
  }
}

/** An error as node reports a connection that went away (`code: 'ECONNRESET'`). */
function connectionError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

/** A body that sends `part` and then fails, as a connection closed before the body's end does. */
function failing(part: Uint8Array = new Uint8Array(0)): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent && part.length) {
        sent = true;
        this.push(part);
        return;
      }
      this.destroy(connectionError('aborted'));
    },
  });
}

/** A body whose pieces come one after another, spread evenly over `ms`. */
function trickling(pieces: readonly Uint8Array[], ms: number): Readable {
  const gap = pieces.length ? ms / pieces.length : ms;
  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  return new Readable({
    read() {
      timer = setTimeout(() => {
        const piece = pieces[next++];
        this.push(piece === undefined ? null : piece);
        if (next >= pieces.length && piece !== undefined) this.push(null);
      }, gap);
    },
    destroy(error, done) {
      clearTimeout(timer);
      done(error);
    },
  });
}

/** Resolves after `ms`, as soon as the client gives up on the request, or when the interception ends. */
function hangUntilGivenUp(req: NockRequest, ms: number, ended: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      req.off('close', done);
      ended.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    req.once('close', done);
    if (ended.aborted) done();
    else ended.addEventListener('abort', done, { once: true });
  });
}
