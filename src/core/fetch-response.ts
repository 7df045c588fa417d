import type { NetworkFault } from './network-fault';
import { malformedBody, slowBodyPieces, truncatedBody } from './network-fault';
import type { MockReply } from './wire';
import { replyBodyText } from './wire';

/** Statuses whose responses have no body (Fetch standard: null body status). */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * A reply as a WHATWG Response, with its injected network fault carried out as far as fetch can show one: a
 * rejected fetch (`TypeError: fetch failed`, its cause `ECONNRESET`, as Node's fetch reports it) for a reset
 * before the headers or an empty reply; a Response whose body fails (`TypeError: terminated`) for a reset after
 * the headers or a truncated body; a body that does not parse; a body that trickles; and for a hang, nothing
 * until the request's signal aborts (its reason is the rejection, as with fetch) or `ms` pass. Runs wherever
 * fetch runs (Node, browsers, service workers).
 *
 * @example return fetchResponse(await service.handle(call), request.signal);
 */
export async function fetchResponse(reply: MockReply, signal?: AbortSignal): Promise<Response> {
  const fault = reply.network;
  const text = NULL_BODY.has(reply.status) ? undefined : replyBodyText(reply);
  if (!fault) return new Response(text ?? null, { status: reply.status, headers: reply.headers });
  if (fault.kind === 'hang') await hang(fault.ms ?? 0, signal);
  if (fault.kind === 'reset-before-headers' || fault.kind === 'empty-reply' || fault.kind === 'hang')
    throw new TypeError('fetch failed', { cause: connectionError(fault) });
  const headers = new Headers(reply.headers);
  if (text === undefined) return new Response(null, { status: reply.status, headers });
  const body = new TextEncoder().encode(text);
  headers.set('content-length', String(body.length));
  return new Response(brokenBody(body, fault), { status: reply.status, headers });
}

/** The body stream a network fault leaves of a reply's body. */
function brokenBody(
  body: Uint8Array<ArrayBuffer>,
  fault: NetworkFault,
): ConstructorParameters<typeof Response>[0] {
  switch (fault.kind) {
    case 'malformed-body':
      return malformedBody(body);
    case 'slow-body':
      return trickling(slowBodyPieces(body), fault.ms ?? 0);
    default:
      return failing(fault.kind === 'truncated-body' ? truncatedBody(body) : new Uint8Array(0));
  }
}

function failing(part: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (part.length) controller.enqueue(part);
    },
    pull(controller) {
      controller.error(new TypeError('terminated', { cause: connectionError({ kind: 'truncated-body' }) }));
    },
  });
}

function trickling(pieces: readonly Uint8Array[], ms: number): ReadableStream<Uint8Array> {
  const gap = pieces.length ? ms / pieces.length : ms;
  let next = 0;
  return new ReadableStream({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, gap));
      const piece = pieces[next++];
      if (piece) controller.enqueue(piece);
      if (next >= pieces.length) controller.close();
    },
  });
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first (as fetch does). */
function hang(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}

/** The error a connection that went away leaves (`code: 'ECONNRESET'`, `other side closed` for a clean close). */
function connectionError(fault: NetworkFault): Error {
  const message = fault.kind === 'reset-before-headers' ? 'read ECONNRESET' : 'other side closed';
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}
