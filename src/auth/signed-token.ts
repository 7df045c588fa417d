import { base64UrlOfBytes, fromBase64Url, toBase64Url } from '../core/base64url';
import { hmacSha256, sameDigest } from './digests';

/**
 * Bearer tokens as compact JWTs signed with HMAC-SHA256 (RFC 7519, JWS RFC 7515, `alg: HS256` RFC 7518 §3.2),
 * for mocks whose real service issues JWT access tokens. Times are checked against the caller's clock (the
 * virtual clock), in whole seconds as JWT `iat`/`exp` are (RFC 7519 §4.1.4).
 */

/** The claims of a token: `sub`, `scope` (space-separated, RFC 8693 §4.2), `iat`, `exp` and any extras. */
export interface TokenClaims {
  readonly sub: string;
  readonly scope: string;
  /** Issued at, seconds since the epoch. */
  readonly iat: number;
  /** Expires at, seconds since the epoch. */
  readonly exp: number;
  readonly [extra: string]: unknown;
}

export interface IssueTokenOptions {
  readonly secret: string;
  /** The current time in epoch ms (the virtual clock). */
  readonly now: number;
  /** How long the token lives, in seconds. */
  readonly ttlSeconds: number;
}

export type TokenCheck =
  | { readonly valid: true; readonly claims: TokenClaims; readonly scopes: readonly string[] }
  | { readonly valid: false; readonly reason: string };

const HEADER = toBase64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Issues a signed token carrying `subject`, `scopes` and any extra claims.
 *
 * @example issueSignedToken('demo', ['jobs:read'], {}, { secret: 's', now: clock.now(), ttlSeconds: 3600 })
 */
export function issueSignedToken(
  subject: string,
  scopes: readonly string[],
  extra: Readonly<Record<string, unknown>>,
  options: IssueTokenOptions,
): string {
  const iat = Math.floor(options.now / 1000);
  const claims = { ...extra, sub: subject, scope: scopes.join(' '), iat, exp: iat + options.ttlSeconds };
  const unsigned = `${HEADER}.${toBase64Url(JSON.stringify(claims))}`;
  return `${unsigned}.${sign(unsigned, options.secret)}`;
}

/**
 * Checks a token's form, signature (constant-time) and lifetime at `now` (epoch ms).
 *
 * @example const check = verifySignedToken(token, { secret: 's', now: clock.now() }); if (check.valid) check.scopes
 */
export function verifySignedToken(token: string, options: { secret: string; now: number }): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { valid: false, reason: 'The access token is not a JWT' };
  const [header, payload, signature] = parts as [string, string, string];
  if (!sameDigest(signature, sign(`${header}.${payload}`, options.secret)))
    return { valid: false, reason: 'The access token signature is invalid' };
  const alg = (decode(header) as { alg?: unknown } | undefined)?.alg;
  if (alg !== 'HS256') return { valid: false, reason: 'The access token algorithm is not HS256' };
  const claims = decode(payload) as Partial<TokenClaims> | undefined;
  if (
    !claims ||
    typeof claims.sub !== 'string' ||
    typeof claims.scope !== 'string' ||
    typeof claims.iat !== 'number' ||
    typeof claims.exp !== 'number'
  )
    return { valid: false, reason: 'The access token claims are malformed' };
  const now = Math.floor(options.now / 1000);
  if (now >= claims.exp) return { valid: false, reason: 'The access token expired' };
  if (claims.iat > now) return { valid: false, reason: 'The access token is not valid yet' };
  const scopes = claims.scope.split(' ').filter((s) => s !== '');
  return { valid: true, claims: claims as TokenClaims, scopes };
}

function sign(unsigned: string, secret: string): string {
  return base64UrlOfBytes(hmacSha256(secret, unsigned));
}

function decode(part: string): unknown {
  try {
    const value: unknown = JSON.parse(fromBase64Url(part));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
