import { fault } from '../../src/index';

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

/** The demo user with these credentials, or a 401 fault. */
export function checkCredentials(username: string, password: string): DemoUser {
  const user = DEMO_USERS.find((u) => u.username === username && u.password === password);
  if (!user) throw fault('Unauthenticated', 'Invalid username or password');
  return user;
}

/** The demo user of that name (a principal's subject). */
export function userNamed(username: string): DemoUser {
  return DEMO_USERS.find((u) => u.username === username) ?? DEMO_USERS[0]!;
}
