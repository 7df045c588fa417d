import type { CallContext, JobSeed } from '../../src/index';
import { fault, heldJobState } from '../../src/index';
import { JOB_SCOPES, stateTokens } from './auth';
import type { BigChangeJob, BigChangeJobData } from './job-view';
import { DEMO_CUSTOMER_ID } from './job-view';
import type { BigChangeState } from './machine';
import { machine } from './machine';

/** The customer that owns the jobs of the states about another customer's job. */
export const OTHER_CUSTOMER_ID = 8765;

/** Provider states BigChange adds to the engine's own, by exact name. */
export const PROVIDER_STATES = [
  'a job {jobId} of another customer in state {state}',
  'a token {token} with scopes {scopes}',
  'a token with scopes {scopes}',
  'a job of another customer in state {state}',
] as const;

type Context = CallContext<BigChangeState, BigChangeJobData>;
type Seeder = (seed: JobSeed<BigChangeState>, context: Context) => BigChangeJob;

/** The provider-state handlers, given the seeding function (so they build jobs the way the admin API does). */
export function providerStates(seedJob: Seeder) {
  const otherCustomers = (name: string) =>
    heldJobState(name, machine, seedJob, (params) => ({
      owner: String(params.customerId ?? OTHER_CUSTOMER_ID),
    }));
  return {
    /** A job held in `state` under the id in param `jobId`, of customer `customerId` (default 8765). */
    [PROVIDER_STATES[0]]: otherCustomers(PROVIDER_STATES[0]),
    /** The bearer token `token` is valid in this session with exactly `scopes`: a pact that records its token. */
    [PROVIDER_STATES[1]]: (params: Record<string, unknown>, context: Context) => {
      const { token } = params;
      const scopes = checkedScopes(PROVIDER_STATES[1], params.scopes);
      if (typeof token !== 'string' || !/^\S+$/.test(token))
        throw fault(
          'BadRequest',
          `Provider state "${PROVIDER_STATES[1]}" needs the param token (a string without spaces)`,
        );
      stateTokens.register(context.session, token, scopes);
    },
    /**
     * A new bearer token valid in this session with exactly `scopes` (space-separated like OAuth's `scope`,
     * or a list; empty for none), as if the auth proxy had issued it, and the customer it works for (the one
     * the other states' jobs belong to): `{ token, customerId }`.
     */
    [PROVIDER_STATES[2]]: (params: Record<string, unknown>, context: Context) => {
      const scopes = checkedScopes(PROVIDER_STATES[2], params.scopes);
      return { token: stateTokens.issue(context.session, scopes), customerId: DEMO_CUSTOMER_ID };
    },
    /** A job held in `state` that belongs to another customer: a 404 to the app's customer. */
    [PROVIDER_STATES[3]]: otherCustomers(PROVIDER_STATES[3]),
  };
}

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
