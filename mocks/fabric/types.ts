import type { CallContext, Job, ValidCall } from '../../src/index';
import type { components } from '../../specs/fabric/types.gen';
import type { FabricState } from './machine';

type Schemas = components['schemas'];

/** Where a job instance lives: a job instance belongs to one workspace, item and job type. */
export interface JobOwner {
  workspaceId: string;
  itemType: string;
  itemId: string;
  jobType: string;
}

/** What the store keeps of a job instance; status and times come from its state and history. */
export interface FabricJobData extends JobOwner {
  invokeType: Schemas['JobInvokeType'];
  creationPayload?: Schemas['CreateItemJobInstancePayload'];
  /** Why a `Failed` instance failed. */
  errorDetails?: Schemas['ErrorDetails'];
}

export type FabricJob = Job<FabricState, FabricJobData>;
export type FabricContext = CallContext<FabricState, FabricJobData>;
export type FabricCall = ValidCall<FabricState, FabricJobData>;
