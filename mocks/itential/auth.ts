import type { Principal } from '../../src/index';
import { fault, readSessionToken, SessionTokens } from '../../src/index';
import { userNamed } from './demo-users';
import type { ItentialContext } from './types';

/** The roles each route allows: the spec's `x-roles` of each operation (a test keeps them equal). */
export const ROUTE_ROLES: Readonly<Record<string, readonly string[]>> = {
  startJobWithOptions: ['admin', 'engineering', 'support', 'apiwrite'],
  getJob: ['admin', 'engineering', 'support', 'apiwrite'],
  pauseJob: ['admin', 'engineering', 'support', 'apiwrite'],
  resumeJob: ['admin', 'engineering', 'support', 'apiwrite'],
  cancelJob: ['admin', 'engineering', 'support', 'apiwrite'],
};

/** The token travels as the `token` cookie that login sets, or as `?token=` (spec: tokenCookie, tokenQuery). */
export const TOKEN_PLACES = { cookie: 'token', query: 'token' } as const;

/** How long a session token lives after login (virtual time; `GET /myTtl` tells what is left). */
export const TOKEN_LIFETIME_MS = 3_600_000;

/** Logged-in usernames by session token, in each session's Itential data (a reset logs everyone out). */
export const logins = new SessionTokens<string>();

/**
 * A session token that this session issued and that has not expired (401 otherwise), held by a user with one of
 * the route's roles (403 otherwise).
 */
export function authenticateItential(context: ItentialContext): Principal {
  const token = readSessionToken(context.request, TOKEN_PLACES);
  if (token === undefined) throw fault('Unauthenticated', 'Not authenticated: log in and send the token');
  const username = logins.resolve(context.data, token, context.now());
  if (username === undefined)
    throw fault('Unauthenticated', 'The session token is invalid or has expired; log in again');
  const user = userNamed(username);
  // Routes without roles (logout, myTtl) take any user who is logged in.
  const allowed = ROUTE_ROLES[context.operation];
  if (allowed && !user.roles.some((role) => allowed.includes(role))) {
    throw fault(
      'Forbidden',
      `User ${user.username} does not have a role allowed to call ${context.operation} (${allowed.join(', ')})`,
    );
  }
  return { subject: user.username, grants: user.roles };
}
