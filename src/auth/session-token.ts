import type { MockRequest } from '../core/wire';
import type { SessionData } from '../store/session-data';
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

/** A token an API issued in a session: what it stands for, and until when (virtual time) if it expires. */
export interface IssuedToken<T> {
  readonly value: T;
  readonly expiresAt?: number | undefined;
}

/**
 * Tokens an API issued, kept in its per-session data (under `token:<token>`), so they live exactly as long as the
 * session, survive a `--state-file` restart with it, and a reset forgets them.
 *
 * @example
 * const logins = new SessionTokens<string>();
 * const token = logins.issue(call.data, 'admin', { now: call.now(), ttlMs: 3_600_000 });
 * logins.resolve(call.data, token, call.now()); // 'admin'
 */
export class SessionTokens<T> {
  /** A new token for `value`: base64 of a random UUID (like IAP's `MTQ4ZmMz…`), safe in cookies and URLs. */
  issue(
    data: SessionData<IssuedToken<T>>,
    value: T,
    life: { now: number; ttlMs?: number | undefined },
  ): string {
    const token = btoa(crypto.randomUUID());
    this.register(data, token, value, life.ttlMs === undefined ? undefined : life.now + life.ttlMs);
    return token;
  }

  /** Makes a chosen token stand for `value` (provider states, fixtures), until `expiresAt` if given. */
  register(data: SessionData<IssuedToken<T>>, token: string, value: T, expiresAt?: number): void {
    data.set(KEY + token, expiresAt === undefined ? { value } : { value, expiresAt });
  }

  /** What the token stands for at `now`, or undefined for a missing, unknown or expired token. */
  resolve(data: SessionData<IssuedToken<T>>, token: string | undefined, now: number): T | undefined {
    if (token === undefined) return undefined;
    const issued = data.get(KEY + token);
    if (!issued || (issued.expiresAt !== undefined && issued.expiresAt <= now)) return undefined;
    return issued.value;
  }

  /** Forgets a token (logout). Returns whether it was known. */
  revoke(data: SessionData<IssuedToken<T>>, token: string): boolean {
    return data.delete(KEY + token);
  }
}

const KEY = 'token:';
