/** A demo KBase account: the user name a token stands for, and whether EE2 makes it an administrator. */
export interface KbaseAccount {
  readonly username: string;
  readonly realname: string;
  readonly admin: boolean;
}

/** Demo tokens (sent bare in `Authorization`, no `Bearer`), by token. */
export const DEMO_TOKENS: ReadonlyMap<string, KbaseAccount> = new Map([
  ['user-token', { username: 'user', realname: 'Demo User', admin: false }],
  ['admin-token', { username: 'admin', realname: 'Demo Admin', admin: true }],
]);

/** Who owns a job when the seed names no one: the demo user. */
export const DEFAULT_OWNER = 'user';

/** The user who owns "another user's" jobs (no demo token belongs to it). */
export const OTHER_USER = 'otheruser';

/** The display name of a user (demo accounts have one; others show their user name). */
export function realnameOf(username: string): string {
  return [...DEMO_TOKENS.values()].find((a) => a.username === username)?.realname ?? username;
}
