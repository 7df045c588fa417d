import { randomUUID } from 'node:crypto';
import type { Session } from '../core/session';
import type { MockRequest } from '../core/wire';
import { queryValue } from '../core/wire';

/**
 * Login-session tokens: the kind a `POST /login` returns and later calls send back as a cookie or a query
 * parameter (rather than an `Authorization` header). Tokens are opaque; what they stand for is kept per engine
 * session, so a token lives exactly as long as the session it was issued in and a reset forgets it.
 */

/** Where a session token may travel: a cookie name, a query parameter name, or both. */
export interface TokenPlaces {
  readonly cookie?: string;
  readonly query?: string;
}

/**
 * The value of one cookie in a `Cookie` request header (RFC 6265 §5.4: `name=value` pairs separated by `;`).
 *
 * @example readCookie('a=1; token=abc', 'token') // 'abc'
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The session token a request carries: the query parameter first (it is given explicitly for this one call),
 * then the cookie. Empty values count as absent.
 *
 * @example readSessionToken(request, { cookie: 'token', query: 'token' })
 */
export function readSessionToken(request: MockRequest, places: TokenPlaces): string | undefined {
  const fromQuery = places.query === undefined ? undefined : queryValue(request.query, places.query);
  if (fromQuery) return fromQuery;
  const fromCookie =
    places.cookie === undefined ? undefined : readCookie(request.headers.cookie, places.cookie);
  return fromCookie || undefined;
}

/**
 * A `Set-Cookie` header value (RFC 6265 §4.1), `HttpOnly; Path=/` unless other attributes are given.
 *
 * @example setCookie('token', 'abc') // 'token=abc; HttpOnly; Path=/'
 */
export function setCookie(
  name: string,
  value: string,
  attributes: readonly string[] = ['HttpOnly', 'Path=/'],
): string {
  return [`${name}=${value}`, ...attributes].join('; ');
}

/**
 * Tokens issued in engine sessions, each standing for a value (a user, a principal). Kept in a WeakMap keyed
 * by the session object, so a session that is reset or dropped takes its tokens with it.
 *
 * @example
 * const logins = new SessionTokens<string>();
 * const token = logins.issue(session, 'admin');
 * logins.resolve(session, token); // 'admin'
 */
export class SessionTokens<T> {
  private readonly bySession = new WeakMap<Session, Map<string, T>>();

  /** A new token for `value`: base64 of a random UUID (like `MTQ4ZmMz…`), safe in cookies and URLs. */
  issue(session: Session, value: T): string {
    const token = Buffer.from(randomUUID()).toString('base64');
    this.register(session, token, value);
    return token;
  }

  /** Makes a chosen token stand for `value` (provider states, fixtures). */
  register(session: Session, token: string, value: T): void {
    let tokens = this.bySession.get(session);
    if (!tokens) {
      tokens = new Map();
      this.bySession.set(session, tokens);
    }
    tokens.set(token, value);
  }

  /** What the token stands for in this session, or undefined for a missing or unknown token. */
  resolve(session: Session, token: string | undefined): T | undefined {
    return token === undefined ? undefined : this.bySession.get(session)?.get(token);
  }

  /** Forgets a token (logout). Returns whether it was known. */
  revoke(session: Session, token: string): boolean {
    return this.bySession.get(session)?.delete(token) ?? false;
  }
}
