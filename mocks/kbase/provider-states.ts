import { heldJobState } from '../../src/index';
import { OTHER_USER } from './demo-users';
import { seedKbaseJob } from './job-view';
import { machine } from './machine';

/** Provider states KBase needs beyond the engine's own, by exact name. */
export const KBASE_PROVIDER_STATES = ['a job {jobId} owned by another user in state {state}'] as const;

export const providerStates = {
  /** A job owned by OTHER_USER, held in the given state. */
  [KBASE_PROVIDER_STATES[0]]: heldJobState(KBASE_PROVIDER_STATES[0], machine, seedKbaseJob, () => ({
    owner: OTHER_USER,
  })),
} as const;
