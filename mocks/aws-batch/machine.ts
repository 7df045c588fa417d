import { defineMachine } from '../../src/index';

/**
 * AWS Batch job lifecycle (JobStatus in the botocore model). CancelJob moves SUBMITTED, PENDING and RUNNABLE
 * jobs to FAILED; STARTING and RUNNING need TerminateJob. Durations are the mock's default timeline.
 */
export const machine = defineMachine({
  states: ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED'],
  initial: 'SUBMITTED',
  terminal: ['SUCCEEDED', 'FAILED'],
  transitions: {
    SUBMITTED: ['PENDING', 'FAILED'],
    PENDING: ['RUNNABLE', 'FAILED'],
    RUNNABLE: ['STARTING', 'FAILED'],
    STARTING: ['RUNNING', 'FAILED'],
    RUNNING: ['SUCCEEDED', 'FAILED'],
  },
  cancellable: ['SUBMITTED', 'PENDING', 'RUNNABLE'],
  cancelTo: 'FAILED',
  timeline: {
    SUBMITTED: ['PENDING', 1_000],
    PENDING: ['RUNNABLE', 1_000],
    RUNNABLE: ['STARTING', 2_000],
    STARTING: ['RUNNING', 2_000],
    RUNNING: ['SUCCEEDED', 10_000],
  },
});

export type AwsBatchState = (typeof machine.states)[number];
