import type { NetworkFault } from './network-fault';

/**
 * The plain records every adapter (node:http, nock, fetch) turns a call into, and back.
 * Plain objects rather than WHATWG Request/Response: they cost nothing to build on the hot path.
 */
export type Headers = Record<string, string | undefined>;
export type Query = Record<string, string | string[] | undefined>;

export interface MockRequest {
  readonly method: string;
  /** Where the API is mounted (`/aws-batch`, or '' at the root); `base + path` is the path as sent. */
  readonly base: string;
  /** Path below the API's mount point, always starting with `/`, without the query string. */
  readonly path: string;
  readonly query: Query;
  /** Header names are lower case. */
  readonly headers: Headers;
  /** The raw body as received ('' when there is none). */
  readonly rawBody: string;
}

export interface MockReply {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, a pre-encoded string, or undefined for no body. */
  body?: unknown;
  /** An injected network fault that the transport carries out instead of writing the reply as it is. */
  network?: NetworkFault | undefined;
}

/** A reply with a JSON body and the given content type. */
export function jsonReply(status: number, body: unknown, contentType = 'application/json'): MockReply {
  return { status, headers: { 'content-type': contentType }, body };
}

/** A reply's body as the text sent on the wire (JSON for anything but a string); undefined for no body. */
export function replyBodyText(reply: MockReply): string | undefined {
  if (reply.body === undefined) return undefined;
  return typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
}

/** A reply with no body (204, 202). */
export function emptyReply(status: number, headers: Record<string, string> = {}): MockReply {
  return { status, headers };
}

/** The value of a single-valued query parameter (the first when repeated). */
export function queryValue(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}
