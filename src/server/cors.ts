import type { MockReply } from '../core/wire';

/** Headers a page can read without being told (Fetch §3.2.3, CORS-safelisted response header names). */
const SAFELISTED = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]);
/** Never exposed to a page (forbidden response header names), or about the connection or CORS itself. */
const NOT_EXPOSED = new Set(['set-cookie', 'set-cookie2', 'connection', 'keep-alive', 'vary']);
/**
 * Exposed on every reply, so a page reads them whenever they come: the APIs' request ids and error types,
 * auth challenges, redirects, back-off, and jobmock's own.
 */
const ALWAYS_EXPOSED = [
  'x-amzn-requestid',
  'x-amzn-errortype',
  'www-authenticate',
  'location',
  'retry-after',
  'x-jobmock-session',
  'x-jobmock-violations',
];
const METHODS = 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS';
/** How long a browser may keep a preflight's answer (Chromium caps it at 2 hours). */
export const PREFLIGHT_MAX_AGE_SECONDS = 600;
/** A header list as browsers send it in Access-Control-Request-Headers: tokens and commas. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9a-z-]+(?:\s*,\s*[!#$%&'*+.^_`|~0-9a-z-]+)*$/i;

/**
 * Parses `--cors`: `*` (or nothing) for any origin, else a comma-separated list of origins
 * (`scheme://host[:port]`, as browsers send them in `Origin`). Throws an error naming what is wrong.
 *
 * @example corsOrigins('http://localhost:5173, http://127.0.0.1:5173') // ['http://localhost:5173', 'http://127.0.0.1:5173']
 */
export function corsOrigins(value: string): '*' | string[] {
  if (value.trim() === '*') return '*';
  const origins = value.split(',').map((part) => part.trim());
  return origins.map((origin) => {
    if (origin === '*') throw new Error(`--cors "${value}": * stands alone (any origin), not in a list`);
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || !/^[a-z]+:\/\/[^/?#@]+\/?$/i.test(origin)) {
      throw new Error(
        `--cors "${value}": "${origin}" is not an origin; give scheme://host[:port] as the page's address bar shows it ` +
          `(http://localhost:5173), several separated by commas, or * for any`,
      );
    }
    return url.origin;
  });
}

/**
 * CORS for front ends on other origins, credentials included: the allowed request Origin is reflected
 * (`Access-Control-Allow-Origin` never says `*`, which browsers refuse with credentials), with
 * `Access-Control-Allow-Credentials: true`, `Vary: Origin` and an explicit expose list; preflights are answered
 * with the methods and the headers asked for and a `Max-Age`. A cookie set in reply to a cross-origin call gets
 * `SameSite=None; Secure`, without which browsers drop it (localhost and 127.0.0.1 are secure contexts, so
 * `Secure` works over plain http there). An API that answers CORS itself keeps its own headers.
 * https://fetch.spec.whatwg.org/#http-cors-protocol
 */
export class CorsPolicy {
  private readonly any: boolean;
  private readonly listed: ReadonlySet<string>;

  /** `origins`: `*` for any, or a comma-separated list (see corsOrigins). */
  constructor(origins: string) {
    const parsed = corsOrigins(origins);
    this.any = parsed === '*';
    this.listed = new Set(parsed === '*' ? [] : parsed);
  }

  /** Whether a page at `origin` (the `Origin` header) may call. */
  allows(origin: string): boolean {
    return this.any || this.listed.has(origin.toLowerCase());
  }

  /** The policy in a few words, for the banner. */
  describe(): string {
    return this.any ? 'any origin (reflected, with credentials)' : [...this.listed].join(', ');
  }

  /** The answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`). */
  preflight(headers: { readonly [name: string]: string | string[] | undefined }): MockReply {
    const reply: MockReply = {
      status: 204,
      headers: { vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' },
    };
    const origin = single(headers.origin);
    if (origin === undefined || !this.allows(origin)) return reply;
    Object.assign(reply.headers, {
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': METHODS,
      'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
    });
    const asked = single(headers['access-control-request-headers']);
    if (asked !== undefined && HEADER_LIST.test(asked)) reply.headers['access-control-allow-headers'] = asked;
    if (single(headers['access-control-request-private-network']) === 'true')
      reply.headers['access-control-allow-private-network'] = 'true';
    return reply;
  }

  /** Adds the CORS headers to a reply (left alone when the API sent CORS headers of its own). */
  decorate(reply: MockReply, headers: { readonly [name: string]: string | string[] | undefined }): void {
    const own = reply.headers;
    own.vary =
      own.vary === undefined ? 'Origin' : /\borigin\b/i.test(own.vary) ? own.vary : `${own.vary}, Origin`;
    if (own['access-control-allow-origin'] !== undefined) return;
    const origin = single(headers.origin);
    if (origin === undefined || !this.allows(origin)) return;
    own['access-control-allow-origin'] = origin;
    own['access-control-allow-credentials'] = 'true';
    own['access-control-expose-headers'] = exposed(own).join(', ');
    const cookie = own['set-cookie'];
    const sameOrigin = origin.toLowerCase() === `http://${single(headers.host)?.toLowerCase()}`;
    if (cookie !== undefined && !sameOrigin && !/;\s*samesite=/i.test(cookie)) {
      const secure = /;\s*secure\b/i.test(cookie) ? '' : '; Secure';
      const partitioned = /;\s*partitioned\b/i.test(cookie) ? '' : '; Partitioned';
      own['set-cookie'] = `${cookie}; SameSite=None${secure}${partitioned}`;
    }
  }
}

/** The reply's headers a page cannot read unless told, with the ones always exposed. */
function exposed(headers: Record<string, string>): string[] {
  const names = new Set(ALWAYS_EXPOSED);
  for (const name of Object.keys(headers)) {
    if (!SAFELISTED.has(name) && !NOT_EXPOSED.has(name) && !name.startsWith('access-control-'))
      names.add(name);
  }
  return [...names];
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
