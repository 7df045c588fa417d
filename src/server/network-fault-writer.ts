import type { ServerResponse } from 'node:http';
import type { NetworkFault } from '../core/network-fault';
import { malformedBody, slowBodyPieces, truncatedBody } from '../core/network-fault';
import type { MockReply } from '../core/wire';
import { replyBodyText } from '../core/wire';

/**
 * Carries out an injected network fault on a node:http response, on the real socket: a TCP reset
 * (`resetAndDestroy`), a close with nothing sent, headers then a reset, a body that does not parse, half a
 * body then a close, nothing at all for a while, or a body written piece by piece. A hang and a slow body last
 * at most `limitMs` (the server's request timeout), and end early when the client goes away: no fault holds the
 * server or keeps it from serving other connections.
 */
export function writeNetworkFault(
  res: ServerResponse,
  reply: MockReply,
  fault: NetworkFault,
  headOnly: boolean,
  limitMs: number,
): void {
  const socket = res.socket;
  if (!socket) return;
  switch (fault.kind) {
    case 'reset-before-headers':
      socket.resetAndDestroy();
      return;
    case 'empty-reply':
      socket.end();
      return;
    case 'hang':
      closeAfter(res, Math.min(fault.ms ?? limitMs, limitMs));
      return;
  }
  const text = headOnly ? undefined : replyBodyText(reply);
  const body = Buffer.from(text ?? '');
  const headers: Record<string, string | number> = Object.assign({}, reply.headers);
  if (text === undefined && fault.kind !== 'slow-body') {
    // No body to break: the headers go out, then the connection is reset.
    res.writeHead(reply.status, headers);
    resetAfterHeaders(res);
    return;
  }
  switch (fault.kind) {
    case 'reset-after-headers':
      res.writeHead(reply.status, Object.assign(headers, { 'content-length': body.length }));
      resetAfterHeaders(res);
      return;
    case 'malformed-body': {
      const malformed = malformedBody(body);
      res.writeHead(reply.status, Object.assign(headers, { 'content-length': malformed.length }));
      res.end(malformed);
      return;
    }
    case 'truncated-body':
      res.writeHead(reply.status, Object.assign(headers, { 'content-length': body.length }));
      res.write(truncatedBody(body), () => socket.destroy());
      return;
    case 'slow-body':
      if (text !== undefined) headers['content-length'] = body.length;
      res.writeHead(reply.status, headers);
      dribble(res, slowBodyPieces(body), Math.min(fault.ms ?? limitMs, limitMs));
      return;
  }
}

/** Sends the headers, and resets the connection once they are on their way. */
function resetAfterHeaders(res: ServerResponse): void {
  const socket = res.socket!;
  res.flushHeaders();
  socket.write('', () => setImmediate(() => socket.resetAndDestroy()));
}

/** Closes the connection after `ms`, unless the client closed it first. */
function closeAfter(res: ServerResponse, ms: number): void {
  const socket = res.socket!;
  const timer = setTimeout(() => socket.destroy(), ms);
  socket.once('close', () => clearTimeout(timer));
}

/** Writes the pieces one after another, spread evenly over `ms`; stops when the client goes away. */
function dribble(res: ServerResponse, pieces: readonly Uint8Array[], ms: number): void {
  const gap = pieces.length ? ms / pieces.length : ms;
  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  const step = () => {
    const piece = pieces[next++];
    if (next >= pieces.length) {
      res.end(piece);
      return;
    }
    res.write(piece);
    timer = setTimeout(step, gap);
  };
  res.once('close', () => clearTimeout(timer));
  timer = setTimeout(step, gap);
}
