import type { ProviderStateHandler } from '../../src/index';
import { fault } from '../../src/index';
import { logins, ROUTE_ROLES, TOKEN_LIFETIME_MS } from './auth';
import type { DemoUser } from './demo-users';
import { DEMO_USERS } from './demo-users';
import type { ItentialState } from './machine';
import type { ItentialJobData, ItentialSessionValue } from './types';

/** Provider states beyond the engine's own: logged-in sessions, as the portal's service account holds one. */
export const ITENTIAL_PROVIDER_STATES = [
  'a session token {token} for user {username}',
  'a session of a user with role {role}',
  'a session of a user without a workflow_engine role',
] as const;

type Handler = ProviderStateHandler<ItentialState, ItentialJobData, ItentialSessionValue>;

/** The workflow_engine roles (any route's: they all allow the same ones). */
const WORKFLOW_ENGINE_ROLES = new Set(Object.values(ROUTE_ROLES).flat());

/** A new session token of `user` in the session under verification, as if the user had logged in. */
function sessionOf(user: DemoUser | undefined, explain: string): Handler {
  return (_params, context) => {
    if (!user) throw fault('BadRequest', explain);
    return {
      token: logins.issue(context.data, user.username, { now: context.now(), ttlMs: TOKEN_LIFETIME_MS }),
    };
  };
}

export const providerStates: Record<(typeof ITENTIAL_PROVIDER_STATES)[number], Handler> = {
  /** The fixed token `token` stands for the demo user `username`: a pact that records its token. */
  'a session token {token} for user {username}': (params, context) => {
    const user = DEMO_USERS.find((u) => u.username === params.username);
    if (typeof params.token !== 'string' || params.token === '' || !user) {
      throw fault(
        'BadRequest',
        `Needs params token (a string) and username (one of ${DEMO_USERS.map((u) => u.username).join(', ')})`,
      );
    }
    logins.register(context.data, params.token, user.username, context.now() + TOKEN_LIFETIME_MS);
  },
  /** A session of a demo user holding `role` (admin, engineering, support, apiwrite): `{ token }`. */
  'a session of a user with role {role}': (params, context) =>
    sessionOf(
      DEMO_USERS.find((u) => typeof params.role === 'string' && u.roles.includes(params.role)),
      `Needs the param role, one a demo user holds (${[...new Set(DEMO_USERS.flatMap((u) => u.roles))].join(', ')})`,
    )(params, context),
  /** A session of a demo user with no role any workflow_engine route allows: `{ token }`. */
  'a session of a user without a workflow_engine role': sessionOf(
    DEMO_USERS.find((u) => !u.roles.some((r) => WORKFLOW_ENGINE_ROLES.has(r))),
    'No demo user lacks every workflow_engine role',
  ),
};
