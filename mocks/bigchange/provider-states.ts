import { fault, heldJobState } from '../../src/index';
import { JOB_SCOPES, stateTokens } from './auth';
import { DEMO_CUSTOMER_ID, OTHER_CUSTOMER_ID } from './demo-users';
import { seedBigChangeJob } from './job-view';
import { machine } from './machine';
import type { BigChangeContext } from './types';

/** Provider states BigChange adds to the engine's own, by exact name. */
export const PROVIDER_STATES = [
  'a job {jobId} of another customer in state {state}',
  'a token {token} with scopes {scopes}',
] as const;

/** The provider-state handlers (they build jobs the way the admin API does). */
export const providerStates = {
  /** A job held in `state` that belongs to another customer (`customerId`, default 8765): a 404 to others. */
  [PROVIDER_STATES[0]]: heldJobState(PROVIDER_STATES[0], machine, seedBigChangeJob, (params) => ({
    owner: String(params.customerId ?? OTHER_CUSTOMER_ID),
  })),
  /**
   * The bearer token `token` is valid in this session with exactly `scopes` (space-separated like OAuth's
   * `scope`, or a list; empty for none) for the demo customer (or `customerId`), as if the auth proxy had
   * issued it: pacts record a fixed token, since a real one is signed and expires.
   */
  [PROVIDER_STATES[1]]: (params: Record<string, unknown>, context: BigChangeContext) => {
    const { token } = params;
    const scopes = scopeList(params.scopes);
    const unknown = scopes?.filter((s) => !(JOB_SCOPES as readonly string[]).includes(s));
    if (typeof token !== 'string' || !/^\S+$/.test(token) || !scopes || unknown?.length)
      throw fault(
        'BadRequest',
        `Provider state "${PROVIDER_STATES[1]}" needs params token (a string without spaces) and scopes ` +
          `(space-separated, of ${JOB_SCOPES.join(', ')})${unknown?.length ? `; unknown: ${unknown.join(' ')}` : ''}`,
      );
    const customerId = Number(params.customerId ?? DEMO_CUSTOMER_ID);
    stateTokens.register(context.data, token, { scopes, customerId });
  },
};

/** `scopes` as a list: a space-separated string or an array of strings; undefined when it is neither. */
function scopeList(scopes: unknown): string[] | undefined {
  if (typeof scopes === 'string') return scopes.split(' ').filter((s) => s !== '');
  if (Array.isArray(scopes) && scopes.every((s) => typeof s === 'string')) return [...scopes];
  return undefined;
}
