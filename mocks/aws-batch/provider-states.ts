import type { ProviderStateHandler } from '../../src/index';
import { cancelledJobState, fault, heldJobState, isCancellable, isTerminal } from '../../src/index';
import type { BatchJob, BatchJobData } from './job-detail';
import { seedBatchJob } from './job-detail';
import type { AwsBatchState } from './machine';
import { machine } from './machine';

/** Provider states AWS Batch adds to the engine's own (or handles itself), by exact name. */
export const AWS_BATCH_PROVIDER_STATES = [
  'a job that was cancelled in state {state}',
  'a job that was terminated in state {state}',
] as const;

type Handler = ProviderStateHandler<AwsBatchState, BatchJobData>;

const reasonOf = (params: Record<string, unknown>) =>
  typeof params.reason === 'string' ? params.reason : 'Cancelled by the provider state';

/** What CancelJob and TerminateJob leave on a job they end: FAILED, with the reason and how it ended. */
function end(job: BatchJob, reason: string, how: 'isCancelled' | 'isTerminated'): void {
  job.data.statusReason = reason;
  if (how === 'isTerminated') job.data.isTerminated = true;
  if (isCancellable(machine, job.state)) job.data.isCancelled = true;
}

const held = heldJobState('a job that was terminated in state {state}', machine, seedBatchJob);

export const providerStates: Readonly<Record<(typeof AWS_BATCH_PROVIDER_STATES)[number], Handler>> = {
  /** A job CancelJob ended from `state` (SUBMITTED, PENDING, RUNNABLE) with the param `reason`. */
  'a job that was cancelled in state {state}': cancelledJobState(
    AWS_BATCH_PROVIDER_STATES[0],
    machine,
    seedBatchJob,
    {
      cancel: (job, params, context) => {
        const reason = reasonOf(params);
        end(job, reason, 'isCancelled');
        context.jobs.move(job, 'FAILED', reason);
      },
    },
  ),
  /** A job TerminateJob ended from `state` (any unfinished state) with the param `reason`. */
  'a job that was terminated in state {state}': (params, context) => {
    if (isTerminal(machine, params.state as AwsBatchState))
      throw fault('BadRequest', `Provider state "${AWS_BATCH_PROVIDER_STATES[1]}" needs an unfinished state`);
    const values = held(params, context) as { jobId: string };
    const job = context.jobs.get(values.jobId)!;
    const reason = reasonOf(params);
    end(job, reason, 'isTerminated');
    context.jobs.move(job, 'FAILED', reason);
    return values;
  },
};
