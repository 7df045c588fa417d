import type { CallContext, Job, ValidCall } from '../../src/index';
import type { AwsBatchState } from './machine';

/** What the store keeps of a job; status and times come from its state and history. */
export interface BatchJobData {
  jobName: string;
  jobQueue: string;
  jobDefinition: string;
  statusReason?: string;
  isCancelled?: boolean;
  isTerminated?: boolean;
  parameters?: Record<string, string>;
  tags?: Record<string, string>;
}

export type BatchJob = Job<AwsBatchState, BatchJobData>;
export type BatchContext = CallContext<AwsBatchState, BatchJobData>;
export type BatchCall = ValidCall<AwsBatchState, BatchJobData>;
