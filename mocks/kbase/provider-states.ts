import { heldJobState } from '../../src/index';
import { OTHER_USER } from './demo-users';
import { seedKbaseJob } from './job-view';
import { machine } from './machine';

/** The demo user's token: the user that owns the jobs of the common states. */
const USER_TOKEN = 'user-token';

/** Provider states KBase needs beyond the engine's own, by exact name. */
export const KBASE_PROVIDER_STATES = [
  'a job {jobId} owned by another user in state {state}',
  'a user token',
  'a job owned by another user in state {state}',
] as const;

const otherUsersJob = (name: string) =>
  heldJobState(name, machine, seedKbaseJob, () => ({ owner: OTHER_USER }));

export const providerStates = {
  /** A job owned by OTHER_USER, held in the given state, under the id in param `jobId`. */
  [KBASE_PROVIDER_STATES[0]]: otherUsersJob(KBASE_PROVIDER_STATES[0]),
  /** The token of the user whose jobs the job states make: `{ token }`. */
  [KBASE_PROVIDER_STATES[1]]: () => ({ token: USER_TOKEN }),
  /** A job owned by OTHER_USER, held in the given state. */
  [KBASE_PROVIDER_STATES[2]]: otherUsersJob(KBASE_PROVIDER_STATES[2]),
} as const;
