import type { Principal } from '../../src/index';
import { fault, readSessionToken, SessionTokens } from '../../src/index';
import type { ItentialContext } from './job-document';

/** A demo IAP user: its login, its user id (an ObjectId, as job documents show owners) and its roles. */
export interface DemoUser {
  readonly username: string;
  readonly password: string;
  readonly id: string;
  readonly roles: readonly string[];
}

/**
 * The demo users. `admin@pronghorn` is IAP's default local admin, as in the spec's login example; `viewer`
 * holds no workflow_engine role, so every route but login answers it 403.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'admin', password: 'admin', id: '5a3496c64da02d9dfa0b2f91', roles: ['admin'] },
  { username: 'admin@pronghorn', password: 'admin', id: '5a3496c64da02d9dfa0b2f92', roles: ['admin'] },
  { username: 'operator', password: 'operator', id: '5b3496d74da02e9dfa0b2e91', roles: ['apiwrite'] },
  { username: 'viewer', password: 'viewer', id: '5c3496e84da02f9dfa0b2d91', roles: [] },
];

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

/** Logged-in users by session token, per engine session (a reset logs everyone out). */
export const logins = new SessionTokens<DemoUser>();

/** The demo user with these credentials, or a 401 fault. */
export function checkCredentials(username: string, password: string): DemoUser {
  const user = DEMO_USERS.find((u) => u.username === username && u.password === password);
  if (!user) throw fault('Unauthenticated', 'Invalid username or password');
  return user;
}

/** The demo user a principal stands for. */
export function userOf(principal: Principal): DemoUser {
  return DEMO_USERS.find((u) => u.username === principal.subject) ?? DEMO_USERS[0]!;
}

/**
 * A session token that this session issued (401 otherwise), held by a user with one of the route's roles
 * (403 otherwise).
 */
export function authenticateItential(context: ItentialContext): Principal {
  const token = readSessionToken(context.request, TOKEN_PLACES);
  if (token === undefined) throw fault('Unauthenticated', 'Not authenticated: log in and send the token');
  const user = logins.resolve(context.session, token);
  if (!user) throw fault('Unauthenticated', 'The session token is invalid or has expired; log in again');
  const allowed = ROUTE_ROLES[context.operation] ?? [];
  if (!user.roles.some((role) => allowed.includes(role))) {
    throw fault(
      'Forbidden',
      `User ${user.username} does not have a role allowed to call ${context.operation} (${allowed.join(', ')})`,
    );
  }
  return { subject: user.username, grants: user.roles };
}
