import { defineMachine } from '../../src/index';
import { batchGate } from './job-gate';

/** JobStatus in the botocore model. */
const BATCH_STATES = [
  'SUBMITTED',
  'PENDING',
  'RUNNABLE',
  'STARTING',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
] as const;

export type AwsBatchState = (typeof BATCH_STATES)[number];

/**
 * AWS Batch job lifecycle (JobStatus in the botocore model). CancelJob moves SUBMITTED, PENDING and RUNNABLE
 * jobs to FAILED; STARTING and RUNNING need TerminateJob. An array job's parent goes from PENDING straight to
 * SUCCEEDED or FAILED when its children are done. Durations are the mock's default timeline; the gate holds a
 * job that waits for others (dependencies, children, nodes).
 */
export const machine = defineMachine({
  states: BATCH_STATES,
  initial: 'SUBMITTED',
  terminal: ['SUCCEEDED', 'FAILED'],
  transitions: {
    SUBMITTED: ['PENDING', 'FAILED'],
    PENDING: ['RUNNABLE', 'SUCCEEDED', 'FAILED'],
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
  gate: batchGate,
});
