import type { ProviderStateHandler } from '../../src/index';
import { cancelledJobState, fault, heldJobState, isCancellable, isTerminal } from '../../src/index';
import { seedBatchJob } from './job-view';
import type { AwsBatchState } from './machine';
import { machine } from './machine';
import type { BatchResource } from './resources';
import type { BatchJob, BatchJobData } from './types';

/** Provider states AWS Batch adds to the engine's own (or handles itself), by exact name. */
export const AWS_BATCH_PROVIDER_STATES = [
  'a job that was cancelled in state {state}',
  'a job that was terminated in state {state}',
] as const;

type Handler = ProviderStateHandler<AwsBatchState, BatchJobData, BatchResource>;

const reasonOf = (params: Record<string, unknown>) =>
  typeof params.reason === 'string' ? params.reason : 'Cancelled by the provider state';

/** What CancelJob and TerminateJob leave on a job they end: the reason, and how it ended. */
function ending(job: BatchJob, reason: string, how: 'isCancelled' | 'isTerminated'): Partial<BatchJobData> {
  return {
    statusReason: reason,
    ...(how === 'isTerminated' ? { isTerminated: true } : {}),
    ...(isCancellable(machine, job.state) ? { isCancelled: true } : {}),
  };
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
        context.jobs.move(job, 'FAILED', { note: reason, data: ending(job, reason, 'isCancelled') });
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
    context.jobs.move(job, 'FAILED', { note: reason, data: ending(job, reason, 'isTerminated') });
    return values;
  },
};
