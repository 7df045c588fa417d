import type { Principal } from '../../src/index';
import { fault } from '../../src/index';
import { DEMO_TOKENS } from './demo-users';
import type { KbaseContext } from './types';

/** The grant an EE2 administrator's principal carries. */
export const ADMIN_GRANT = 'ee2-admin';

/** What the KBase SDK server sends as `data` of -32000 when no Authorization header came. */
export const NO_AUTH_HEADER =
  'Authentication required for JobBrowserBFF but no authentication header was passed';

/** What the KBase SDK server sends as `data` of -32000 when the Auth service refuses the token. */
export const INVALID_TOKEN =
  'Token validation failed: Error connecting to auth service: 401 Unauthorized\n10020 Invalid token';

/**
 * Reads the raw token from `Authorization` (no scheme prefix; `Bearer x` is just an unknown token, as for
 * the real service) and looks it up. Failures are -32000 "Server error" with KBase's text as `data`.
 */
export function authenticateKbase(context: KbaseContext): Principal {
  const token = context.request.headers.authorization;
  if (token === undefined || token === '') {
    throw fault('Unauthenticated', NO_AUTH_HEADER, { code: -32000, data: NO_AUTH_HEADER });
  }
  const account = DEMO_TOKENS.get(token);
  if (!account) throw fault('Unauthenticated', INVALID_TOKEN, { code: -32000, data: INVALID_TOKEN });
  return { subject: account.username, grants: account.admin ? [ADMIN_GRANT] : [] };
}

export function isAdmin(principal: Principal): boolean {
  return principal.grants.includes(ADMIN_GRANT);
}
