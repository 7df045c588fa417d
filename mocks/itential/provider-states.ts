import { fault } from '../../src/index';
import { logins } from './auth';
import { DEMO_USERS } from './demo-users';
import type { ItentialContext } from './types';

/**
 * Provider states beyond the engine's own. Pacts record a fixed session token; this state makes that token
 * stand for a demo user in the session under verification, as if that user had logged in.
 */
export const ITENTIAL_PROVIDER_STATES = ['a session token {token} for user {username}'] as const;

export const providerStates: Record<
  (typeof ITENTIAL_PROVIDER_STATES)[number],
  (params: Record<string, unknown>, context: ItentialContext) => void
> = {
  'a session token {token} for user {username}': (params, context) => {
    const user = DEMO_USERS.find((u) => u.username === params.username);
    if (typeof params.token !== 'string' || params.token === '' || !user) {
      throw fault(
        'BadRequest',
        `Needs params token (a string) and username (one of ${DEMO_USERS.map((u) => u.username).join(', ')})`,
      );
    }
    logins.register(context.data, params.token, user.username);
  },
};
