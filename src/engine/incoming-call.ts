import type { Headers, Query } from '../core/wire';

/** A call as a transport received it, before the engine picks the API. */
export interface IncomingCall {
  readonly method: string;
  /** Path and query string, as on the request line. */
  readonly url: string;
  /** Header names are lower case. */
  readonly headers: Headers;
  readonly rawBody: string;
  /** The body went over the size limit; the transport did not keep it. */
  readonly bodyTooLarge?: boolean;
  /** The transport refuses the call (e.g. a foreign Host or Origin); the API answers it with this fault. */
  readonly refusal?: { readonly kind: 'Forbidden'; readonly message: string } | undefined;
  /**
   * The path prefix the transport already removed from `url` (the path of an intercepted base URL). When set,
   * it is the request's `base` (signatures cover it, links include it) in place of the engine's mount point.
   */
  readonly base?: string | undefined;
}

/** Splits a request target into its path and query parameters (repeated names become lists). */
export function splitUrl(url: string): { path: string; query: Query } {
  const q = url.indexOf('?');
  if (q < 0) return { path: url || '/', query: {} };
  const query: Query = {};
  for (const [key, value] of new URLSearchParams(url.slice(q + 1))) {
    const existing = query[key];
    query[key] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return { path: url.slice(0, q) || '/', query };
}
