import type { CallContext, JobSeed } from '../../src/index';
import { fault } from '../../src/index';
import type { BigChangeJob, BigChangeJobData } from './job-view';
import type { BigChangeState } from './machine';
import { machine } from './machine';

/** The customer that owns the jobs of `a job {jobId} of another customer in state {state}`. */
export const OTHER_CUSTOMER_ID = 8765;

/** Provider states BigChange adds to the engine's own, by exact name. */
export const PROVIDER_STATES = ['a job {jobId} of another customer in state {state}'] as const;

type Context = CallContext<BigChangeState, BigChangeJobData>;
type Seeder = (seed: JobSeed<BigChangeState>, context: Context) => BigChangeJob;

/** The provider-state handlers, given the seeding function (so they build jobs the way the admin API does). */
export function providerStates(seedJob: Seeder) {
  return {
    /** A job held in `state` that belongs to another customer (`customerId`, default 8765): a 404 to others. */
    [PROVIDER_STATES[0]]: (params: Record<string, unknown>, context: Context) => {
      const { jobId, state } = params;
      if (
        jobId === undefined ||
        typeof state !== 'string' ||
        !(machine.states as readonly string[]).includes(state)
      )
        throw fault(
          'BadRequest',
          `Provider state "${PROVIDER_STATES[0]}" needs params jobId and a state of bigchange`,
        );
      context.jobs.delete(String(jobId));
      const owner = String(params.customerId ?? OTHER_CUSTOMER_ID);
      const job = seedJob({ id: String(jobId), state: state as BigChangeState, owner }, context);
      job.held = true;
      context.jobs.add(job);
    },
  };
}
