import type { Issue, Principal } from '../../src/index';
import { fault } from '../../src/index';
import type { FabricContext } from './types';

/**
 * The sample's two patterns (`SubjectAndAppToken.HeaderPattern` and `HeaderPatternWithEmptySubjectToken`), as
 * strict as it has them: the scheme as written, `subjectToken` first, `", "` between, each token an Entra ID
 * token (`eyJ` and JWT characters), or an empty subject token for app-only calls.
 */
const SUBJECT_AND_APP = /^SubjectAndAppToken1\.0 subjectToken="(eyJ[\w\-._]+)", appToken="(eyJ[\w\-._]+)"$/;
const APP_ONLY = /^SubjectAndAppToken1\.0 subjectToken="", appToken="(eyJ[\w\-._]+)"$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The two tokens of a well-formed header; `subjectToken` is '' in the app-only form. */
export interface SubjectAndAppTokens {
  readonly subjectToken: string;
  readonly appToken: string;
}

/**
 * Reads `SubjectAndAppToken1.0 subjectToken="<jwt>", appToken="<jwt>"` as the sample's `SubjectAndAppToken.Parse`
 * does; undefined when the header is missing or does not match either pattern.
 */
export function readSubjectAndAppTokens(header: string | undefined): SubjectAndAppTokens | undefined {
  if (header === undefined) return undefined;
  const both = SUBJECT_AND_APP.exec(header);
  if (both) return { subjectToken: both[1]!, appToken: both[2]! };
  const appOnly = APP_ONLY.exec(header);
  return appOnly ? { subjectToken: '', appToken: appOnly[1]! } : undefined;
}

/**
 * The headers the sample's `AuthenticateControlPlaneCall` reads, each with what makes it valid (in the order
 * they are reported). `ActivityId` and `RequestId` are required parameters of every operation, checked with
 * the rest of the request (400).
 */
const AUTH_HEADERS: readonly { name: string; valid: (value: string) => boolean }[] = [
  { name: 'Authorization', valid: (v) => readSubjectAndAppTokens(v) !== undefined },
  { name: 'x-ms-client-tenant-id', valid: (v) => GUID.test(v) },
];

/**
 * Every call carries the SubjectAndApp Authorization and the caller's tenant id. A missing or malformed one is
 * 401 AuthError (source External, not permanent) as the sample's AuthenticationException answers it, before
 * any validation; the message names the first, `moreDetails` both. jobmock checks the tokens' shape, not
 * their signatures.
 */
export function authenticateFabric(context: FabricContext): Principal {
  const headers = context.request.headers;
  const issues: Issue[] = [];
  for (const { name, valid } of AUTH_HEADERS) {
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
