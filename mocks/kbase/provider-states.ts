import { fault } from '../../src/index';
import type { KbaseContext } from './job-info';
import { seedKbaseJob } from './job-info';
import type { KbaseState } from './machine';
import { machine } from './machine';

/** The user who owns "another user's" jobs (no demo token belongs to it). */
export const OTHER_USER = 'otheruser';

/** Provider states KBase needs beyond the engine's own, by exact name. */
export const KBASE_PROVIDER_STATES = ['a job {jobId} owned by another user in state {state}'] as const;

/** Creates (or replaces) a job owned by OTHER_USER, held in the given state. */
function jobOfAnotherUser(params: Record<string, unknown>, context: KbaseContext): void {
  const { jobId, state } = params;
  if (jobId === undefined || typeof state !== 'string' || !machine.states.includes(state as KbaseState)) {
    throw fault(
      'BadRequest',
      `Provider state "${KBASE_PROVIDER_STATES[0]}" needs params jobId and state (one of ${machine.states.join(', ')})`,
    );
  }
  const id = String(jobId);
  context.jobs.delete(id);
  const job = seedKbaseJob({ id, state: state as KbaseState, owner: OTHER_USER }, context);
  job.held = true;
  context.jobs.add(job);
}

export const providerStates = {
  [KBASE_PROVIDER_STATES[0]]: jobOfAnotherUser,
} as const;
