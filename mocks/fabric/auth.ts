import type { Issue, Principal } from '../../src/index';
import { fault, parseAuthParams } from '../../src/index';
import type { FabricContext } from './types';

/** The SubjectAndApp scheme (`Contracts/SubjectAndAppToken.cs` of the official sample). */
export const SUBJECT_AND_APP_SCHEME = 'SubjectAndAppToken1.0';

/** An Entra ID token as the sample's pattern takes it: `eyJ` (a base64url JSON header) and JWT characters. */
const JWT_LIKE = /^eyJ[\w\-.]+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The two tokens of a well-formed header; `subjectToken` is '' in the app-only form. */
export interface SubjectAndAppTokens {
  readonly subjectToken: string;
  readonly appToken: string;
}

/**
 * Reads `SubjectAndAppToken1.0 subjectToken="<jwt>", appToken="<jwt>"` (auth-params, RFC 7235 §2.1).
 * Exactly those two parameters; the app token is a JWT, the subject token a JWT or empty (app-only).
 * Undefined when the header is missing or malformed.
 */
export function readSubjectAndAppTokens(header: string | undefined): SubjectAndAppTokens | undefined {
  const parsed = parseAuthParams(header);
  if (!parsed || parsed.scheme !== SUBJECT_AND_APP_SCHEME) return undefined;
  const names = Object.keys(parsed.params).sort();
  if (names.join(',') !== 'apptoken,subjecttoken') return undefined;
  const subjectToken = parsed.params.subjecttoken!;
  const appToken = parsed.params.apptoken!;
  if (!JWT_LIKE.test(appToken)) return undefined;
  if (subjectToken !== '' && !JWT_LIKE.test(subjectToken)) return undefined;
  return { subjectToken, appToken };
}

/** The headers Fabric always sends, each with what makes it valid (in the order they are reported). */
const REQUIRED_HEADERS: readonly { name: string; valid: (value: string) => boolean }[] = [
  { name: 'Authorization', valid: (v) => readSubjectAndAppTokens(v) !== undefined },
  { name: 'x-ms-client-tenant-id', valid: (v) => GUID.test(v) },
  { name: 'ActivityId', valid: (v) => v.trim() !== '' },
  { name: 'RequestId', valid: (v) => v.trim() !== '' },
];

/**
 * Every call carries the four Fabric headers. A missing or malformed one is 401 AuthError (source External,
 * not permanent) as the sample's AuthenticationException answers it, before any validation; the message
 * names the first, `moreDetails` all of them. jobmock checks the tokens' shape, not their signatures.
 */
export function authenticateFabric(context: FabricContext): Principal {
  const headers = context.request.headers;
  const issues: Issue[] = [];
  for (const { name, valid } of REQUIRED_HEADERS) {
    const value = headers[name.toLowerCase()];
    if (value === undefined || !valid(value))
      issues.push({ location: `header ${name}`, message: `Missing or invalid ${name} header` });
  }
  if (issues.length) throw fault('Unauthenticated', issues[0]!.message, { issues });
  const tokens = readSubjectAndAppTokens(headers.authorization)!;
  const tenant = headers['x-ms-client-tenant-id']!.toLowerCase();
  return {
    subject: `${tokens.subjectToken === '' ? 'app' : 'user'}@${tenant}`,
    grants: tokens.subjectToken === '' ? ['app'] : ['app', 'user'],
  };
}
