import type { CallContext, JobSeed } from '../api';
import { fault } from '../core/fault';
import type { StoredJob } from '../core/job';
import type { Machine } from '../core/machine';

/** What an API's own job provider state adds to `a job {jobId} in state {state}`: the job's owner or fields. */
export type SeedParts<S extends string> = Pick<JobSeed<S>, 'owner' | 'fields'>;

/**
 * A provider state that places a job like the common `a job {jobId} in state {state}` (params `jobId` and
 * `state`, any job with that id replaced, the job held in its state), with the owner or fields the API derives
 * from the state's params: another user's job, a job under another item.
 *
 * @example heldJobState(name, machine, seedKbaseJob, () => ({ owner: OTHER_USER }))
 */
export function heldJobState<S extends string, D, V>(
  name: string,
  machine: Machine<S>,
  seedJob: (seed: JobSeed<S>, context: CallContext<S, D, V>) => StoredJob<S, D>,
  partsOf: (params: Record<string, unknown>) => SeedParts<S>,
): (params: Record<string, unknown>, context: CallContext<S, D, V>) => void {
  return (params, context) => {
    const { jobId, state } = params;
    if (jobId === undefined || !machine.states.includes(state as S)) {
      throw fault(
        'BadRequest',
        `Provider state "${name}" needs params jobId and state (one of ${machine.states.join(', ')})`,
      );
    }
    const id = String(jobId);
    const job = seedJob(Object.assign({ id, state: state as S }, partsOf(params)), context);
    job.held = true;
    context.jobs.replace(job);
  };
}
