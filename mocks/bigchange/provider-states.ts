import type { ProviderStateHandler } from '../../src/index';
import { fault, heldJobState } from '../../src/index';
import { JOB_SCOPES, stateTokens, TOKEN_LIFETIME_SECONDS } from './auth';
import { DEMO_CUSTOMER_ID, OTHER_CUSTOMER_ID } from './demo-users';
import { seedBigChangeJob } from './job-view';
import type { BigChangeState } from './machine';
import { machine } from './machine';
import type { BigChangeJobData, BigChangeSessionValue } from './types';

/** Provider states BigChange adds to the engine's own, by exact name. */
export const PROVIDER_STATES = [
  'a job {jobId} of another customer in state {state}',
  'a token {token} with scopes {scopes}',
  'a token with scopes {scopes}',
  'a job of another customer in state {state}',
] as const;

type Handler = ProviderStateHandler<BigChangeState, BigChangeJobData, BigChangeSessionValue>;

/** A job held in `state` of customer `customerId` (default 8765): a 404 to the app's customer. */
const otherCustomers = (name: string): Handler =>
  heldJobState(name, machine, seedBigChangeJob, (params) => ({
    owner: String(params.customerId ?? OTHER_CUSTOMER_ID),
  }));

/** How long a token a provider state makes lives (as one the auth proxy issues). */
const TOKEN_LIFETIME_MS = TOKEN_LIFETIME_SECONDS * 1000;

export const providerStates: Readonly<Record<(typeof PROVIDER_STATES)[number], Handler>> = {
  /** A job held in `state` under the id in param `jobId`, of customer `customerId` (default 8765). */
  [PROVIDER_STATES[0]]: otherCustomers(PROVIDER_STATES[0]),
  /**
   * The bearer token `token` is valid in this session with exactly `scopes`, for the demo customer (or
   * `customerId`): a pact that records its token.
   */
  [PROVIDER_STATES[1]]: (params, context) => {
    const { token } = params;
    const scopes = checkedScopes(PROVIDER_STATES[1], params.scopes);
    if (typeof token !== 'string' || !/^\S+$/.test(token))
      throw fault(
        'BadRequest',
        `Provider state "${PROVIDER_STATES[1]}" needs the param token (a string without spaces)`,
      );
    const customerId = Number(params.customerId ?? DEMO_CUSTOMER_ID);
    stateTokens.register(context.data, token, { scopes, customerId }, context.now() + TOKEN_LIFETIME_MS);
  },
  /**
   * A new bearer token valid in this session with exactly `scopes` (space-separated like OAuth's `scope`, or a
   * list; empty for none), as if the auth proxy had issued it, and the customer it works for (the one the
   * other states' jobs do not belong to): `{ token, customerId }`.
   */
  [PROVIDER_STATES[2]]: (params, context) => {
    const scopes = checkedScopes(PROVIDER_STATES[2], params.scopes);
    const grant = { scopes, customerId: DEMO_CUSTOMER_ID };
    const token = stateTokens.issue(context.data, grant, { now: context.now(), ttlMs: TOKEN_LIFETIME_MS });
    return { token, customerId: DEMO_CUSTOMER_ID };
  },
  /** A job held in `state` that belongs to another customer: a 404 to the app's customer. */
  [PROVIDER_STATES[3]]: otherCustomers(PROVIDER_STATES[3]),
};

/** `scopes` as a list (a space-separated string or an array of strings), each one of JOB_SCOPES. */
function checkedScopes(state: string, scopes: unknown): string[] {
  const list =
    typeof scopes === 'string'
      ? scopes.split(' ').filter((s) => s !== '')
      : Array.isArray(scopes) && scopes.every((s) => typeof s === 'string')
        ? [...scopes]
        : undefined;
  const unknown = list?.filter((s) => !(JOB_SCOPES as readonly string[]).includes(s)) ?? [];
  if (!list || unknown.length)
    throw fault(
      'BadRequest',
      `Provider state "${state}" needs the param scopes (space-separated, of ${JOB_SCOPES.join(', ')})` +
        (unknown.length ? `; unknown: ${unknown.join(' ')}` : ''),
    );
  return list;
}
