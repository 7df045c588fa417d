/**
 * Network faults: what happens to a reply on its way back, as data on the reply (`MockReply.network`) that each
 * transport (node:http, nock, fetch) carries out as far as it can. The call itself was handled (a cancel took
 * effect) unless the fault also says `ignore`.
 *
 * - `reset-before-headers`: the connection is reset (TCP RST) before any byte of the reply;
 * - `reset-after-headers`: the status line and headers arrive, then the connection is reset;
 * - `empty-reply`: the connection is closed with no byte sent;
 * - `malformed-body`: the status and headers arrive with a body that does not parse (its first half, then `<`);
 * - `truncated-body`: the headers promise the whole body, half of it arrives, then the connection closes;
 * - `hang`: nothing arrives for `ms`, then the connection closes (a client's timeout usually ends it first);
 * - `slow-body`: the headers arrive at once and the body trickles in over `ms`.
 *
 * A reply without a body (a 204) has no body to break: `malformed-body` and `truncated-body` then reset the
 * connection after its headers.
 */
export const NETWORK_FAULT_KINDS = [
  'reset-before-headers',
  'reset-after-headers',
  'empty-reply',
  'malformed-body',
  'truncated-body',
  'hang',
  'slow-body',
] as const;

export type NetworkFaultKind = (typeof NETWORK_FAULT_KINDS)[number];

/** A network fault: its kind, and for `hang` and `slow-body` how long (bounded by the server's `--max-hang`). */
export interface NetworkFault {
  readonly kind: NetworkFaultKind;
  readonly ms?: number | undefined;
}

/** How long a slow body takes when the fault names no time. */
export const DEFAULT_SLOW_BODY_MS = 1_000;

/** How many pieces a slow body is sent in (fewer when it has fewer bytes). */
export const SLOW_BODY_PIECES = 10;

/** The bytes of a malformed body: the first half of the real one, then `<` (as an HTML error page would start). */
export function malformedBody(body: Uint8Array): Uint8Array<ArrayBuffer> {
  const half = truncatedBody(body);
  const bytes = new Uint8Array(half.length + 1);
  bytes.set(half);
  bytes[half.length] = 0x3c;
  return bytes;
}

/** The part of a body a truncated reply sends: its first half (rounded down). */
export function truncatedBody<B extends ArrayBufferLike>(body: Uint8Array<B>): Uint8Array<B> {
  return body.subarray(0, Math.floor(body.length / 2));
}

/** A body cut into SLOW_BODY_PIECES pieces of about equal size (one a byte when it is shorter), in order. */
export function slowBodyPieces<B extends ArrayBufferLike>(body: Uint8Array<B>): Uint8Array<B>[] {
  const count = Math.min(SLOW_BODY_PIECES, body.length);
  const cut = (i: number) => Math.floor((i * body.length) / count);
  return Array.from({ length: count }, (_, i) => body.subarray(cut(i), cut(i + 1)));
}
