import type { CallContext, Job, ValidCall } from '../../src/index';
import type { JobTermination } from '../../specs/kbase/types.gen';
import type { KbaseState } from './machine';

/** What the store keeps of a KBase job; the state's timestamps come from its history. */
export interface KbaseJobData {
  /** The queue the job runs on (njs, bigmem, ...). */
  clientGroup: string;
  /** EE2 `terminated_code`, set when the job ends in `terminate`. */
  terminatedCode?: JobTermination['code'];
  /** Why the job ended in `error`. */
  errorMessage?: string;
}

export type KbaseJob = Job<KbaseState, KbaseJobData>;
export type KbaseContext = CallContext<KbaseState, KbaseJobData>;
export type KbaseCall = ValidCall<KbaseState, KbaseJobData>;
