import { heldJobState } from '../../src/index';
import { seedKbaseJob } from './job-info';
import { machine } from './machine';

/** The user who owns "another user's" jobs (no demo token belongs to it). */
export const OTHER_USER = 'otheruser';

/** Provider states KBase needs beyond the engine's own, by exact name. */
export const KBASE_PROVIDER_STATES = ['a job {jobId} owned by another user in state {state}'] as const;

export const providerStates = {
  /** A job owned by OTHER_USER, held in the given state. */
  [KBASE_PROVIDER_STATES[0]]: heldJobState(KBASE_PROVIDER_STATES[0], machine, seedKbaseJob, () => ({
    owner: OTHER_USER,
  })),
} as const;
